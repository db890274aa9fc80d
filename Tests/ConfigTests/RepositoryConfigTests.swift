import Config
import Foundation
import Testing

@Suite("The repository's config.json")
struct RepositoryConfigTests {
    /// `config.json` at the repository root, two folders above this file.
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent(ThreadkeeperConfig.defaultPath)
        .path

    @Test func loadsWithTheDocumentedSettings() throws {
        let config = try ThreadkeeperConfig.load(from: Self.path)
        #expect(config.archive == "archive")
        #expect(config.userAgent.hasPrefix("threadkeeper/"))
        #expect(
            config.fetch
                == FetchSettings(
                    connectTimeout: 10, timeout: 60, stallTimeout: 30, maxBodyBytes: 20_971_520, retries: 3,
                    maxRedirects: 10)
        )
        #expect(config.politeness == PolitenessSettings(maxConcurrent: 16, perHost: 2, delay: 1, robots: true))
        #expect(config.schedule == ScheduleSettings(minInterval: 900, maxInterval: 86_400, retireAfter: 30 * 86_400))
        #expect(config.profiles.isEmpty)
    }

    @Test func hasTheThreeSites() throws {
        let config = try ThreadkeeperConfig.load(from: Self.path)
        #expect(
            config.sites == [
                SiteConfig(
                    name: "du", profile: "democraticunderground", timeZone: "America/New_York",
                    seeds: ["https://www.democraticunderground.com/?com=forum&id=1014"], listingPages: 2,
                    threadPages: 50),
                SiteConfig(
                    name: "hn", profile: "hackernews", timeZone: "UTC", seeds: ["https://news.ycombinator.com/news"]),
                SiteConfig(name: "lobsters", profile: "lobsters", seeds: ["https://lobste.rs/"]),
            ]
        )
        let du = try #require(config.site(named: "du"))
        #expect(config.politeness(for: du) == config.politeness)
        #expect(config.fetchSettings(for: du) == config.fetch)
    }
}
