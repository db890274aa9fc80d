import Fetch
import LoopbackServer
import Testing

/// Two loopback servers on two ports stand for two hosts; each gets its policy by `127.0.0.1:PORT`.
@Suite("Per-host policies in one client")
struct HostPolicyTests {
    /// Starts two servers answering with `handler`, runs `body` with a client whose policies `policies`
    /// gives for the two servers' host keys, and shuts everything down.
    static func withTwoHosts(
        _ configuration: FetchConfiguration,
        policies: (first: HostPolicy, second: HostPolicy),
        handler: @escaping LoopbackServer.Handler,
        _ body: (LoopbackServer, LoopbackServer, HTTPClient) async throws -> Void
    ) async throws {
        let first = try await LoopbackServer.start(handler: handler)
        let second = try await LoopbackServer.start(handler: handler)
        var configuration = configuration
        configuration.hostPolicies = [
            "127.0.0.1:\(first.port)": policies.first, "127.0.0.1:\(second.port)": policies.second,
        ]
        let client = HTTPClient(configuration: configuration)
        do {
            try await body(first, second, client)
        } catch {
            await client.shutdown()
            await first.stop()
            await second.stop()
            throw error
        }
        await client.shutdown()
        await first.stop()
        await second.stop()
    }

    /// Fetches `count` URLs of `server` at once.
    static func fetchAll(_ client: HTTPClient, _ server: LoopbackServer, _ count: Int, prefix: String) async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<count {
                group.addTask { try await client.fetch(FetchRequest(url: server.url("/\(prefix)\(index)"))).status }
            }
            for try await status in group { #expect(status == 200) }
        }
    }

    @Test("a 300 ms delay on one host and none on the other, as the servers see the requests arrive")
    func perHostDelay() async throws {
        // The global delay is long: a host that missed its policy would make the test fail, not pass.
        try await Self.withTwoHosts(
            .testing(perHost: 4, delay: .seconds(5)),
            policies: (HostPolicy(delay: .milliseconds(300)), HostPolicy(delay: .zero)),
            handler: { _ in .text("ok") }
        ) { slow, fast, client in
            async let slowDone: Void = Self.fetchAll(client, slow, 4, prefix: "s")
            async let fastDone: Void = Self.fetchAll(client, fast, 4, prefix: "f")
            _ = try await (slowDone, fastDone)
            let slowTimes = slow.requests.map(\.receivedAt)
            let fastTimes = fast.requests.map(\.receivedAt)
            #expect(slowTimes.count == 4)
            #expect(fastTimes.count == 4)
            // Starts 300 ms apart by the client, blurred by connection set-up on a busy machine.
            for (earlier, later) in zip(slowTimes, slowTimes.dropFirst()) {
                #expect((later - earlier).secondsValue >= 0.2)
            }
            let slowSpan = try #require(slowTimes.last) - (try #require(slowTimes.first))
            let fastSpan = try #require(fastTimes.last) - (try #require(fastTimes.first))
            #expect(slowSpan.secondsValue >= 0.8)
            #expect(fastSpan.secondsValue < 0.5)
        }
    }

    @Test("a cap of 1 connection on one host and 3 on the other, as the servers count them")
    func perHostCap() async throws {
        let handler: LoopbackServer.Handler = { _ in
            LoopbackResponse(
                steps: [
                    .pause(.milliseconds(30)),
                    .send(LoopbackResponse.head(status: 200, contentLength: 2) + Array("ok".utf8)),
                ], keepsAlive: true)
        }
        try await Self.withTwoHosts(
            .testing(maxConcurrent: 16, perHost: 16),
            policies: (HostPolicy(perHost: 1), HostPolicy(perHost: 3)),
            handler: handler
        ) { narrow, wide, client in
            async let narrowDone: Void = Self.fetchAll(client, narrow, 12, prefix: "n")
            async let wideDone: Void = Self.fetchAll(client, wide, 24, prefix: "w")
            _ = try await (narrowDone, wideDone)
            #expect(narrow.totalRequests == 12)
            #expect(wide.totalRequests == 24)
            #expect(narrow.connections.peak == 1)
            #expect(narrow.activeRequests.peak == 1)
            #expect(wide.connections.peak <= 3)
            #expect(wide.activeRequests.peak <= 3)
            #expect(wide.activeRequests.peak >= 2)  // more than the narrow host's cap: the caps differ
        }
    }

    @Test("a body limit on one host fails its big page; the other host's same page comes back")
    func perHostBodyLimit() async throws {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 5000)
        try await Self.withTwoHosts(
            .testing(maxBodyBytes: 1024 * 1024),
            policies: (HostPolicy(maxBodyBytes: 1000), HostPolicy()),
            handler: { _ in .status(200, headers: [("Content-Type", "text/plain")], body: body) }
        ) { limited, open, client in
            let error = try #require(await fetchError(client, limited.url("/big")))
            #expect(error.code == .bodyTooLarge)
            #expect(error.detail == "body exceeds 1000 bytes")
            let response = try await client.fetch(FetchRequest(url: open.url("/big")))
            #expect(response.body.count == 5000)
        }
    }

    @Test("retries are counted per host")
    func perHostRetries() async throws {
        try await Self.withTwoHosts(
            .testing(retries: 1),
            policies: (HostPolicy(retries: 0), HostPolicy(retries: 3)),
            handler: { _ in .text("busy", status: 503) }
        ) { once, often, client throws in
            #expect(try await client.fetch(FetchRequest(url: once.url("/r"))).attempts == 1)
            #expect(try await client.fetch(FetchRequest(url: often.url("/r"))).attempts == 4)
            #expect(once.requestCount("/r") == 1)
            #expect(often.requestCount("/r") == 4)
        }
    }

    @Test("robots.txt is read only for the host whose policy turns it on")
    func perHostRobots() async throws {
        let handler: LoopbackServer.Handler = { request in
            request.path == "/robots.txt" ? .text("User-agent: *\nDisallow: /private\n") : .text("page")
        }
        try await Self.withTwoHosts(
            .testing(robots: false), policies: (HostPolicy(robots: true), HostPolicy()), handler: handler
        ) { strict, lax, client throws in
            #expect(await fetchError(client, strict.url("/private"))?.code == .disallowedByRobots)
            #expect(try await client.fetch(FetchRequest(url: lax.url("/private"))).status == 200)
            #expect(strict.requestCount("/robots.txt") == 1)
            #expect(lax.requestCount("/robots.txt") == 0)
            // A request's own choice still wins over its host's policy.
            let optedOut = FetchRequest(url: strict.url("/private"), respectsRobots: false)
            #expect(try await client.fetch(optedOut).status == 200)
        }
    }

    @Test("a host finds its policy by host:port, then host, with or without www.")
    func lookup() {
        let exact = HostPolicy(retries: 1)
        let named = HostPolicy(retries: 2)
        let bare = HostPolicy(retries: 3)
        let configuration = FetchConfiguration(hostPolicies: [
            "forum.example:8080": exact, "forum.example": named, "example.org": bare,
        ])
        #expect(configuration.policy(forHost: "forum.example", port: 8080) == exact)
        #expect(configuration.policy(forHost: "forum.example", port: 443) == named)
        #expect(configuration.policy(forHost: "forum.example") == named)
        #expect(configuration.policy(forHost: "www.forum.example", port: 8080) == exact)
        #expect(configuration.policy(forHost: "WWW.Example.ORG", port: 80) == bare)
        #expect(configuration.policy(forHost: "example.org", port: 80) == bare)
        #expect(configuration.policy(forHost: "news.example.org", port: 80) == nil)
        #expect(configuration.policy(forHost: "other.example", port: 8080) == nil)
        let www = FetchConfiguration(hostPolicies: ["www.example.org": bare])
        #expect(www.policy(forHost: "example.org", port: 443) == bare)
    }

    @Test("the client lower-cases keys and raises policy values to their minimums")
    func sanitized() async {
        let client = HTTPClient(
            configuration: FetchConfiguration(hostPolicies: [
                "Forum.Example": HostPolicy(retries: -1, perHost: 0, delay: .seconds(-1), robots: false)
            ]))
        #expect(
            client.configuration.hostPolicies == [
                "forum.example": HostPolicy(retries: 0, perHost: 1, delay: .zero, robots: false)
            ])
        #expect(HostPolicy().isEmpty)
        #expect(!HostPolicy(robots: true).isEmpty)
        await client.shutdown()
    }
}
