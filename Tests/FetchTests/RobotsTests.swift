import Fetch
import LoopbackServer
import Testing

@Suite("robots.txt over loopback")
struct RobotsTests {
    static let robots = """
        # Everyone else stays out.
        User-agent: *
        Disallow: /

        User-agent: Threadkeeper
        Disallow: /private
        Allow: /private/ok$
        Disallow: /*.pdf$
        """

    static func site(_ robots: LoopbackResponse) -> LoopbackServer.Handler {
        { request in request.path == "/robots.txt" ? robots : .text("page \(request.target)") }
    }

    @Test("a disallowed URL is not fetched and the error names the rule")
    func disallow() async throws {
        try await withLoopback(
            .testing(robots: true), handler: Self.site(.text(Self.robots, contentType: "text/plain"))
        ) {
            server, client in
            let error = try #require(await fetchError(client, server.url("/private/notes")))
            #expect(error.code == .disallowedByRobots)
            #expect(error.attempts == 0)
            #expect(
                error.description
                    == server.url("/private/notes")
                    + ": disallowed by robots.txt rule 'Disallow: /private' for user-agent 'threadkeeper'"
            )
            #expect(await fetchError(client, server.url("/files/report.pdf"))?.code == .disallowedByRobots)
            #expect(try await client.fetch(FetchRequest(url: server.url("/private/ok"))).status == 200)
            #expect(try await client.fetch(FetchRequest(url: server.url("/files/report.pdf?download=1"))).status == 200)
            #expect(try await client.fetch(FetchRequest(url: server.url("/public"))).status == 200)
            #expect(server.requestCount("/private/notes") == 0)
            #expect(server.requestCount("/files/report.pdf") == 1)
            // Fetched once per host and cached.
            #expect(server.requestCount("/robots.txt") == 1)
        }
    }

    @Test("concurrent first fetches to a host share one robots.txt fetch")
    func robotsFetchedOnce() async throws {
        try await withLoopback(
            .testing(robots: true), handler: Self.site(.text(Self.robots, contentType: "text/plain"))
        ) {
            server, client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask { try await client.fetch(FetchRequest(url: server.url("/p\(index)"))).status }
                }
                for try await status in group { #expect(status == 200) }
            }
            #expect(server.requestCount("/robots.txt") == 1)
        }
    }

    @Test("a request can opt out of robots.txt")
    func override() async throws {
        try await withLoopback(
            .testing(robots: true), handler: Self.site(.text(Self.robots, contentType: "text/plain"))
        ) {
            server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/private/x"), respectsRobots: false))
            #expect(response.status == 200)
            #expect(server.requestCount("/robots.txt") == 0)
        }
    }

    @Test("robots.txt answering 4xx allows everything")
    func missingRobots() async throws {
        try await withLoopback(.testing(robots: true), handler: Self.site(.text("no", status: 404))) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/private")))
            #expect(response.status == 200)
            #expect(server.requestCount("/robots.txt") == 1)
        }
    }

    @Test("robots.txt answering 5xx disallows everything (after retrying it)")
    func unavailableRobots() async throws {
        try await withLoopback(.testing(retries: 1, robots: true), handler: Self.site(.text("oops", status: 500))) {
            server, client in
            let error = try #require(await fetchError(client, server.url("/page")))
            #expect(error.code == .disallowedByRobots)
            #expect(error.detail.contains("HTTP 500"))
            #expect(server.requestCount("/page") == 0)
            #expect(server.requestCount("/robots.txt") == 2)
        }
    }

    @Test("an unreachable host fails with the transport error, found while fetching robots.txt")
    func unreachableHost() async throws {
        let port = try ClosedPort()
        defer { port.close() }
        let client = HTTPClient(configuration: .testing(retries: 1, robots: true))
        let url = "http://127.0.0.1:\(port.number)/page"
        let error = try #require(await fetchError(client, url))
        #expect(error.code == .connectFailed)
        #expect(
            error.detail.hasPrefix(
                "robots.txt unreachable (http://127.0.0.1:\(port.number)/robots.txt): connection failed"))
        #expect(error.detail.contains(#/ \(after 2 attempts in \d+\.\d s\)$/#), "the retries of robots.txt are told: \(error)")
        await client.shutdown()
    }

    @Test("Crawl-delay spaces requests to the host")
    func crawlDelay() async throws {
        let robots = "User-agent: threadkeeper\nCrawl-delay: 1\nDisallow: /nothing-here\n"
        try await withLoopback(.testing(perHost: 4, robots: true), handler: Self.site(.text(robots))) {
            server, client in
            let (_, elapsed) = try await measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<2 {
                        group.addTask { _ = try await client.fetch(FetchRequest(url: server.url("/d\(index)"))) }
                    }
                    try await group.waitForAll()
                }
            }
            // robots.txt, then a page a second later, then another a second after that.
            #expect(elapsed >= 2)
            let times = server.requests.map(\.receivedAt)
            #expect(times.count == 3)
            #expect(server.requests.first?.target == "/robots.txt")
            for (earlier, later) in zip(times, times.dropFirst()) {
                #expect((later - earlier).secondsValue >= 0.6)
            }
        }
    }

    @Test("a Crawl-delay longer than the cap is cut to the cap")
    func crawlDelayCapped() async throws {
        let robots = "User-agent: *\nCrawl-delay: 3600\n"
        try await withLoopback(
            .testing(robots: true, maxCrawlDelay: .milliseconds(300)), handler: Self.site(.text(robots))
        ) { server, client in
            let (_, elapsed) = try await measure {
                for index in 0..<3 { _ = try await client.fetch(FetchRequest(url: server.url("/c\(index)"))) }
            }
            #expect(elapsed >= 0.85)  // three waits of 0.3 s after robots.txt
            #expect(elapsed < 5)
        }
    }
}
