import Testing

@testable import Fetch
import TestSupport

@Suite("Backoff, Retry-After and HTTP dates")
struct RetryPolicyTests {
    let policy = RetryPolicy(
        retries: 3, base: .milliseconds(500), maxBackoff: .seconds(30), maxRetryAfter: .seconds(120))

    @Test("backoff doubles per attempt, with jitter between half and all of it")
    func exponentialBackoff() {
        var generator = SeededGenerator(seed: 42)
        for attempt in 1...6 {
            let full = Duration.milliseconds(500) * (1 << (attempt - 1))
            for _ in 0..<50 {
                let delay = policy.delay(afterAttempt: attempt, using: &generator)
                #expect(delay >= full / 2)
                #expect(delay <= full)
            }
        }
    }

    @Test("jitter spreads the delays")
    func jitterVaries() {
        var generator = SeededGenerator(seed: 7)
        let delays = Set((0..<20).map { _ in policy.delay(afterAttempt: 3, using: &generator) })
        #expect(delays.count > 10)
    }

    @Test("backoff is capped at maxBackoff")
    func backoffCap() {
        var generator = SeededGenerator(seed: 1)
        #expect(policy.delay(afterAttempt: 40, using: &generator) <= .seconds(30))
    }

    @Test("Retry-After wins when longer, and is capped")
    func retryAfter() {
        var generator = SeededGenerator(seed: 3)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(10), using: &generator) == .seconds(10))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(1000), using: &generator) == .seconds(120))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .zero, using: &generator) >= .milliseconds(250))
    }

    @Test("which statuses and failures are retried, and how often")
    func retryDecisions() {
        for status in [408, 429, 500, 502, 503, 504] {
            #expect(policy.shouldRetry(status: status, afterAttempt: 1))
            #expect(policy.shouldRetry(status: status, afterAttempt: 3))
            #expect(!policy.shouldRetry(status: status, afterAttempt: 4))
        }
        for status in [200, 301, 304, 400, 401, 403, 404, 410, 501] {
            #expect(!policy.shouldRetry(status: status, afterAttempt: 1))
        }
        for code: FetchError.Code in [.connectFailed, .timedOut, .stalled, .truncated] {
            #expect(policy.shouldRetry(code, afterAttempt: 1))
        }
        for code: FetchError.Code in [
            .bodyTooLarge, .decompressedTooLarge, .redirectLoop, .redirectRefused, .tooManyRedirects,
            .disallowedByRobots, .cancelled, .shutdown, .tlsFailed, .invalidURL,
        ] {
            #expect(!policy.shouldRetry(code, afterAttempt: 1))
        }
    }

    @Test(
        "Retry-After parses delta-seconds and the three HTTP-date forms",
        arguments: [
            ("120", 120.0), ("  5 ", 5.0), ("0", 0.0),
            ("Sun, 06 Nov 1994 08:49:37 GMT", 37.0),
            ("Sunday, 06-Nov-94 08:49:37 GMT", 37.0),
            ("Sun Nov  6 08:49:37 1994", 37.0),
            ("Sun, 06 Nov 1994 08:48:00 GMT", 0.0),  // in the past: no wait
        ])
    func parsesRetryAfter(_ value: String, _ seconds: Double) throws {
        let now = Double(784_111_777 - 37)  // 1994-11-06T08:49:00Z
        let delay = try #require(RetryAfter.delay(from: value, now: now))
        #expect(delay.secondsValue == seconds)
    }

    @Test(
        "malformed Retry-After values are ignored",
        arguments: ["soon", "-5", "1.5", "Sun, 32 Nov 1994 08:49:37 GMT", ""])
    func rejectsRetryAfter(_ value: String) {
        #expect(RetryAfter.delay(from: value, now: 0) == nil)
    }

    @Test("HTTP dates convert to Unix time")
    func httpDates() {
        #expect(HTTPDate.secondsSince1970("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.secondsSince1970("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(HTTPDate.secondsSince1970("Mon, 16 Jun 2025 15:17:00 GMT") == 1_750_087_020)
        #expect(HTTPDate.secondsSince1970("Tue, 29 Feb 2028 12:00:00 GMT") == 1_835_438_400)
        #expect(HTTPDate.secondsSince1970("Sun, 06 Nov 1994 08:49:37 PST") == nil)
    }
}
