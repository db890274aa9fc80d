import Fetch
import LoopbackServer
import Testing

/// The client on a `ManualClock`: waits and cache lifetimes pass only when the test advances the clock.
@Suite("An injected clock")
struct ClockTests {
    static let robots = "User-agent: *\nDisallow: /private\n"

    static func site(_ request: LoopbackRequest) -> LoopbackResponse {
        request.path == "/robots.txt" ? .text(robots, contentType: "text/plain") : .text("page")
    }

    @Test("robots.txt is fetched again only once robotsLifetime has passed on the clock")
    func robotsLifetime() async throws {
        let clock = ManualClock()
        var configuration = FetchConfiguration.testing(robots: true)
        configuration.robotsLifetime = .seconds(3600)
        try await withLoopback(configuration, clock: clock, handler: Self.site) { server, client throws in
            #expect(try await client.fetch(FetchRequest(url: server.url("/a"))).status == 200)
            #expect(try await client.fetch(FetchRequest(url: server.url("/b"))).status == 200)
            #expect(server.requestCount("/robots.txt") == 1)
            clock.advance(by: .seconds(3599))
            #expect(await fetchError(client, server.url("/private"))?.code == .disallowedByRobots)
            #expect(server.requestCount("/robots.txt") == 1)
            clock.advance(by: .seconds(1))
            #expect(try await client.fetch(FetchRequest(url: server.url("/c"))).status == 200)
            #expect(server.requestCount("/robots.txt") == 2)
            #expect(try await client.fetch(FetchRequest(url: server.url("/d"))).status == 200)
            #expect(server.requestCount("/robots.txt") == 2)
        }
    }

    @Test("an unavailable robots.txt is asked for again after robotsRetryAfterError on the clock")
    func robotsRetryAfterError() async throws {
        let clock = ManualClock()
        var configuration = FetchConfiguration.testing(retries: 0, robots: true)
        configuration.robotsRetryAfterError = .seconds(600)
        try await withLoopback(configuration, clock: clock, handler: { _ in .text("down", status: 503) }) {
            server, client in
            #expect(await fetchError(client, server.url("/a"))?.code == .disallowedByRobots)
            clock.advance(by: .seconds(599))
            #expect(await fetchError(client, server.url("/a"))?.code == .disallowedByRobots)
            #expect(server.requestCount("/robots.txt") == 1)
            clock.advance(by: .seconds(1))
            #expect(await fetchError(client, server.url("/a"))?.code == .disallowedByRobots)
            #expect(server.requestCount("/robots.txt") == 2)
            #expect(server.requestCount("/a") == 0)
        }
    }

    @Test("the per-host delay is waited on the clock: the next request starts when the test advances it")
    func delayOnTheClock() async throws {
        let clock = ManualClock()
        try await withLoopback(.testing(delay: .milliseconds(300)), clock: clock, handler: { _ in .text("ok") }) {
            server, client throws in
            #expect(try await client.fetch(FetchRequest(url: server.url("/one"))).status == 200)
            let second = Task { try await client.fetch(FetchRequest(url: server.url("/two"))) }
            #expect(await clock.waitForSleeper())
            // The scheduler sleeps until 300 ms after the first start, by the test's clock.
            #expect(clock.pendingDeadlines == [clock.start + .milliseconds(300)])
            #expect(server.requestCount("/two") == 0)
            clock.advance(by: .milliseconds(299))
            #expect(clock.pendingDeadlines == [clock.start + .milliseconds(300)])
            #expect(server.requestCount("/two") == 0)
            clock.advance(by: .milliseconds(1))
            #expect(try await second.value.status == 200)
            #expect(server.requestCount("/two") == 1)
            #expect(clock.pendingDeadlines.isEmpty)
        }
    }

    @Test("a Retry-After HTTP-date is read against the clock's wall time and waited on the clock")
    func retryAfterDate() async throws {
        let clock = ManualClock(startSeconds: 1_750_087_020)
        let retryAt = HTTPDateFormat.string(secondsSince1970: 1_750_087_022)  // two seconds later
        try await withLoopback(
            .testing(retries: 1), clock: clock,
            handler: { request in
                request.sequence == 1 ? .text("busy", status: 503, headers: [("Retry-After", retryAt)]) : .text("ok")
            }
        ) { server, client in
            let fetch = Task { try await client.fetch(FetchRequest(url: server.url("/busy"))) }
            #expect(await clock.waitForSleeper())
            #expect(clock.pendingDeadlines == [clock.start + .seconds(2)])
            #expect(server.requestCount("/busy") == 1)
            clock.advance(by: .seconds(2))
            let response = try await fetch.value
            #expect(response.status == 200)
            #expect(response.attempts == 2)
            #expect(server.requestCount("/busy") == 2)
        }
    }
}
