import Archive
import Foundation
import Hummingbird
import Model
import Pages
import Search

/// The reader's URL scheme (the one `Pages` links to), each route a thin call into `Pages`, `Search` or the
/// feeds. Thread paths carry the two parts of `ThreadKey.relativePath`; they are checked by the archive
/// before any file is named with them.
struct ReaderRoutes: Sendable {
    let server: ReaderServer

    /// Results per search page.
    static let searchPageSize = 20

    func add(to router: Router<some RequestContext>) {
        router.get("/") { request, _ in
            let query = FormQuery(request.uri.query)
            let page = try Self.positive(query["page"], name: "page") ?? 1
            return try await html {
                try server.pages.index(site: query["site"], forum: query["forum"], page: page)
            }
        }
        router.get("/stories") { _, _ in
            try await html { server.pages.stories() }
        }
        router.get("/stories/:id") { _, context in
            let id = try context.parameters.require("id")
            return try await html { try server.pages.story(id: id) }
        }
        router.get("/t/:host/:id") { request, context in
            let key = try thread(context)
            let version = try Self.positive(FormQuery(request.uri.query)["v"], name: "v")
            return try await html { try server.pages.thread(key: key, version: version) }
        }
        router.get("/t/:host/:id/history") { _, context in
            let key = try thread(context)
            return try await html { try server.pages.history(key: key) }
        }
        router.get("/t/:host/:id/diff") { request, context in
            let key = try thread(context)
            let query = FormQuery(request.uri.query)
            guard let from = try Self.positive(query["from"], name: "from"),
                let to = try Self.positive(query["to"], name: "to")
            else { throw ReaderError.badRequest("a diff needs two versions: ?from=A&to=B") }
            return try await html { try server.pages.diff(key: key, from: from, to: to) }
        }
        router.get("/search") { request, _ in
            let model = try await search(FormQuery(request.uri.query))
            return try await html { server.pages.search(model: model) }
        }
        router.get("/feeds/thread/:host/:file") { request, context in
            let id = try Self.strip(context.parameters.require("file"), suffix: ".atom")
            guard let key = server.reader.key(relativePath: try context.parameters.require("host"), id) else {
                throw ReaderError.notFound("no such thread in the archive")
            }
            let links = feedLinks(request)
            return try await atom { () throws(ArchiveError) in
                try Feeds.thread(key: key, reader: server.reader, links: links, sanitizer: server.sanitizer)
            }
        }
        router.get("/feeds/story/:file") { request, context in
            let id = try Self.strip(context.parameters.require("file"), suffix: ".atom")
            guard let story = server.reader.storyIndex().stories.first(where: { $0.id == id }) else {
                throw ReaderError.notFound("no story \(id) in the archive")
            }
            let links = feedLinks(request)
            return try await atom { () throws(ArchiveError) in
                try Feeds.story(canonical: story.canonical, id: id, reader: server.reader, links: links, sanitizer: server.sanitizer)
            }
        }
        router.get("/feeds/site/:file") { request, context in
            let host = try Self.strip(context.parameters.require("file"), suffix: ".atom")
            let links = feedLinks(request)
            return try await atom { () throws(ArchiveError) in
                try Feeds.site(host: host, reader: server.reader, links: links, sanitizer: server.sanitizer)
            }
        }
        router.get("/static/style.css") { _, _ in
            var response = Response.body(ReaderPages.stylesheet, type: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "max-age=3600"
            return response
        }
    }

    private func thread(_ context: some RequestContext) throws -> ThreadKey {
        let host = try context.parameters.require("host")
        let id = try context.parameters.require("id")
        guard let key = server.reader.key(relativePath: host, id) else {
            throw ReaderError.notFound("no thread \(host)/\(id) in the archive")
        }
        return key
    }

    private func html(_ render: @escaping @Sendable () throws -> String) async throws -> Response {
        .html(try await server.offload(render))
    }

    private func atom(_ build: @escaping @Sendable () throws(ArchiveError) -> AtomFeed) async throws -> Response {
        let feed: AtomFeed
        do {
            feed = try await server.offload { try build() }
        } catch let error as ArchiveError {
            throw ReaderError.notFound(error.description)
        }
        return .body(feed.xml, type: AtomFeed.mediaType)
    }

    /// Absolute links for feeds, on the address the reader asked this server by (its Host header), else the
    /// one it listens on.
    private func feedLinks(_ request: Request) -> FeedLinks {
        let authority = request.head.authority ?? "\(server.options.host):\(server.options.port)"
        return FeedLinks(baseURL: "http://" + authority)
    }

    private static func positive(_ text: String?, name: String) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text), value >= 1 else {
            throw ReaderError.badRequest("\(name) must be a whole number from 1, not \"\(text.prefix(40))\"")
        }
        return value
    }

    private static func strip(_ file: String, suffix: String) throws -> String {
        guard file.hasSuffix(suffix), file.count > suffix.count else { throw ReaderError.notFound("feeds end in \(suffix)") }
        return String(file.dropLast(suffix.count))
    }

    /// The search page's model for `?q=&site=&author=&from=&to=&page=`: an empty query shows the form, a
    /// query the index cannot read shows why (400), an index that could not be opened says so (503).
    private func search(_ parameters: FormQuery) async throws -> SearchPageModel {
        func field(_ name: String) -> String { parameters[name] ?? "" }
        let pageSize = Self.searchPageSize
        let page = try Self.positive(parameters["page"], name: "page") ?? 1
        var model = SearchPageModel(
            query: field("q"), site: field("site"), author: field("author"), from: field("from"), to: field("to"),
            total: 0, page: page, pageSize: pageSize, hits: [])
        guard !model.query.trimmingCharacters(in: .whitespaces).isEmpty else { return model }
        guard let index = server.index else {
            throw ReaderError(status: .serviceUnavailable, message: "search is off: \(server.searchProblem ?? "no index")")
        }
        let query = SearchQuery(
            model.query, site: model.site.nilIfEmpty, author: model.author.nilIfEmpty,
            from: model.from.nilIfEmpty, to: model.to.nilIfEmpty, limit: pageSize, offset: (page - 1) * pageSize)
        let results: SearchResults
        do {
            results = try await server.offload { try index.search(query) }
        } catch let error as SearchError where error.code == .badQuery {
            throw ReaderError.badRequest(error.description)
        }
        model.total = results.total
        model.hits = results.hits
        return model
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
