import Fetch
import LoopbackServer
import Testing

@Suite("Conditional GET")
struct ConditionalGetTests {
    static let lastModified = "Mon, 16 Jun 2025 15:17:00 GMT"

    static func handler(_ request: LoopbackRequest) -> LoopbackResponse {
        if request.header("If-None-Match") == "\"v1\"" || request.header("If-Modified-Since") == lastModified {
            return .status(304, headers: [("ETag", "\"v1\"")])
        }
        return .text("thread", headers: [("ETag", "\"v1\""), ("Last-Modified", lastModified)])
    }

    @Test("an ETag sent back gives 304 not modified")
    func etag() async throws {
        try await withLoopback(handler: Self.handler) { server, client in
            let first = try await client.fetch(FetchRequest(url: server.url("/t")))
            #expect(first.status == 200)
            #expect(first.etag == "\"v1\"")
            #expect(first.lastModified == Self.lastModified)
            let second = try await client.fetch(FetchRequest(url: server.url("/t"), etag: first.etag))
            #expect(second.isNotModified)
            #expect(second.status == 304)
            #expect(second.body.isEmpty)
            #expect(second.attempts == 1)
        }
    }

    @Test("a Last-Modified sent back gives 304 not modified")
    func lastModifiedDate() async throws {
        try await withLoopback(handler: Self.handler) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/t"), lastModified: Self.lastModified))
            #expect(response.isNotModified)
        }
    }

    @Test("a stale ETag gets the full page")
    func staleETag() async throws {
        try await withLoopback(handler: Self.handler) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/t"), etag: "\"v0\""))
            #expect(response.status == 200)
            #expect(!response.isNotModified)
            #expect(response.body == Array("thread".utf8))
        }
    }
}
