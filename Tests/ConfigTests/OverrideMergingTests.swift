import Config
import Foundation
import Testing

@Suite("Per-site overrides")
struct OverrideMergingTests {
    static let json = """
        {
          "fetch": {"timeout": 30, "retries": 2},
          "politeness": {"maxConcurrent": 8, "delay": 2},
          "sites": [
            {"name": "plain", "profile": "p", "seeds": ["https://a.example/"]},
            {"name": "slow", "profile": "p", "seeds": ["https://b.example/"],
             "politeness": {"delay": 10, "perHost": 1, "robots": false},
             "fetch": {"timeout": 120, "maxBodyBytes": 1048576}},
            {"name": "wide", "profile": "p", "seeds": ["https://c.example/"],
             "politeness": {"maxConcurrent": 32, "perHost": 32}}
          ]
        }
        """

    struct Expectation: Sendable, CustomTestStringConvertible {
        var site: String
        var fetch: FetchSettings
        var politeness: PolitenessSettings
        var testDescription: String { site }
    }

    static let expectations = [
        // No overrides: the global settings, which themselves override the defaults key by key.
        Expectation(
            site: "plain",
            fetch: FetchSettings(timeout: 30, retries: 2),
            politeness: PolitenessSettings(maxConcurrent: 8, perHost: 2, delay: 2, robots: true)
        ),
        // Only the keys the site gives change; the rest come from the global object, then the defaults.
        Expectation(
            site: "slow",
            fetch: FetchSettings(
                connectTimeout: 10, timeout: 120, stallTimeout: 30, maxBodyBytes: 1_048_576, retries: 2,
                maxRedirects: 10),
            politeness: PolitenessSettings(maxConcurrent: 8, perHost: 1, delay: 10, robots: false, maxCrawlDelay: 30)
        ),
        // perHost above the global maxConcurrent is fine when the site raises maxConcurrent too.
        Expectation(
            site: "wide",
            fetch: FetchSettings(timeout: 30, retries: 2),
            politeness: PolitenessSettings(maxConcurrent: 32, perHost: 32, delay: 2, robots: true)
        ),
    ]

    @Test(arguments: expectations)
    func effectiveSettings(_ expectation: Expectation) throws {
        let config = try ThreadkeeperConfig.decode(Data(Self.json.utf8), source: "merge.json")
        let site = try #require(config.site(named: expectation.site))
        #expect(config.fetchSettings(for: site) == expectation.fetch)
        #expect(config.politeness(for: site) == expectation.politeness)
    }

    @Test func globalSettingsAreNotChangedByASite() throws {
        let config = try ThreadkeeperConfig.decode(Data(Self.json.utf8), source: "merge.json")
        #expect(config.fetch == FetchSettings(timeout: 30, retries: 2))
        #expect(config.politeness == PolitenessSettings(maxConcurrent: 8, delay: 2))
    }
}
