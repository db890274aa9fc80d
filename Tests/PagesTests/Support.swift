import Archive
import Foundation
import Model
import Pages

/// A temporary folder, removed when the test is done with it.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "threadkeeper-pages-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// An archive of three threads written through ArchiveWriter:
/// - `forum.example/42` ("test", News › General Discussion), two versions: post 2 edited ("brown fox jumps"
///   → "red fox leaps"), post 3 (with a `<script>` body, a relative time) removed, post 4 added; its title
///   and first author hold HTML;
/// - `other.example/7` ("other", Politics), one version, on the same story;
/// - `third.example/9` ("other", Sports), one version, no story, changed last.
final class FixtureArchive {
    let folder = TemporaryFolder()
    var root: String { folder.path + "/archive" }
    let reader: ArchiveReader

    static let first = ThreadKey(host: "forum.example", id: "42")
    static let second = ThreadKey(host: "other.example", id: "7")
    static let third = ThreadKey(host: "third.example", id: "9")
    static let story = Story(url: "https://news.example/story?ref=feed", canonical: "https://news.example/story")
    static let title = "Big <b>news</b> & \"quotes\""

    init() throws {
        let writer = try ArchiveWriter(root: folder.path + "/archive", software: "threadkeeper-tests")
        let opening = Self.post("1", "erronis <img src=x>", "Opening post with a link", depth: 0, postCount: 20_156)
        let reply = Self.post("2", "bob", "The quick brown fox jumps", depth: 1)
        var removed = Self.post("3", "carol", "bad", depth: 2)
        removed.html = "<script>alert(1)</script><p>bad</p>"
        removed.published = Timestamp(iso: "2025-06-16T16:00:00Z", text: "17 hrs ago", isApproximate: true)
        let edited = Self.post("2", "bob", "The quick red fox leaps", depth: 1)
        let added = Self.post("4", "dave", "A new reply", depth: 1)

        _ = try writer.store(Self.capture(
            Self.thread(url: "https://forum.example/t/42", site: "test", forum: ["News", "General Discussion"],
                        title: Self.title, story: Self.story, posts: [opening, reply, removed]),
            at: 1_750_000_000))
        _ = try writer.store(Self.capture(
            Self.thread(url: "https://other.example/t/7", site: "other", forum: ["Politics"], title: "Second thread",
                        story: Self.story, posts: [Self.post("70", "erin", "Seen elsewhere", depth: 0)]),
            at: 1_750_001_000))
        _ = try writer.store(Self.capture(
            Self.thread(url: "https://forum.example/t/42", site: "test", forum: ["News", "General Discussion"],
                        title: Self.title, story: Self.story, posts: [opening, edited, added]),
            at: 1_750_003_600))
        _ = try writer.store(Self.capture(
            Self.thread(url: "https://third.example/t/9", site: "other", forum: ["Sports"], title: "Third thread",
                        story: nil, posts: [Self.post("90", "frank", "No story here", depth: 0)]),
            at: 1_750_009_000))
        try writer.close()
        reader = try ArchiveReader(root: folder.path + "/archive")
    }

    func pages(_ style: LinkStyle = .server, pageSize: Int = 50) -> ReaderPages {
        ReaderPages(
            reader: reader,
            options: PageOptions(linkStyle: style, timeZone: TimeZone(identifier: "America/New_York")!, pageSize: pageSize))
    }

    static func post(_ id: String, _ author: String, _ text: String, depth: Int, postCount: Int = 10) -> Post {
        Post(
            id: id, position: 0, depth: depth, author: Author(name: author, postCount: postCount),
            published: Timestamp(iso: "2025-06-16T15:17:00Z", text: "Mon Jun 16, 2025, 11:17 AM"),
            html: "<p>\(text)</p>", text: text)
    }

    static func thread(url: String, site: String, forum: [String], title: String, story: Story?, posts: [Post]) -> Discussion {
        var numbered = posts
        for index in numbered.indices { numbered[index].position = index + 1 }
        let id = String(url.split(separator: "/").last!)
        return Discussion(
            site: site, profile: "test", id: id, url: url, title: title, forum: forum, story: story,
            counts: Counts(replies: posts.count - 1), posts: numbered)
    }

    static func capture(_ page: Discussion, at time: TimeInterval) -> ThreadCapture {
        let response = CapturedResponse(
            url: page.url!, status: 200, fetchedAt: Date(timeIntervalSince1970: time),
            responseHeaders: [HeaderField("Content-Type", "text/html; charset=utf-8")],
            body: Array("<html>\(page.posts.map { $0.text ?? "" }.joined())</html>".utf8))
        return ThreadCapture(pages: [page], responses: [response], profile: "test", tool: "threadkeeper-tests")
    }
}

extension String {
    /// How many times `needle` occurs.
    func occurrences(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}
