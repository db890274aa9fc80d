import Fetch
import LoopbackServer
import Testing

@Suite("Concurrency, politeness, cancellation and shutdown")
struct ConcurrencyTests {
    @Test("300 concurrent fetches all complete, never more than perHost at once")
    func manyConcurrent() async throws {
        let perHost = 3
        try await withLoopback(
            .testing(perHost: perHost),
            handler: { request in
                LoopbackResponse(
                    steps: [
                        .pause(.milliseconds(2)),
                        .send(
                            LoopbackResponse.head(status: 200, contentLength: request.target.utf8.count)
                                + Array(request.target.utf8)),
                    ],
                    keepsAlive: true)
            }
        ) { server, client in
            let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<300 {
                    group.addTask {
                        let response = try await client.fetch(FetchRequest(url: server.url("/item/\(index)")))
                        return (index, String(decoding: response.body, as: UTF8.self))
                    }
                }
                var bodies: [Int: String] = [:]
                for try await (index, body) in group { bodies[index] = body }
                return bodies
            }
            #expect(bodies.count == 300)
            #expect(bodies.allSatisfy { $0.value == "/item/\($0.key)" })
            #expect(server.totalRequests == 300)
            #expect(server.connections.peak <= perHost)
            #expect(server.activeRequests.peak <= perHost)
            #expect(server.activeRequests.peak >= 2)  // the cap was actually reached, so the check means something
        }
    }

    @Test("the global cap holds across hosts")
    func globalCap() async throws {
        let shared = LoopbackServer.SharedGauges()
        let handler: LoopbackServer.Handler = { _ in
            LoopbackResponse(
                steps: [
                    .pause(.milliseconds(20)),
                    .send(LoopbackResponse.head(status: 200, contentLength: 2) + Array("ok".utf8)),
                ], keepsAlive: true)
        }
        var servers: [LoopbackServer] = []
        for _ in 0..<3 { servers.append(try await LoopbackServer.start(shared: shared, handler: handler)) }
        let client = HTTPClient(configuration: .testing(maxConcurrent: 3, perHost: 2))
        let urls = (0..<60).map { servers[$0 % 3].url("/g\($0)") }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for url in urls { group.addTask { try await client.fetch(FetchRequest(url: url)).status } }
            for try await status in group { #expect(status == 200) }
        }
        #expect(shared.activeRequests.peak <= 3)
        #expect(shared.activeRequests.peak >= 2)
        // Open connections are not asserted across hosts: when curl closes an idle connection to one
        // server to open one to another, the two servers may see the open before the close.
        for server in servers { #expect(server.activeRequests.peak <= 2) }
        await client.shutdown()
        for server in servers { await server.stop() }
    }

    @Test("requests to one host start at least `delay` apart")
    func perHostDelay() async throws {
        try await withLoopback(.testing(perHost: 2, delay: .milliseconds(400)), handler: { _ in .text("ok") }) {
            server, client in
            let (_, elapsed) = try await measure {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<4 {
                        group.addTask { _ = try await client.fetch(FetchRequest(url: server.url("/p\(index)"))) }
                    }
                    try await group.waitForAll()
                }
            }
            // The fourth start comes three delays after the first: a bound the client alone decides.
            #expect(elapsed >= 1.2)
            // Arrival times at the server also show the spacing, blurred by connection set-up on a busy machine.
            let times = server.requests.map(\.receivedAt)
            #expect(times.count == 4)
            for (earlier, later) in zip(times, times.dropFirst()) {
                #expect((later - earlier).secondsValue >= 0.2)
            }
        }
    }

    @Test("cancelling the task stops the transfer")
    func cancelInFlight() async throws {
        try await withLoopback(handler: { _ in
            LoopbackResponse(steps: [
                .send(LoopbackResponse.head(status: 200, contentLength: 100)), .pause(.seconds(8)),
            ])
        }) { server, client in
            let task = Task { await fetchError(client, server.url("/forever")) }
            try await Task.sleep(for: .milliseconds(300))
            let (error, elapsed) = await measure {
                task.cancel()
                return await task.value
            }
            #expect(error?.code == .cancelled)
            #expect(elapsed < 2.5)
            // The connection is closed, not left hanging.
            for _ in 0..<50 where server.connections.open > 0 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(server.connections.open == 0)
        }
    }

    @Test("cancelling a fetch that waits for a slot ends it at once")
    func cancelWhileQueued() async throws {
        try await withLoopback(
            .testing(perHost: 1),
            handler: { _ in
                LoopbackResponse(steps: [
                    .pause(.seconds(6)), .send(LoopbackResponse.head(status: 200, contentLength: 0)),
                ])
            }
        ) { server, client in
            let first = Task { await fetchError(client, server.url("/one")) }
            try await Task.sleep(for: .milliseconds(200))
            let second = Task { await fetchError(client, server.url("/two")) }
            try await Task.sleep(for: .milliseconds(200))
            let (error, elapsed) = await measure {
                second.cancel()
                return await second.value
            }
            #expect(error?.code == .cancelled)
            #expect(elapsed < 2.5)
            #expect(server.requestCount("/two") == 0)
            first.cancel()
            _ = await first.value
        }
    }

    @Test("shutdown fails fetches in flight and every later fetch")
    func shutdown() async throws {
        let server = try await LoopbackServer.start { _ in
            LoopbackResponse(steps: [.pause(.seconds(5)), .send(LoopbackResponse.head(status: 200, contentLength: 0))])
        }
        let client = HTTPClient(configuration: .testing())
        let inFlight = Task { await fetchError(client, server.url("/slow")) }
        try await Task.sleep(for: .milliseconds(300))
        let (_, elapsed) = await measure { await client.shutdown() }
        #expect(elapsed < 2.5)
        #expect(await inFlight.value?.code == .shutdown)
        let later = await fetchError(client, server.url("/later"))
        #expect(later?.code == .shutdown)
        #expect(later?.description == "\(server.url("/later")): the HTTP client was shut down")
        await client.shutdown()  // a second shutdown is harmless
        await server.stop()
    }
}
