import LoopbackServer

/// Runs `body` with a loopback server (127.0.0.1, ephemeral port) answering with `handler`, and stops
/// the server afterwards, whether `body` succeeds or throws.
func withServer<T>(
    handler: @escaping LoopbackServer.Handler, _ body: (LoopbackServer) async throws -> T
) async throws -> T {
    let server = try await LoopbackServer.start(handler: handler)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A forum on 127.0.0.1: `/forum` is a `loopforum` listing of five threads, `/page` a small text body,
/// `/robots.txt` allows everything, anything else is a 404.
let forumHandler: LoopbackServer.Handler = { request in
    switch request.path {
    case "/forum": .text(Fixtures.loopForumListing(count: 5))
    case "/page": .text("hello, loop\n", contentType: "text/plain; charset=utf-8", headers: [("X-Test", "yes")])
    case "/robots.txt": .text("User-agent: *\nAllow: /\n", contentType: "text/plain")
    case "/moved-away": .redirect(to: "/gone")
    default: .text("<html><body>not here</body></html>", status: 404)
    }
}
