import Foundation
import LoopbackServer
import Testing

@Suite("threadkeeper fetch")
struct FetchCommandTests {
    /// A config for loopback fetches (robots off, no delay, no retries), written into `folder`.
    private func config(in folder: TemporaryFolder) throws -> [String] {
        try folder.write("config.json", Fixtures.loopbackConfig(seeds: []))
        return ["--config", "config.json"]
    }

    @Test("prints the body on stdout and one status line on stderr")
    func printsBody() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            let outcome = try await CLI.run(["fetch", server.url("/page")] + config(in: folder), in: folder.url)
            #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
            #expect(outcome.stdout == Data("hello, loop\n".utf8), "\(outcome)")
            try #require(outcome.stderrLines.count == 1, "\(outcome)")
            let status = outcome.stderrLines[0]
            #expect(status.hasPrefix("200 "), "\(status)")
            #expect(status.contains(server.url("/page")), "\(status)")
            #expect(status.contains("12 bytes"), "\(status)")
        }
    }

    @Test("without a config: the default client reads robots.txt first, then fetches")
    func defaultClient() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            let outcome = try await CLI.run(["fetch", server.url("/page")], in: folder.url)
            #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
            #expect(outcome.stdout == Data("hello, loop\n".utf8), "\(outcome)")
            #expect(outcome.stderrLines.count == 1, "\(outcome)")
            #expect(server.requestCount("/robots.txt") == 1)
            #expect(server.requests.last?.userAgent?.hasPrefix("threadkeeper") == true)
        }
    }

    @Test("--output FILE writes the body to FILE, nothing to stdout")
    func output() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            let outcome = try await CLI.run(
                ["fetch", "--output", "saved.html", server.url("/forum")] + config(in: folder), in: folder.url)
            #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
            #expect(outcome.stdout.isEmpty, "\(outcome)")
            #expect(outcome.stderrLines.count == 1, "\(outcome)")
            #expect(folder.read("saved.html") == Data(Fixtures.loopForumListing(count: 5).utf8))
        }
    }

    @Test("--include-headers writes the status and headers before the body")
    func includeHeaders() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            let outcome = try await CLI.run(
                ["fetch", "--include-headers", server.url("/page")] + config(in: folder), in: folder.url)
            #expect(outcome.status == 0, "\(outcome)")
            #expect(outcome.stdoutText.hasPrefix("HTTP 200\r\n"), "\(outcome)")
            #expect(outcome.stdoutText.contains("X-Test: yes\r\n"), "\(outcome)")
            #expect(outcome.stdoutText.hasSuffix("\r\n\r\nhello, loop\n"), "\(outcome)")
        }
    }

    @Test("a 404: one stderr line naming the URL and the status, exit status 1")
    func notFound() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            let outcome = try await CLI.run(["fetch", server.url("/gone")] + config(in: folder), in: folder.url)
            expectOneLineFailure(outcome, naming: [server.url("/gone"), "404"])
        }
    }

    @Test("a redirect to a 404: one line naming the URL, the status and the final URL, exit status 1")
    func redirectedToNotFound() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            let outcome = try await CLI.run(["fetch", server.url("/moved-away")] + config(in: folder), in: folder.url)
            expectOneLineFailure(outcome, naming: [server.url("/moved-away"), "404"])
        }
    }

    @Test("a refused connection: one line naming the URL and the cause, exit status 1")
    func refused() async throws {
        let port = try ClosedPort()
        defer { port.close() }
        let url = "http://127.0.0.1:\(port.number)/page"
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["fetch", url] + config(in: folder), in: folder.url)
        expectOneLineFailure(outcome, naming: [url, "connect"])
        #expect(outcome.stdout.isEmpty)
    }

    @Test("file:// and ftp:// are refused before anything is read", arguments: [
        "file:///etc/passwd", "ftp://127.0.0.1/x",
    ])
    func refusedScheme(_ url: String) async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["fetch", url] + config(in: folder), in: folder.url)
        #expect(outcome.status == 1 || outcome.status == 2, "\(outcome)")
        expectOneLineFailure(outcome, status: outcome.status, naming: [url])
        #expect(outcome.stdout.isEmpty, "\(outcome)")
        #expect(!outcome.stderrText.contains("root:"))
    }

    @Test("no URL is bad usage: exit status 2")
    func missingURL() async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["fetch"], in: folder.url)
        expectBadUsage(outcome, naming: ["fetch: missing expected argument", "threadkeeper fetch --help"])
    }
}
