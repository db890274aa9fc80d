import Foundation
import Testing

/// One broken configuration for `threadkeeper profiles --config`: what the one-line error must name.
struct BrokenConfig: Sendable, CustomTestStringConvertible {
    var name: String
    var json: String
    var naming: [String]

    var testDescription: String { name }
}

private let brokenConfigs: [BrokenConfig] = [
    BrokenConfig(
        name: "a bad XPath in a profile's thread title",
        json: #"{"profiles": [{"name": "broken", "thread": {"title": "//h1[", "posts": [{"node": "//div"}]}}]}"#,
        naming: ["config.json", "broken", "$.thread.title", "//h1["]),
    BrokenConfig(
        name: "a bad XPath in the second alternative of a post field",
        json: #"""
            {"profiles": [{"name": "loopforum", "detect": {"listing": ["//ul"]}, "listing": {"rows": "//li"}},
                          {"name": "broken2", "thread": {"posts": [{"node": "//div[@class='post']",
                                                                    "author": ["./b", ".//b[@@x]"]}]}}]}
            """#,
        naming: ["config.json", "broken2", "posts[0].author[1]", ".//b[@@x]"]),
    BrokenConfig(
        name: "an unknown key at the top level",
        json: #"{"archive": "archive", "polite": {"delay": 0}}"#,
        naming: ["config.json", "$.polite", "unknown key"]),
    BrokenConfig(
        name: "an unknown key in a site's politeness",
        json: #"""
            {"sites": [{"name": "x", "profile": "phpbb", "seeds": ["http://127.0.0.1:9/"],
                        "politeness": {"robots": false, "bogus": 1}}]}
            """#,
        naming: ["config.json", "$.sites[0].politeness.bogus", "unknown key"]),
    BrokenConfig(
        name: "an unknown key in a profile",
        json: #"{"profiles": [{"name": "typo", "thread": {"titel": "//h1"}}]}"#,
        naming: ["config.json", "typo", "titel"]),
    BrokenConfig(
        name: "not JSON",
        json: #"{"profiles": [}"#,
        naming: ["config.json"]),
]

@Suite("threadkeeper profiles")
struct ProfilesTests {
    @Test("lists the built-in profiles, one per line")
    func listsBuiltIns() async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["profiles"], in: folder.url)
        #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.isEmpty, "\(outcome)")
        let names = outcome.stdoutLines.map { String($0.prefix { $0 != "\t" && $0 != " " }) }
        for name in ["hackernews", "phpbb", "xenforo", "democraticunderground", "reddit", "discourse"] {
            #expect(names.contains(name), "\(name) missing: \(outcome)")
        }
        #expect(!names.contains("loopforum"))
        #expect(Set(names).count == names.count, "a profile is listed twice: \(names)")
    }

    @Test("a profile defined in --config is listed beside the built-in ones")
    func listsConfigProfile() async throws {
        let folder = try TemporaryFolder()
        try folder.write("config.json", Fixtures.loopbackConfig(seeds: []))
        let empty = try TemporaryFolder()
        let builtIn = try await CLI.run(["profiles"], in: empty.url)
        let outcome = try await CLI.run(["profiles", "--config", "config.json"], in: folder.url)
        #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.isEmpty, "\(outcome)")
        let line = outcome.stdoutLines.first { $0.hasPrefix("loopforum") }
        #expect(line?.contains("listing") == true, "\(outcome)")
        #expect(line?.contains("A forum that exists only in the CLI tests") == true, "\(outcome)")
        #expect(outcome.stdoutLines.count == builtIn.stdoutLines.count + 1)
        #expect(outcome.stdoutLines.contains { $0.hasPrefix("phpbb") })
    }

    @Test("a broken config fails with one line naming the file, the JSON path and the cause", arguments: brokenConfigs)
    func brokenConfig(_ config: BrokenConfig) async throws {
        let folder = try TemporaryFolder()
        try folder.write("config.json", config.json)
        let outcome = try await CLI.run(["profiles", "--config", "config.json"], in: folder.url)
        expectOneLineFailure(outcome, naming: config.naming)
        #expect(outcome.stdout.isEmpty, "\(outcome)")
    }

    @Test("--config naming a file that does not exist: one line, exit status 1")
    func missingConfig() async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["profiles", "--config", "nowhere.json"], in: folder.url)
        expectOneLineFailure(outcome, naming: ["nowhere.json"])
    }

    @Test("./config.json is read when present")
    func defaultConfig() async throws {
        let folder = try TemporaryFolder()
        try folder.write("config.json", Fixtures.loopbackConfig(seeds: []))
        let outcome = try await CLI.run(["profiles"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdoutLines.contains { $0.hasPrefix("loopforum") }, "\(outcome)")
    }
}
