import Foundation
import LoopbackServer
import Testing

/// The command-line conventions every verb follows: help pages that give the exit statuses, usage errors
/// that name the verb's own help, `--json` where a verb prints data, and messages in our words.
@Suite("threadkeeper: conventions")
struct ConventionsTests {
    @Test("help pages give the exit statuses 0, 1 and 2", arguments: [["--help"], ["fetch", "--help"], ["help", "check"]])
    func exitStatusesInHelp(_ arguments: [String]) async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(arguments, in: folder.url)
        #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
        #expect(outcome.stdoutText.contains("USAGE: threadkeeper"), "\(outcome)")
        #expect(outcome.stdoutText.contains("EXIT STATUS:"), "\(outcome)")
        for line in ["  0  success", "  1  failure", "  2  bad usage"] {
            #expect(outcome.stdoutText.contains(line), "no \(line.debugDescription): \(outcome)")
        }
    }

    @Test("a usage error is one lower-case line naming the verb's own help, exit status 2", arguments: [
        (["parse"], "threadkeeper: parse: missing expected argument", "threadkeeper parse --help"),
        (["fetch", "--bogus", "http://127.0.0.1:9/"], "threadkeeper: fetch: unknown option '--bogus'", "threadkeeper fetch --help"),
        (["import", "--url", "ftp://x", "a.html"], "threadkeeper: import: --url:", "threadkeeper import --help"),
        (["frobnicate"], "threadkeeper: unexpected argument 'frobnicate'", "threadkeeper --help"),
    ])
    func usageErrorNamesVerbHelp(_ arguments: [String], _ start: String, _ help: String) async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(arguments, in: folder.url)
        expectOneLineFailure(outcome, status: 2, naming: ["(see '\(help)')"])
        #expect(outcome.stderrLines.first?.hasPrefix(start) == true, "\(outcome)")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
    }

    @Test("check --site with an unknown name: bad usage (2) listing the configured sites; nothing fetched")
    func checkUnknownSite() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            try folder.write("config.json", Fixtures.loopbackConfig(seeds: [server.url("/forum")]))
            let outcome = try await CLI.run(["check", "--config", "config.json", "--site", "nope"], in: folder.url)
            expectOneLineFailure(outcome, status: 2, naming: ["\"nope\"", "config.json", "configured sites: loop", "threadkeeper check --help"])
            #expect(server.requests.isEmpty, "a usage error fetches nothing")
        }
    }

    @Test("crawl --site with an unknown name: bad usage (2) listing the configured sites")
    func crawlUnknownSite() async throws {
        let folder = try TemporaryFolder()
        try folder.write("config.json", Fixtures.loopbackConfig(seeds: ["http://127.0.0.1:9/forum"]))
        let outcome = try await CLI.run(["crawl", "--config", "config.json", "--site", "nope"], in: folder.url)
        expectOneLineFailure(outcome, status: 2, naming: ["\"nope\"", "configured sites: loop", "threadkeeper crawl --help"])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("archive").path))
    }

    @Test("profiles: a header line, then one line per profile; --json: one object per profile")
    func profilesJSON() async throws {
        let folder = try TemporaryFolder()
        let text = try await CLI.run(["profiles"], in: folder.url)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdoutLines.first == "profile\tkinds\tdescription", "\(text)")
        let json = try await CLI.run(["profiles", "--json"], in: folder.url)
        #expect(json.status == 0 && json.stderr.isEmpty, "\(json)")
        let objects = try json.stdoutLines.map(JSONObject.parse)
        #expect(objects.count == text.stdoutLines.count - 1)
        let phpbb = try #require(objects.first { $0["name"] as? String == "phpbb" }, "\(json)")
        #expect(phpbb["kinds"] as? [String] == ["thread", "listing"])
        #expect(phpbb["description"] is String)
    }

    @Test("check: a header line above the seeds; --json: one object per seed, failures with their error")
    func checkJSON() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            try folder.write(
                "config.json", Fixtures.loopbackConfig(seeds: [server.url("/forum"), server.url("/gone")]))
            let text = try await CLI.run(["check", "--config", "config.json"], in: folder.url)
            #expect(text.status == 1, "\(text)")
            #expect(text.stdoutLines == ["site\turl\tstatus\tfound", "loop\t\(server.url("/forum"))\t200\tlisting: 5 threads"], "\(text)")
            let json = try await CLI.run(["check", "--config", "config.json", "--json"], in: folder.url)
            expectOneLineFailure(json, naming: [server.url("/gone"), "404"])
            let objects = try json.stdoutLines.map(JSONObject.parse)
            try #require(objects.count == 2, "\(json)")
            #expect(objects[0]["site"] as? String == "loop")
            #expect(objects[0]["url"] as? String == server.url("/forum"))
            #expect(objects[0]["status"] as? Int == 200)
            #expect(objects[0]["kind"] as? String == "listing")
            #expect(objects[0]["threads"] as? Int == 5)
            #expect(objects[0]["error"] is NSNull)
            #expect(objects[1]["status"] as? Int == 404)
            #expect((objects[1]["error"] as? String)?.contains("HTTP 404") == true, "\(json)")
        }
    }

    @Test("parse - reads the page from standard input: the same JSON as from the file")
    func parseStandardInput() async throws {
        let folder = try TemporaryFolder()
        let page = Fixtures.phpbbTopic()
        _ = try folder.write("topic.html", bytes: page)
        let common = ["--fetched-at", "2024-03-02T00:00:00Z"]
        let fromFile = try await CLI.run(["parse", "topic.html"] + common, in: folder.url)
        let fromStdin = try await CLI.run(["parse", "-"] + common, in: folder.url, stdin: Data(page))
        #expect(fromStdin.status == 0 && fromStdin.stderr.isEmpty, "\(fromStdin)")
        #expect(fromStdin.stdout == fromFile.stdout, "\(fromStdin)")
        #expect(try fromStdin.json()["title"] as? String == Fixtures.phpbbTitle)

        let empty = try await CLI.run(["parse", "-"], in: folder.url, stdin: Data())
        expectOneLineFailure(empty, naming: ["parse: stdin:", "empty"])
    }

    @Test("a thread's site is its host without www., whatever config.json names the site")
    func siteIsTheHost() async throws {
        let withConfig = try TemporaryFolder()
        let without = try TemporaryFolder()
        let page = Fixtures.phpbbTopic()
        for folder in [withConfig, without] { _ = try folder.write("topic.html", bytes: page) }
        try withConfig.write(
            "config.json",
            #"{"sites": [{"name": "board", "profile": "phpbb", "seeds": ["https://forum.example.org/index.php"]}]}"#)
        let arguments = [
            "parse", "--url", "https://www.forum.example.org/viewtopic.php?t=4242", "--fetched-at", "2024-03-02T00:00:00Z",
            "topic.html",
        ]
        let configured = try await CLI.run(arguments, in: withConfig.url)
        let plain = try await CLI.run(arguments, in: without.url)
        #expect(configured.status == 0 && plain.status == 0, "\(configured)\n\(plain)")
        #expect(configured.stdout == plain.stdout, "the same page and URL give the same bytes")
        #expect(try plain.json()["site"] as? String == "forum.example.org")
        #expect(try plain.json()["profile"] as? String == "phpbb")
    }

    @Test("parse of a page no profile knows: the CLI, not the library, names --profile")
    func unknownEngineHint() async throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("odd.html", Fixtures.unknownEnginePage)
        let outcome = try await CLI.run(["parse", "odd.html"], in: folder.url)
        expectOneLineFailure(outcome, naming: ["odd.html", "no profile recognises", "phpbb", "name one with --profile"])
    }

    @Test("fetch -o into a missing folder fails before fetching, in one line of our words")
    func fetchOutputUnwritable() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            try folder.write("config.json", Fixtures.loopbackConfig(seeds: []))
            let missing = try await CLI.run(
                ["fetch", "--config", "config.json", "-o", "no/such/dir/page.html", server.url("/page")], in: folder.url)
            expectOneLineFailure(missing, naming: ["fetch: no/such/dir/page.html: cannot write: no such directory no/such/dir"])
            let directory = try await CLI.run(
                ["fetch", "--config", "config.json", "-o", ".", server.url("/page")], in: folder.url)
            expectOneLineFailure(directory, naming: ["fetch: .: cannot write: is a directory"])
            #expect(server.requests.isEmpty, "nothing is fetched when the output cannot be written")
        }
    }

    @Test("fetch of a URL without a scheme says the scheme is missing", arguments: ["example.com", "example.com:8080/x", "127.0.0.1:9/page"])
    func fetchWithoutScheme(_ url: String) async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["fetch", url], in: folder.url)
        expectOneLineFailure(outcome, naming: ["fetch: \(url): invalid URL: the scheme is missing"])
    }

    @Test("a refused connection names its attempts and the time they took, not curl's milliseconds")
    func fetchRefused() async throws {
        let port = try ClosedPort()
        defer { port.close() }
        let folder = try TemporaryFolder()
        try folder.write(
            "config.json",
            Fixtures.loopbackConfig(seeds: []).replacingOccurrences(of: "\"retries\": 0", with: "\"retries\": 1"))
        let url = "http://127.0.0.1:\(port.number)/page"
        let outcome = try await CLI.run(["fetch", "--config", "config.json", url], in: folder.url)
        expectOneLineFailure(outcome, naming: ["fetch: \(url): connection failed: 127.0.0.1 port \(port.number): "])
        let line = outcome.stderrLines.first ?? ""
        #expect(line.contains(#/\(after 2 attempts in \d+\.\d s\)$/#), "\(line)")
        #expect(!line.contains(" ms"), "\(line)")
    }

    @Test("import --json and verify --json print objects that parse")
    func importAndVerifyJSON() async throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("topic.html", bytes: Fixtures.phpbbTopic())
        let url = "https://forum.example.org/viewtopic.php?t=4242"
        let stored = try await CLI.run(
            ["import", "--json", "--url", url, "--fetched-at", "2024-03-02T00:00:00Z", "topic.html"], in: folder.url)
        #expect(stored.status == 0 && stored.stderr.isEmpty, "\(stored)")
        let object = try stored.json()
        #expect(object["outcome"] as? String == "new")
        #expect(object["thread"] as? String == "forum.example.org/4242")
        #expect(object["version"] as? Int == 1)
        #expect((object["summary"] as? [String: Any])?["added"] as? Int == 2)

        let verified = try await CLI.run(["verify", "--json"], in: folder.url)
        #expect(verified.status == 0 && verified.stderr.isEmpty, "\(verified)")
        let report = try verified.json()
        #expect(report["ok"] as? Bool == true)
        #expect(report["threads"] as? Int == 1)
        #expect(report["versions"] as? Int == 1)
        #expect((report["problems"] as? [Any])?.isEmpty == true)

        let shown = try await CLI.run(["show", "--json", "4242"], in: folder.url)
        #expect(try JSONObject.parse(shown.stdout)["site"] as? String == "forum.example.org", "\(shown)")
    }

    @Test("the local example config README shows loads, and carries the demo forum's profile.json whole")
    func localExampleConfig() async throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/demo-forum")
        let config = fixtures.appendingPathComponent("config.json")
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["profiles", "--json", "--config", config.path], in: folder.url)
        #expect(outcome.status == 0 && outcome.stderr.isEmpty, "\(outcome)")
        #expect(try outcome.stdoutLines.map(JSONObject.parse).contains { $0["name"] as? String == "harborcommons" })
        let profiles = try #require(try JSONObject.parse(Data(contentsOf: config))["profiles"] as? [Any])
        let profile = try JSONObject.parse(Data(contentsOf: fixtures.appendingPathComponent("profile.json")))
        #expect(profiles.count == 1)
        #expect((profiles.first as? NSDictionary)?.isEqual(to: profile) == true, "config.json's profile is not profile.json")
    }
}
