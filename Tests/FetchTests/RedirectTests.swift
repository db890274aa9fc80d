import Fetch
import LoopbackServer
import Testing
import Locking

@Suite("Redirects")
struct RedirectTests {
    @Test("a redirect chain is followed and the final URL reported")
    func chain() async throws {
        try await withLoopback(handler: { request in
            switch request.path {
            case "/r3": .redirect(to: "/r2", status: 301)
            case "/r2": .redirect(to: "r1", status: 302)
            case "/r1": .redirect(to: "/final?x=1", status: 307)
            case "/final": .text("arrived")
            default: .text("?", status: 404)
            }
        }) { server, client in
            let response = try await client.fetch(FetchRequest(url: server.url("/r3")))
            #expect(response.status == 200)
            #expect(response.body == Array("arrived".utf8))
            #expect(response.finalURL == server.url("/final?x=1"))
            #expect(response.requestedURL == server.url("/r3"))
            #expect(response.redirectCount == 3)
            #expect(response.headers["Location"] == nil)
        }
    }

    @Test("more redirects than the limit fail with tooManyRedirects")
    func tooMany() async throws {
        try await withLoopback(
            .testing(maxRedirects: 3),
            handler: { request in
                let n = Int(request.path.dropFirst(2)) ?? 0
                return .redirect(to: "/n\(n + 1)")
            }
        ) { server, client in
            let error = await fetchError(client, server.url("/n0"))
            #expect(error?.code == .tooManyRedirects)
            #expect(server.totalRequests == 4)
        }
    }

    @Test("a redirect loop is detected", arguments: ["/a", "/self"])
    func loop(_ start: String) async throws {
        try await withLoopback(handler: { request in
            switch request.path {
            case "/a": .redirect(to: "/b")
            case "/b": .redirect(to: "/a")
            default: .redirect(to: "/self")
            }
        }) { server, client in
            let error = try #require(await fetchError(client, server.url(start)))
            #expect(error.code == .redirectLoop)
            #expect(error.detail.contains(server.url(start)))
            #expect(error.attempts == 1)
            #expect(server.totalRequests <= 3)
        }
    }

    @Test(
        "a redirect to a non-http scheme is refused",
        arguments: ["file:///etc/passwd", "ftp://127.0.0.1:PORT/pub/file", "gopher://127.0.0.1:PORT/1"])
    func refusedScheme(_ template: String) async throws {
        let target = Locked<String>("")
        try await withLoopback(handler: { _ in .redirect(to: target.withLock { $0 }) }) { server, client in
            let location = template.replacingPort(with: server.port)
            target.withLock { $0 = location }
            let error = try #require(await fetchError(client, server.url("/go")))
            #expect(error.code == .redirectRefused)
            #expect(error.detail.contains(location))
            #expect(
                error.description
                    == "\(server.url("/go")): redirect to \(location) refused: only http and https are followed")
            #expect(server.totalRequests == 1)
        }
    }
}
