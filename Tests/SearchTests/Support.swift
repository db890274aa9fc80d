import Archive
import Foundation
import Model
import Search

/// A temporary archive folder, removed when the test is done with it.
final class TemporaryArchive {
    let root: String

    init() {
        root = NSTemporaryDirectory() + "threadkeeper-search-tests-" + UUID().uuidString
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    var indexFile: String { root + "/index/search.sqlite" }

    /// Stores `thread` as fetched at `time`, returning what the archive made of it.
    @discardableResult
    func store(_ thread: Discussion, at time: TimeInterval = 1_750_000_000) throws -> ThreadSnapshot {
        let writer = try ArchiveWriter(root: root, software: "threadkeeper-tests")
        defer { try? writer.close() }
        let response = CapturedResponse(
            url: thread.url!, status: 200, fetchedAt: Date(timeIntervalSince1970: time),
            responseHeaders: [HeaderField("Content-Type", "text/html; charset=utf-8")],
            body: Array("<html>\(thread.posts.map { $0.text ?? "" }.joined())</html>".utf8))
        let outcome = try writer.store(
            ThreadCapture(pages: [thread], responses: [response], profile: "test", tool: "threadkeeper-tests"))
        return try writer.reader.snapshot(of: outcome.key)
    }

    func reader() throws -> ArchiveReader { try ArchiveReader(root: root) }

    func index() throws -> SearchIndex { try SearchIndex.open(archive: try reader()) }
}

/// Builds threads for the tests.
enum Build {
    static func post(
        _ id: String, _ author: String, _ text: String, at iso: String = "2025-06-16T15:17:00Z", comments: [Post] = []
    ) -> Post {
        Post(
            id: id, position: 0, author: Author(name: author), published: Timestamp(iso: iso, text: iso),
            html: "<p>\(text)</p>", text: text, comments: comments)
    }

    static func thread(
        _ id: String, title: String, site: String = "du", host: String = "forum.example", _ posts: [Post]
    ) -> Discussion {
        var numbered = posts
        for index in numbered.indices { numbered[index].position = index + 1 }
        return Discussion(
            site: site, profile: "test", id: id, url: "https://\(host)/t/\(id)", title: title, forum: ["Forum"],
            counts: Counts(replies: max(0, posts.count - 1)), posts: numbered)
    }

    /// Three threads on two sites, in June and July 2025.
    static func sample() -> [Discussion] {
        [
            thread(
                "1", title: "Emails reveal the surveillance alliance between ICE and local police", host: "democraticunderground.com",
                [
                    post("11", "erronis", "Flock cameras are everywhere in our town now.", at: "2025-06-16T15:17:00Z"),
                    post("12", "bob", "The cameras of the flock were counted by police.", at: "2025-06-16T16:00:00Z"),
                    post("13", "Cat", "They surveilled the whole café district.", at: "2025-06-17T09:30:00Z"),
                ]),
            thread(
                "2", title: "Licence plate readers", site: "hn", host: "news.ycombinator.com",
                [
                    post("21", "dang", "ALPR cameras log every plate, say critics.", at: "2025-07-02T10:00:00Z"),
                    post(
                        "22", "bob", "Surveillance is cheap now; the cafe owner agrees.", at: "2025-07-03T10:00:00Z",
                        comments: [post("22a", "eve", "A comment about zebras and cameras.", at: "2025-07-03T11:00:00Z")]),
                ]),
            thread(
                "3", title: "Garden club", host: "democraticunderground.com",
                [post("31", "erronis", "Tomatoes and cameras do not mix.", at: "2025-06-20T08:00:00Z")]),
        ]
    }
}

extension SearchResults {
    /// Each hit as `postKey` (and `/cN` for a comment), in order.
    var keys: [String] { hits.map { $0.postKey + ($0.comment.map { "/c\($0)" } ?? "") } }
}
