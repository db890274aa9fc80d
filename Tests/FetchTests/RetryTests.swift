import Fetch
import Foundation
import LoopbackServer
import Testing

@Suite("Retries and Retry-After")
struct RetryTests {
    @Test("a 500 then a 200: retried, succeeds")
    func serverErrorThenSuccess() async throws {
        try await withLoopback(handler: { request in
            request.sequence == 1 ? .text("busy", status: 500) : .text("fine")
        }) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/flaky")))
            #expect(response.status == 200)
            #expect(response.body == Array("fine".utf8))
            #expect(response.attempts == 2)
            #expect(server.requestCount("/flaky") == 2)
        }
    }

    @Test("every retryable status is retried", arguments: [408, 429, 500, 502, 503, 504])
    func retryableStatuses(_ status: Int) async throws {
        try await withLoopback(handler: { request in
            request.sequence == 1 ? .text("again", status: status) : .text("ok")
        }) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/s")))
            #expect(response.status == 200)
            #expect(response.attempts == 2)
        }
    }

    @Test("other 4xx statuses are not retried", arguments: [400, 401, 403, 404, 410, 451])
    func clientErrorsNotRetried(_ status: Int) async throws {
        try await withLoopback(handler: { _ in .text("no", status: status) }) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/s")))
            #expect(response.status == status)
            #expect(response.attempts == 1)
            #expect(server.requestCount("/s") == 1)
        }
    }

    @Test("when retries run out, the last retryable response is returned")
    func retriesExhausted() async throws {
        try await withLoopback(.testing(retries: 2), handler: { _ in .text("down", status: 503) }) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/down")))
            #expect(response.status == 503)
            #expect(response.attempts == 3)
            #expect(server.requestCount("/down") == 3)
        }
    }

    @Test("429 with Retry-After: 1 waits a second before retrying")
    func retryAfterSeconds() async throws {
        try await withLoopback(handler: { request in
            request.sequence == 1 ? .text("slow down", status: 429, headers: [("Retry-After", "1")]) : .text("ok")
        }) { server, client in
            let (response, elapsed) = try await measure { try await client.fetch(FetchRequest(url: server.url("/rl"))) }
            #expect(response.status == 200)
            #expect(response.attempts == 2)
            #expect(elapsed >= 0.95)
            let times = server.requests.map(\.receivedAt)
            #expect(times.count == 2)
            if times.count == 2 { #expect((times[1] - times[0]).secondsValue >= 0.95) }
        }
    }

    @Test("503 with an HTTP-date Retry-After waits until that date")
    func retryAfterDate() async throws {
        try await withLoopback(handler: { request in
            guard request.sequence == 1 else { return .text("ok") }
            let date = HTTPDateFormat.string(secondsSince1970: Int(Date().timeIntervalSince1970) + 2)
            return .text("maintenance", status: 503, headers: [("Retry-After", date)])
        }) { server, client in
            let (response, elapsed) = try await measure { try await client.fetch(FetchRequest(url: server.url("/m"))) }
            #expect(response.status == 200)
            #expect(response.attempts == 2)
            // The date has one-second resolution: the wait is between one and two seconds.
            #expect(elapsed >= 0.95)
            #expect(elapsed < 4)
        }
    }

    @Test("a Retry-After longer than the cap is cut to the cap")
    func retryAfterCapped() async throws {
        let configuration = FetchConfiguration.testing(maxRetryAfter: .milliseconds(500))
        try await withLoopback(
            configuration,
            handler: { request in
                request.sequence == 1 ? .text("later", status: 503, headers: [("Retry-After", "3600")]) : .text("ok")
            }
        ) { server, client in
            let (response, elapsed) = try await measure { try await client.fetch(FetchRequest(url: server.url("/c"))) }
            #expect(response.status == 200)
            #expect(elapsed >= 0.45)
            #expect(elapsed < 3)
        }
    }
}
