import Foundation
import LoopbackServer
import Testing

@Suite("threadkeeper check")
struct CheckTests {
    @Test("a seed served on loopback: exit 0 and one line with the site, URL, status and thread count")
    func goodSeed() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            try folder.write("config.json", Fixtures.loopbackConfig(seeds: [server.url("/forum")]))
            let outcome = try await CLI.run(["check", "--config", "config.json"], in: folder.url)
            #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
            #expect(outcome.stderr.isEmpty, "\(outcome)")
            try #require(outcome.stdoutLines.count == 2, "\(outcome)")
            #expect(outcome.stdoutLines[0] == "site\turl\tstatus\tfound", "a header line first")
            let line = outcome.stdoutLines[1]
            #expect(line.hasPrefix("loop"), "\(line)")
            #expect(line.contains(server.url("/forum")), "\(line)")
            #expect(line.contains("200"), "\(line)")
            #expect(line.contains("5 threads"), "\(line)")
            #expect(server.requestCount("/forum") == 1)
            #expect(server.requestCount("/robots.txt") == 0, "politeness.robots is false in the config")
        }
    }

    @Test("a seed answering 404: exit 1 and one stderr line naming the URL and the status")
    func missingSeed() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            try folder.write("config.json", Fixtures.loopbackConfig(seeds: [server.url("/gone")]))
            let outcome = try await CLI.run(["check", "--config", "config.json"], in: folder.url)
            expectOneLineFailure(outcome, naming: [server.url("/gone"), "404"])
            #expect(outcome.stdout.isEmpty, "\(outcome)")
        }
    }

    @Test("one bad seed does not stop the others: the good one prints, the bad one gives one line, exit 1")
    func oneBadSeed() async throws {
        try await withServer(handler: forumHandler) { server in
            let folder = try TemporaryFolder()
            try folder.write(
                "config.json", Fixtures.loopbackConfig(seeds: [server.url("/gone"), server.url("/forum")]))
            let outcome = try await CLI.run(["check", "--config", "config.json"], in: folder.url)
            expectOneLineFailure(outcome, naming: [server.url("/gone"), "404"])
            #expect(outcome.stdoutLines.count == 2, "a header line and the good seed: \(outcome)")
            #expect(outcome.stdoutLines.last?.contains("5 threads") == true, "\(outcome)")
        }
    }

    @Test("a seed whose connection is refused: exit 1 and one line naming the URL")
    func refusedSeed() async throws {
        let port = try ClosedPort()
        defer { port.close() }
        let url = "http://127.0.0.1:\(port.number)/forum"
        let folder = try TemporaryFolder()
        try folder.write("config.json", Fixtures.loopbackConfig(seeds: [url]))
        let outcome = try await CLI.run(["check", "--config", "config.json"], in: folder.url)
        expectOneLineFailure(outcome, naming: [url])
        #expect(outcome.stdout.isEmpty, "\(outcome)")
    }

    @Test("with robots.txt on, the server's robots.txt is read and a disallowed seed is not fetched")
    func robots() async throws {
        try await withServer(handler: { request in
            switch request.path {
            case "/robots.txt": .text("User-agent: *\nDisallow: /private\n", contentType: "text/plain")
            default: forumHandler(request)
            }
        }) { server in
            let folder = try TemporaryFolder()
            let config = Fixtures.loopbackConfig(seeds: [server.url("/forum"), server.url("/private/forum")])
                .replacingOccurrences(of: "\"robots\": false", with: "\"robots\": true")
            try folder.write("config.json", config)
            let outcome = try await CLI.run(["check", "--config", "config.json"], in: folder.url)
            expectOneLineFailure(outcome, naming: [server.url("/private/forum"), "robots"])
            #expect(outcome.stdoutLines.count == 2, "a header line and the allowed seed: \(outcome)")
            #expect(outcome.stdoutLines.last?.contains("5 threads") == true, "\(outcome)")
            #expect(server.requestCount("/robots.txt") == 1)
            #expect(server.requestCount("/private/forum") == 0)
        }
    }

    @Test("a site naming an unknown profile: one line naming the site and the profile, exit 1")
    func unknownSiteProfile() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "config.json", Fixtures.loopbackConfig(seeds: ["http://127.0.0.1:9/forum"], profile: "nosuchprofile"))
        let outcome = try await CLI.run(["check", "--config", "config.json"], in: folder.url)
        expectOneLineFailure(outcome, naming: ["loop", "nosuchprofile"])
        #expect(outcome.stdout.isEmpty, "\(outcome)")
    }
}
