import Fetch
import LoopbackServer
import Testing

@Suite("Fetching from a well-behaved server")
struct BasicFetchTests {
    @Test("a page comes back with status, headers in order, body and final URL")
    func fetchesPage() async throws {
        try await withLoopback(handler: { request in
            .status(
                200, headers: [("Content-Type", "text/html"), ("X-A", "1"), ("X-B", "2"), ("X-A", "3")],
                body: Array("hello \(request.path)".utf8))
        }) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/page")))
            #expect(response.status == 200)
            #expect(response.isSuccess)
            #expect(!response.isNotModified)
            #expect(response.body == Array("hello /page".utf8))
            #expect(response.requestedURL == server.url("/page"))
            #expect(response.finalURL == server.url("/page"))
            #expect(response.redirectCount == 0)
            #expect(response.attempts == 1)
            #expect(response.headers.values(named: "x-a") == ["1", "3"])
            #expect(response.headers.map(\.name).filter { $0.hasPrefix("X-") } == ["X-A", "X-B", "X-A"])
            #expect(response.mediaType == "text/html")
            #expect(response.timings.total > .zero)
            #expect(response.timings.timeToFirstByte <= response.timings.total)
        }
    }
}

@Suite("Requests and responses")
struct RequestResponseTests {
    @Test("the declared charset is reported and the bytes are kept as received")
    func charsetKeptRaw() async throws {
        let latin1: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x20, 0xE8]  // "café è" in ISO-8859-1
        try await withLoopback(handler: { request in
            let type =
                request.path == "/quoted" ? "text/html; charset=\"windows-1252\"" : "text/html; charset=ISO-8859-1"
            return .status(200, headers: [("Content-Type", type)], body: latin1)
        }) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/latin1")))
            #expect(response.body == latin1)
            #expect(response.declaredCharset == "ISO-8859-1")
            #expect(response.mediaType == "text/html")
            let quoted = try await client.fetch(FetchRequest(url: server.url("/quoted")))
            #expect(quoted.declaredCharset == "windows-1252")
        }
    }

    @Test("the configured User-Agent and extra headers are sent")
    func sendsHeaders() async throws {
        let configuration = FetchConfiguration.testing()
        try await withLoopback(
            configuration,
            handler: { request in
                .text(
                    ["User-Agent", "X-Test", "Accept-Encoding"].map { request.header($0) ?? "-" }.joined(separator: "|")
                )
            }
        ) { server, client in
            let request = FetchRequest(url: server.url("/echo"), headers: [("X-Test", "yes")])
            let response = try await client.fetch(request)
            let parts = String(decoding: response.body, as: UTF8.self).split(separator: "|").map(String.init)
            #expect(parts.count == 3)
            #expect(parts.first == configuration.userAgent)
            #expect(parts.dropFirst().first == "yes")
            let encodings = Set((parts.last ?? "").split(separator: ",").map { String($0.filter { $0 != " " }) })
            #expect(encodings.isSuperset(of: ["gzip", "deflate", "br", "zstd"]))
        }
    }

    @Test("a header value with CR or LF is refused before anything is sent")
    func refusesHeaderInjection() async throws {
        try await withLoopback(handler: { _ in .text("ok") }) { server, client in
            let request = FetchRequest(url: server.url("/x"), headers: [("X-Evil", "a\r\nX-Injected: 1")])
            let error = await fetchError(client, request)
            #expect(error?.code == .invalidRequest)
            let badName = await fetchError(client, FetchRequest(url: server.url("/x"), headers: [("Bad Name", "1")]))
            #expect(badName?.code == .invalidRequest)
            #expect(server.totalRequests == 0)
        }
    }

    @Test("a 404 is a response, not retried")
    func notFoundIsResponse() async throws {
        try await withLoopback(handler: { _ in .text("gone", status: 404) }) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/gone")))
            #expect(response.status == 404)
            #expect(!response.isSuccess)
            #expect(response.attempts == 1)
            #expect(server.requestCount("/gone") == 1)
        }
    }
}
