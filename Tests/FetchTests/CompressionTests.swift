import Fetch
import LoopbackServer
import Testing

@Suite("Compression and size limits")
struct CompressionTests {
    static let pageBytes = Array(
        String(repeating: "<p>Emails reveal the casual surveillance alliance.</p>\n", count: 200).utf8)
    /// 64 MiB of zeros, about 420 KB on the wire.
    static let bombBytes = Gzip.zeros(count: 64 * 1024 * 1024)

    @Test("a gzip body is decoded")
    func gzip() async throws {
        try await withLoopback(handler: { request in
            guard request.header("Accept-Encoding")?.contains("gzip") == true else {
                return .text("plain", status: 406)
            }
            return .status(
                200, headers: [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
                body: Gzip.compress(Self.pageBytes))
        }) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/gz")))
            #expect(response.status == 200)
            #expect(response.contentEncoding == "gzip")
            #expect(response.body == Self.pageBytes)
        }
    }

    @Test("a gzip bomb is stopped at the size cap")
    func bomb() async throws {
        let limit = 1024 * 1024
        #expect(Self.bombBytes.count < limit)
        try await withLoopback(
            .testing(maxBodyBytes: limit),
            handler: { _ in
                .status(
                    200, headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: Self.bombBytes)
            }
        ) { server, client in
            let error = try #require(await fetchError(client, server.url("/bomb")))
            #expect(error.code == .decompressedTooLarge)
            #expect(error.description == "\(server.url("/bomb")): decompressed body exceeds \(limit) bytes (gzip)")
            #expect(error.attempts == 1)
        }
    }

    @Test("a run of zeros built like the bomb inflates exactly under a large enough cap (the bomb is real gzip)")
    func bombIsValidGzip() async throws {
        let count = 3 * 1024 * 1024 + 123
        let zeros = Gzip.zeros(count: count)
        #expect(zeros.count < count / 100)
        try await withLoopback(
            .testing(maxBodyBytes: 4 * 1024 * 1024),
            handler: { _ in
                .status(200, headers: [("Content-Encoding", "gzip")], body: zeros)
            }
        ) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/zeros")))
            #expect(response.body.count == count)
            #expect(response.body.max() == 0)
        }
    }

    @Test("a body over the cap fails with bodyTooLarge", arguments: [true, false])
    func bodyTooLarge(_ declaresLength: Bool) async throws {
        let limit = 256 * 1024
        let body = [UInt8](repeating: 0x41, count: limit + 1)
        try await withLoopback(
            .testing(maxBodyBytes: limit),
            handler: { _ in
                if declaresLength { return .status(200, headers: [("Content-Type", "text/plain")], body: body) }
                // No Content-Length: the body runs until the connection closes; only the byte count can stop it.
                return LoopbackResponse(steps: [
                    .send(LoopbackResponse.head(status: 200, headers: [("Connection", "close")]) + body), .close,
                ])
            }
        ) { server, client in
            let error = try #require(await fetchError(client, server.url("/big")))
            #expect(error.code == .bodyTooLarge)
            #expect(error.description == "\(server.url("/big")): body exceeds \(limit) bytes")
        }
    }

    @Test("a body exactly at the cap is accepted")
    func bodyAtCap() async throws {
        let limit = 64 * 1024
        try await withLoopback(
            .testing(maxBodyBytes: limit),
            handler: { _ in
                .status(200, body: [UInt8](repeating: 0x41, count: limit))
            }
        ) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/exact")))
            #expect(response.body.count == limit)
        }
    }
}
