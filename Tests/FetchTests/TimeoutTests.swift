import Fetch
import LoopbackServer
import Testing

@Suite("Slow, stalled and broken servers")
struct TimeoutTests {
    @Test("slow response headers hit the total timeout")
    func slowHeaders() async throws {
        let configuration = FetchConfiguration.testing(timeout: .seconds(1), stallTimeout: .seconds(30), retries: 0)
        try await withLoopback(
            configuration,
            handler: { _ in
                LoopbackResponse(steps: [
                    .pause(.seconds(4)), .send(LoopbackResponse.head(status: 200, contentLength: 2)),
                    .send(Array("ok".utf8)),
                ])
            }
        ) { server, client in
            let (error, elapsed) = await measure { await fetchError(client, server.url("/slow")) }
            #expect(error?.code == .timedOut)
            #expect(error?.description.hasPrefix(server.url("/slow") + ": ") == true)
            #expect(elapsed < 3.5)
        }
    }

    @Test("a body that stops arriving hits the stall timeout")
    func stalledBody() async throws {
        let configuration = FetchConfiguration.testing(timeout: .seconds(20), stallTimeout: .seconds(1), retries: 0)
        try await withLoopback(
            configuration,
            handler: { _ in
                LoopbackResponse(steps: [
                    .send(
                        LoopbackResponse.head(status: 200, contentLength: 10_000)
                            + Array(repeating: 0x61, count: 1000)),
                    .pause(.seconds(8)), .send(Array(repeating: 0x61, count: 9000)),
                ])
            }
        ) { server, client in
            let (error, elapsed) = await measure { await fetchError(client, server.url("/stall")) }
            #expect(error?.code == .stalled)
            #expect(elapsed < 4)
        }
    }

    @Test("a connection reset mid-body is a truncated body, retried")
    func resetMidBody() async throws {
        let configuration = FetchConfiguration.testing(retries: 1)
        try await withLoopback(
            configuration,
            handler: { _ in
                LoopbackResponse(steps: [
                    .send(
                        LoopbackResponse.head(status: 200, contentLength: 10_000)
                            + Array(repeating: 0x61, count: 2000)),
                    .pause(.milliseconds(200)), .reset,
                ])
            }
        ) { server, client in
            let error = try #require(await fetchError(client, server.url("/reset")))
            #expect(error.code == .truncated)
            #expect(error.attempts == 2)
            #expect(server.requestCount("/reset") == 2)
        }
    }

    @Test("a Content-Length longer than the body is a truncated body")
    func shortBody() async throws {
        let configuration = FetchConfiguration.testing(retries: 0)
        try await withLoopback(
            configuration,
            handler: { _ in
                LoopbackResponse(steps: [
                    .send(
                        LoopbackResponse.head(status: 200, contentLength: 5000) + Array(repeating: 0x61, count: 1000)),
                    .close,
                ])
            }
        ) { server, client in
            let error = try #require(await fetchError(client, server.url("/short")))
            #expect(error.code == .truncated)
            #expect(error.detail.contains("1000 of 5000"))
        }
    }

    @Test("a connection closed before any response fails as connectFailed")
    func closedWithoutResponse() async throws {
        let configuration = FetchConfiguration.testing(retries: 0)
        try await withLoopback(configuration, handler: { _ in LoopbackResponse(steps: [.close]) }) { server, client in
            let error = await fetchError(client, server.url("/nothing"))
            #expect(error?.code == .connectFailed)
        }
    }

    @Test("a refused connection is retried, then fails as connectFailed")
    func connectionRefused() async throws {
        let port = try ClosedPort()
        defer { port.close() }
        let client = HTTPClient(configuration: .testing(retries: 2))
        let url = "http://127.0.0.1:\(port.number)/"
        let error = await fetchError(client, url)
        #expect(error?.code == .connectFailed)
        #expect(error?.attempts == 3)
        #expect(error?.description.hasPrefix("\(url): connection failed: 127.0.0.1 port \(port.number): ") == true)
        #expect(error?.description.contains(#/ \(after 3 attempts in \d+\.\d s\)$/#) == true, "\(String(describing: error))")
        #expect(error?.description.contains(" ms") == false, "curl's time of one attempt is left out")
        #expect(error?.elapsed != nil)
        await client.shutdown()
    }
}
