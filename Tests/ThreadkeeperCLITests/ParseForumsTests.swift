import Foundation
import LoopbackServer
import Testing

/// `parse` on a board index: the listing JSON names the forums, and `--forums` prints them alone, as text or
/// (with `--json`) as JSON Lines; `check` counts the forums a seed's board index names.
@Suite("threadkeeper parse and check: board indexes")
struct ParseForumsTests {
    /// The SMF 2.1 board index of the extraction tests.
    private static func boardIndex() throws -> Data {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ExtractTests/Fixtures/smf/smf21-boardindex.html")
        return try Data(contentsOf: fixtures)
    }

    @Test("the listing JSON of a board index carries its forums")
    func jsonCarriesForums() async throws {
        let folder = try TemporaryFolder()
        try folder.write("index.html", bytes: [UInt8](try Self.boardIndex()))
        let outcome = try await CLI.run(["parse", "index.html"], in: folder.url)
        #expect(outcome.status == 0 && outcome.stderr.isEmpty, "\(outcome)")
        let json = try outcome.json()
        #expect(json["kind"] as? String == "listing")
        #expect((json["threads"] as? [Any])?.isEmpty == true)
        let forums = try #require(json["forums"] as? [[String: Any]], "\(outcome)")
        #expect(forums.map { $0["title"] as? String } == ["Transport", "Markets", "Announcements & help"])
    }

    @Test("--forums: one line per forum; with --json, one object per forum")
    func forumsFlag() async throws {
        let folder = try TemporaryFolder()
        try folder.write("index.html", bytes: [UInt8](try Self.boardIndex()))
        let text = try await CLI.run(["parse", "--forums", "index.html"], in: folder.url)
        #expect(text.status == 0 && text.stderr.isEmpty, "\(text)")
        #expect(text.stdoutLines == [
            "Town and harbour › Transport\t212 topics\t1918 posts\thttps://forum.example-smf.org/index.php?board=9.0",
            "Town and harbour › Markets\t9 topics\t76 posts\thttps://forum.example-smf.org/index.php?board=10.0",
            "About this forum › Announcements & help\t11 topics\t40 posts\thttps://forum.example-smf.org/index.php?board=2.0",
        ])
        let json = try await CLI.run(["parse", "--forums", "--json", "index.html"], in: folder.url)
        #expect(json.status == 0 && json.stderr.isEmpty, "\(json)")
        let objects = try json.stdoutLines.map(JSONObject.parse)
        #expect(objects.map { $0["url"] as? String } == [
            "https://forum.example-smf.org/index.php?board=9.0", "https://forum.example-smf.org/index.php?board=10.0",
            "https://forum.example-smf.org/index.php?board=2.0",
        ])
        #expect((objects[0]["counts"] as? [String: Any])?["topics"] as? Int == 212)
        #expect(objects[0]["category"] as? String == "Town and harbour")
    }

    @Test("check on a seed that is a board index: its line and object count the forums")
    func checkCountsForums() async throws {
        let page = [UInt8](try Self.boardIndex())
        let handler: LoopbackServer.Handler = { _ in .text(String(decoding: page, as: UTF8.self)) }
        try await withServer(handler: handler) { server in
            let folder = try TemporaryFolder()
            try folder.write("config.json", Fixtures.loopbackConfig(seeds: [server.url("/index.php")], profile: "smf"))
            let text = try await CLI.run(["check", "--config", "config.json"], in: folder.url)
            #expect(text.status == 0, "\(text)")
            #expect(text.stdoutLines.last == "loop\t\(server.url("/index.php"))\t200\tlisting: 0 threads, 3 forums", "\(text)")
            let json = try await CLI.run(["check", "--config", "config.json", "--json"], in: folder.url)
            let object = try JSONObject.parse(try #require(json.stdoutLines.first, "\(json)"))
            #expect(object["forums"] as? Int == 3, "\(json)")
            #expect(object["threads"] as? Int == 0)
        }
    }

    @Test("--forums on a thread page says it names no forums; --json without --forums is bad usage")
    func forumsFlagMisuse() async throws {
        let folder = try TemporaryFolder()
        try folder.write("topic.html", bytes: Fixtures.phpbbTopic())
        let outcome = try await CLI.run(["parse", "--forums", "topic.html"], in: folder.url)
        expectOneLineFailure(outcome, naming: ["topic.html", "names no forums"])
        let usage = try await CLI.run(["parse", "--json", "topic.html"], in: folder.url)
        expectBadUsage(usage, naming: ["--json", "--forums"])
    }
}
