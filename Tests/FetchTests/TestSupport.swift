import Fetch
import LoopbackServer
import Testing
import TestSupport

extension FetchConfiguration {
    /// Fast settings for loopback tests: no politeness delay, robots off, short timeouts and backoff.
    static func testing(
        timeout: Duration = .seconds(10),
        stallTimeout: Duration = .seconds(5),
        maxBodyBytes: Int = 1024 * 1024,
        retries: Int = 2,
        maxRedirects: Int = 10,
        maxConcurrent: Int = 16,
        perHost: Int = 16,
        delay: Duration = .zero,
        robots: Bool = false,
        maxCrawlDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(5)
    ) -> FetchConfiguration {
        FetchConfiguration(
            connectTimeout: .seconds(2), timeout: timeout, stallTimeout: stallTimeout, maxBodyBytes: maxBodyBytes,
            retries: retries, maxRedirects: maxRedirects, maxConcurrent: maxConcurrent, perHost: perHost,
            delay: delay, robots: robots, maxCrawlDelay: maxCrawlDelay, maxRetryAfter: maxRetryAfter,
            backoffBase: .milliseconds(20), maxBackoff: .milliseconds(200))
    }
}

/// Runs `body` with a fresh loopback server and client (on `clock`), shutting both down afterwards.
func withLoopback<T>(
    _ configuration: FetchConfiguration = .testing(),
    clock: any FetchClock = SystemFetchClock(),
    handler: @escaping LoopbackServer.Handler,
    _ body: (LoopbackServer, HTTPClient) async throws -> T
) async throws -> T {
    let server = try await LoopbackServer.start(handler: handler)
    let client = HTTPClient(configuration: configuration, clock: clock)
    do {
        let result = try await body(server, client)
        await client.shutdown()
        await server.stop()
        return result
    } catch {
        await client.shutdown()
        await server.stop()
        throw error
    }
}

/// The error `fetch` throws for `url`, or nil when it succeeds.
func fetchError(_ client: HTTPClient, _ url: String) async -> FetchError? {
    await fetchError(client, FetchRequest(url: url))
}

/// The error `fetch` throws for `request`, or nil when it succeeds.
func fetchError(_ client: HTTPClient, _ request: FetchRequest) async -> FetchError? {
    do {
        _ = try await client.fetch(request)
        return nil
    } catch {
        return error
    }
}

/// Seconds elapsed while running `body`.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await body()
    let elapsed = clock.now - start
    let (seconds, attoseconds) = elapsed.components
    return (result, Double(seconds) + Double(attoseconds) / 1e18)
}


extension Duration {
    var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
