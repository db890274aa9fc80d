import Foundation
import LoopbackServer
import Locking

/// A tiny synthetic forum served by a `LoopbackServer`: a listing (`/forum`, `/forum?page=N`) of thread rows
/// (link, reply count, last-post time) and thread pages (`/t/ID`, `/t/ID?page=N`) of posts (id, author, time,
/// text; the opening post links a news story; a next-page link on multi-page threads). Read by the
/// user-defined profile `tinyforum` (`TinyForum.profile`), which is given in the config, not built in.
///
/// Every 200 carries an `ETag` (a hash of the body) and a `Last-Modified` (the thread's revision time);
/// a request whose `If-None-Match` matches the ETag, or that has no `If-None-Match` and whose
/// `If-Modified-Since` equals the `Last-Modified`, gets a 304. Threads can be changed, made to fail with a
/// status, and every request is logged with its validators, the status sent and its arrival time.
final class TinyForum: Sendable {
    struct Post: Sendable, Hashable {
        var id: Int
        var author: String
        /// Seconds since 1970.
        var time: Int
        var text: String
    }

    struct ForumThread: Sendable {
        var id: Int
        var title: String
        /// The news story the opening post links (its `href` as written).
        var story: String?
        var posts: [Post]
        /// Bumped by every change: the `Last-Modified` of the thread's pages.
        var revision = 0
        /// Answer every page of the thread with this status instead.
        var failStatus: Int?
    }

    /// One request as the forum saw and answered it.
    struct Hit: Sendable {
        var target: String
        var path: String
        var host: String?
        var ifNoneMatch: String?
        var ifModifiedSince: String?
        var status: Int
        var at: ContinuousClock.Instant

        var isConditional: Bool { ifNoneMatch != nil || ifModifiedSince != nil }
        var isThreadPage: Bool { path.hasPrefix("/t/") }
    }

    private struct State {
        var threads: [ForumThread] = []
        var hits: [Hit] = []
    }

    /// The listing's heading (the forum's name).
    let name: String
    let postsPerPage: Int
    let rowsPerListingPage: Int
    /// A pause before every response (to make a pass last a while).
    let responseDelay: Duration
    private let state = Locked(State())

    /// Seconds since 1970 of the first post: 2025-06-16T15:17:00Z.
    static let epoch = 1_750_087_020

    /// A forum of `count` threads with ids `firstID`, `firstID + 1`, …; thread number `n` (0-based) has
    /// `1 + n % 5` posts, so with 3 posts a page some threads have two pages.
    init(
        name: String = "General Discussion", threads count: Int, firstID: Int = 100, postsPerPage: Int = 3,
        rowsPerListingPage: Int = 50, responseDelay: Duration = .zero, stories: [Int: String] = [:]
    ) {
        self.name = name
        self.postsPerPage = postsPerPage
        self.rowsPerListingPage = rowsPerListingPage
        self.responseDelay = responseDelay
        var threads: [ForumThread] = []
        for number in 0..<count {
            let id = firstID + number
            let postCount = 1 + number % 5
            let posts = (0..<postCount).map { index in
                Post(
                    id: id * 1000 + index + 1, author: Self.authors[(number + index) % Self.authors.count],
                    time: Self.epoch + number * 3600 + index * 600,
                    text: "Post \(index + 1) of thread \(id): " + Self.words(seed: id * 31 + index))
            }
            let story = stories[id] ?? "https://www.news.example/world/story-\(id)?utm_source=tinyforum"
            threads.append(ForumThread(id: id, title: "Thread \(id) about story \(id)", story: story, posts: posts))
        }
        state.withLock { $0.threads = threads }
    }

    static let authors = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"]

    private static func words(seed: Int) -> String {
        let pool = ["the", "report", "says", "council", "budget", "vote", "river", "bridge", "mayor", "late", "night"]
        return (0..<8).map { pool[(seed &* 7 &+ $0 &* 13) % pool.count] }.joined(separator: " ")
    }

    // MARK: - Changing the forum

    var threadIDs: [Int] { state.withLock { $0.threads.map(\.id) } }

    func thread(_ id: Int) -> ForumThread? { state.withLock { $0.threads.first { $0.id == id } } }

    /// Adds `count` replies to thread `id` (later than every post it has).
    func addReplies(to id: Int, count: Int = 1) {
        state.withLock { state in
            guard let index = state.threads.firstIndex(where: { $0.id == id }) else { return }
            var thread = state.threads[index]
            for _ in 0..<count {
                let last = thread.posts.last!
                thread.posts.append(
                    Post(
                        id: last.id + 1, author: "latecomer", time: last.time + 900,
                        text: "A later reply (\(thread.posts.count + 1)) to thread \(id)."))
            }
            thread.revision += 1
            state.threads[index] = thread
        }
    }

    /// Makes every page of thread `id` answer `status` (nil: normal again).
    func fail(_ id: Int, with status: Int?) {
        state.withLock { state in
            guard let index = state.threads.firstIndex(where: { $0.id == id }) else { return }
            state.threads[index].failStatus = status
        }
    }

    // MARK: - The log

    var hits: [Hit] { state.withLock { $0.hits } }

    func clearLog() { state.withLock { $0.hits.removeAll() } }

    // MARK: - Serving

    /// The handler to give `LoopbackServer.start`.
    var handler: LoopbackServer.Handler { { [self] request in handle(request) } }

    func handle(_ request: LoopbackRequest) -> LoopbackResponse {
        let page = Self.page(of: request.query)
        var status = 200
        var headers: [(String, String)] = [("Content-Type", "text/html; charset=utf-8")]
        var body: [UInt8] = []
        let ifNoneMatch = request.header("If-None-Match")
        let ifModifiedSince = request.header("If-Modified-Since")
        let threads = state.withLock { $0.threads }
        if request.path == "/forum" {
            body = Array(listing(threads, page: page).utf8)
            if body.isEmpty { status = 404 }
        } else if request.path.hasPrefix("/t/"), let id = Int(request.path.dropFirst(3)),
            let thread = threads.first(where: { $0.id == id })
        {
            if let failing = thread.failStatus {
                status = failing
                body = Array("<html><body><h1>Error \(failing)</h1></body></html>".utf8)
            } else if let html = threadPage(thread, page: page) {
                body = Array(html.utf8)
                let etag = "\"tf-\(String(Self.fnv1a(body), radix: 16))\""
                let modified = HTTPDateFormat.string(secondsSince1970: Self.epoch + 86_400 + thread.revision * 3600)
                headers += [("ETag", etag), ("Last-Modified", modified)]
                let matches = ifNoneMatch.map { $0 == etag } ?? (ifModifiedSince == modified)
                if matches {
                    status = 304
                    body = []
                    headers = [("ETag", etag), ("Last-Modified", modified)]
                }
            } else {
                status = 404
            }
        } else {
            status = 404
        }
        if status == 404 { body = Array("<html><body>not here</body></html>".utf8) }
        let hit = Hit(
            target: request.target, path: request.path, host: request.header("Host"), ifNoneMatch: ifNoneMatch,
            ifModifiedSince: ifModifiedSince, status: status, at: .now)
        state.withLock { $0.hits.append(hit) }
        let response = LoopbackResponse.status(status, headers: headers, body: body)
        guard responseDelay > .zero else { return response }
        return LoopbackResponse(steps: [.pause(responseDelay)] + response.steps, keepsAlive: true)
    }

    private static func page(of query: String?) -> Int {
        guard let query else { return 1 }
        for pair in query.split(separator: "&") where pair.hasPrefix("page=") {
            return Int(pair.dropFirst(5)) ?? 1
        }
        return 1
    }

    /// Page `page` (1-based) of the listing, or "" past its end.
    func listing(_ threads: [ForumThread], page: Int) -> String {
        let pages = max(1, (threads.count + rowsPerListingPage - 1) / rowsPerListingPage)
        guard page >= 1, page <= pages else { return "" }
        let rows = threads.dropFirst((page - 1) * rowsPerListingPage).prefix(rowsPerListingPage).map { thread in
            let last = thread.posts.last!
            return """
                <tr class="thread"><td class="topic"><a class="thread-link" href="/t/\(thread.id)">\(Self.escape(thread.title))</a>\
                 by <span class="starter">\(thread.posts[0].author)</span></td>\
                <td class="replies">\(thread.posts.count - 1)</td>\
                <td class="last"><time datetime="\(Self.iso(last.time))">\(Self.shown(last.time))</time></td></tr>
                """
        }
        let next = page < pages ? "<p class=\"pager\"><a rel=\"next\" href=\"/forum?page=\(page + 1)\">Next</a></p>" : ""
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(Self.escape(name)) - Tiny Forum</title></head>
            <body id="tinyforum" class="listing">
            <h1>\(Self.escape(name))</h1>
            <table id="threads"><tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table>
            \(next)
            </body></html>

            """
    }

    /// Page `page` (1-based) of `thread`, or nil past its end.
    func threadPage(_ thread: ForumThread, page: Int) -> String? {
        let pages = max(1, (thread.posts.count + postsPerPage - 1) / postsPerPage)
        guard page >= 1, page <= pages else { return nil }
        let shown = thread.posts.dropFirst((page - 1) * postsPerPage).prefix(postsPerPage)
        let articles = shown.map { post in
            let isOpening = post.id == thread.posts[0].id
            // The opening post shares its story the way forum posts do: the headline, linked, first.
            let link = isOpening ? thread.story.map { "<p><a href=\"\(Self.escape($0))\">Headline of story \(thread.id)</a></p>" } ?? "" : ""
            return """
                <article class="post" data-post-id="\(post.id)">
                <header><span class="author">\(post.author)</span> <time datetime="\(Self.iso(post.time))">\(Self.shown(post.time))</time></header>
                <div class="body">\(link)<p>\(Self.escape(post.text))</p></div>
                </article>
                """
        }
        let next = page < pages ? "<p class=\"pager\"><a rel=\"next\" href=\"/t/\(thread.id)?page=\(page + 1)\">Next page</a></p>" : ""
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(Self.escape(thread.title)) - Tiny Forum</title></head>
            <body id="tinyforum" class="thread" data-thread="\(thread.id)">
            <nav class="crumbs"><a href="/forum">\(Self.escape(name))</a></nav>
            <h1 class="thread-title">\(Self.escape(thread.title))</h1>
            \(articles.joined(separator: "\n"))
            \(next)
            </body></html>

            """
    }

    // MARK: - Helpers

    static func iso(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    private static func shown(_ seconds: Int) -> String {
        // "2025-06-16 15:17" (UTC), as the page shows it.
        let iso = iso(seconds)
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    // MARK: - The profile

    /// The user-defined profile that reads this forum, as a `profiles` entry of config.json.
    static let profile = """
        {"name": "tinyforum", "description": "The synthetic forum of the crawl tests",
         "timeZone": "UTC", "locales": ["en"],
         "detect": {"markers": ["/html/body[@id='tinyforum']"], "listing": ["//table[@id='threads']"]},
         "thread": {
           "title": "//h1[@class='thread-title']",
           "forum": "//nav[@class='crumbs']/a",
           "id": {"xpath": "/html/body/@data-thread", "pattern": "^(\\\\d+)$"},
           "nextPage": "//p[@class='pager']/a[@rel='next']/@href",
           "posts": [{
             "node": "//article[@class='post']",
             "id": "@data-post-id",
             "author": ".//span[@class='author']",
             "published": ".//time/@datetime",
             "publishedText": ".//time",
             "body": ".//div[@class='body']"
           }]
         },
         "listing": {
           "title": "//h1",
           "rows": "//table[@id='threads']/tbody/tr[@class='thread']",
           "url": ".//a[@class='thread-link']/@href",
           "threadTitle": ".//a[@class='thread-link']",
           "author": ".//span[@class='starter']",
           "lastActivity": ".//td[@class='last']/time/@datetime",
           "lastActivityText": ".//td[@class='last']/time",
           "counts": {"replies": ".//td[@class='replies']"},
           "nextPage": "//p[@class='pager']/a[@rel='next']/@href",
           "forums": {
             "node": "//table[@id='forums']//tr[@class='forum']",
             "url": ".//a[@class='forum-link']/@href",
             "title": ".//a[@class='forum-link']",
             "description": ".//p[@class='desc']",
             "category": "ancestor::table[1]/preceding-sibling::h2[1]",
             "counts": {"topics": ".//td[@class='topics']", "posts": ".//td[@class='posts']"}
           }
         }}
        """
}
