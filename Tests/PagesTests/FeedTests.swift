import Archive
import Foundation
import Model
import Pages
import Testing

/// Threads as a forum shows them at two fetches, stored with ArchiveWriter into temporary archives.
enum FeedFixture {
    static let firstFetch: TimeInterval = 1_750_000_000  // 2025-06-15T15:06:40Z
    static let secondFetch: TimeInterval = 1_750_003_600  // an hour later
    static let story = Story(url: "https://news.example/harbour-tram?utm_source=x", canonical: "https://news.example/harbour-tram")

    static func post(_ id: String, _ author: String, _ html: String, minute: Int, title: String? = nil) -> Post {
        Post(
            id: id, position: 0, title: title,
            author: Author(name: author, postCount: 10, url: "/member/\(author)"),
            published: Timestamp(iso: "2025-06-16T15:\(minute < 10 ? "0" : "")\(minute):00Z", text: "15:\(minute)"),
            html: html, text: html)
    }

    static func capture(
        _ posts: [Post], host: String = "forum.example", id: String = "42", title: String = "Harbour tram opens",
        at time: TimeInterval
    ) -> ThreadCapture {
        var numbered = posts
        for index in numbered.indices { numbered[index].position = index + 1 }
        let url = "https://\(host)/t/\(id)"
        let page = Discussion(
            site: "test", profile: "test", id: id, url: url, title: title, forum: ["News"], story: story,
            counts: Counts(replies: posts.count - 1), posts: numbered)
        let response = CapturedResponse(
            url: url, status: 200, fetchedAt: Date(timeIntervalSince1970: time),
            responseHeaders: [HeaderField("Content-Type", "text/html; charset=utf-8")],
            body: Array("<html>\(posts.compactMap(\.html).joined())</html>".utf8))
        return ThreadCapture(pages: [page], responses: [response], profile: "test", tool: "threadkeeper-tests")
    }

    static let version1 = capture(
        [
            post("1001", "quaywatcher", "<p>The tram opens in May. <a href=\"/t/7\">Earlier thread</a></p>", minute: 17),
            post("1002", "visitor", "<p>Finally!</p><script>alert(1)</script>", minute: 20),
        ], at: firstFetch)
    static let version2 = capture(
        [
            post("1001", "quaywatcher", "<p>The tram opens on 12 May. <a href=\"/t/7\">Earlier thread</a></p>", minute: 17),
            post("1002", "visitor", "<p>Finally!</p><script>alert(1)</script>", minute: 20),
            post("1003", "pedal", "<p>Bikes allowed?</p>", minute: 42, title: "Re: bikes"),
        ], at: secondFetch)

    /// An archive in a fresh temporary folder holding `captures`, stored in order.
    static func archive(_ captures: [ThreadCapture]) throws -> TemporaryArchive {
        let archive = TemporaryArchive()
        let writer = try ArchiveWriter(root: archive.path, software: "threadkeeper-tests")
        for capture in captures { _ = try writer.store(capture) }
        try writer.close()
        return archive
    }
}

/// A temporary archive folder, removed when the test is done with it.
final class TemporaryArchive: Sendable {
    let path = NSTemporaryDirectory() + "threadkeeper-feed-tests-" + UUID().uuidString

    func reader() throws -> ArchiveReader { try ArchiveReader(root: path) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Atom feeds")
struct FeedTests {
    let links = FeedLinks(baseURL: "http://127.0.0.1:8080/")
    let key = ThreadKey(host: "forum.example", id: "42")

    @Test func threadFeedHasEveryPostNewestFirst() throws {
        let archive = try FeedFixture.archive([FeedFixture.version1, FeedFixture.version2])
        let feed = try Feeds.thread(key: key, reader: archive.reader(), links: links)
        let parsed = try #require(ParsedFeed(feed.xml), "not well-formed XML:\n\(feed.xml)")
        #expect(parsed.id == "urn:threadkeeper:thread:forum.example:42")
        #expect(parsed.title == "Harbour tram opens")
        #expect(parsed.updated == "2025-06-15T16:06:40Z")
        #expect(parsed.links["self"] == "http://127.0.0.1:8080/feeds/thread/forum.example/42.atom")
        #expect(parsed.links["alternate"] == "http://127.0.0.1:8080/t/forum.example/42")
        #expect(parsed.generator == "Threadkeeper")
        // 1003 is new and 1001 was edited in version 2; 1002 is unchanged since version 1.
        #expect(parsed.entries.map(\.id) == [
            "urn:threadkeeper:post:forum.example:42:id%3A1003", "urn:threadkeeper:post:forum.example:42:id%3A1001",
            "urn:threadkeeper:post:forum.example:42:id%3A1002",
        ])
        #expect(parsed.entries.map(\.updated) == ["2025-06-15T16:06:40Z", "2025-06-15T16:06:40Z", "2025-06-15T15:06:40Z"])
        let newest = try #require(parsed.entries.first)
        #expect(newest.title == "Re: bikes")
        #expect(newest.published == "2025-06-16T15:42:00Z")
        #expect(newest.author == "pedal")
        #expect(newest.authorURI == "https://forum.example/member/pedal")
        #expect(newest.link == "http://127.0.0.1:8080/t/forum.example/42#p-id-1003")
        #expect(newest.content == "<p>Bikes allowed?</p>")
        #expect(parsed.entries[1].title == "quaywatcher in Harbour tram opens")
        #expect(
            parsed.entries[1].content
                == "<p>The tram opens on 12 May. <a href=\"https://forum.example/t/7\" rel=\"nofollow noopener noreferrer\">Earlier thread</a></p>")
        // The content is the sanitised body.
        #expect(parsed.entries[2].content == "<p>Finally!</p>")
    }

    @Test func entryIDsStayTheSameWhenRebuiltAndAcrossArchives() throws {
        let archive = try FeedFixture.archive([FeedFixture.version1, FeedFixture.version2])
        let first = try Feeds.thread(key: key, reader: archive.reader(), links: links)
        let again = try Feeds.thread(key: key, reader: archive.reader(), links: links)
        #expect(first.xml == again.xml)
        let other = try FeedFixture.archive([FeedFixture.version1, FeedFixture.version2])
        #expect(other.path != archive.path)
        let rebuilt = try Feeds.thread(key: key, reader: other.reader(), links: links)
        #expect(rebuilt.xml == first.xml)
    }

    @Test func aNewPostIsANewEntryAndOldEntriesKeepTheirIDs() throws {
        let archive = try FeedFixture.archive([FeedFixture.version1])
        let beforeFeed = try Feeds.thread(key: key, reader: archive.reader(), links: links)
        let before = try #require(ParsedFeed(beforeFeed.xml))
        let writer = try ArchiveWriter(root: archive.path, software: "threadkeeper-tests")
        _ = try writer.store(FeedFixture.version2)
        try writer.close()
        let afterFeed = try Feeds.thread(key: key, reader: archive.reader(), links: links)
        let after = try #require(ParsedFeed(afterFeed.xml))
        #expect(before.entries.count == 2)
        #expect(after.entries.count == 3)
        let new = Set(after.entries.map(\.id)).subtracting(before.entries.map(\.id))
        #expect(new == ["urn:threadkeeper:post:forum.example:42:id%3A1003"])
        #expect(Set(before.entries.map(\.id)).isSubset(of: Set(after.entries.map(\.id))))
        // The unchanged post is the same entry, updated at the same time: a feed reader shows it once.
        let unchanged = { (feed: ParsedFeed) in feed.entries.first { $0.id.hasSuffix("1002") } }
        #expect(unchanged(before) == unchanged(after))
        #expect(before.updated == "2025-06-15T15:06:40Z")
    }

    @Test func hostileTextStaysValidXML() throws {
        let hostile = "a\u{1}b\u{8}c\u{B}d\u{C}e\u{1F}f\u{FFFE}g\u{FFFF}h ]]> <x> & \"'\r\n\t\u{7F}\u{85}\u{1F600}"
        let capture = FeedFixture.capture(
            [
                FeedFixture.post("9", hostile, "<p>\(hostile)</p><![CDATA[ x ]]>", minute: 1, title: hostile),
                FeedFixture.post("1\u{0}]]>/:#?", "x", "<p>odd key</p>", minute: 2),
            ], title: "Title " + hostile, at: FeedFixture.firstFetch)
        let archive = try FeedFixture.archive([capture])
        let feed = try Feeds.thread(key: key, reader: archive.reader(), links: links)
        let parsed = try #require(ParsedFeed(feed.xml), "not well-formed XML:\n\(feed.xml)")
        #expect(parsed.entries.count == 2)
        let entry = try #require(parsed.entries.first { $0.id.hasSuffix("id%3A9") })
        #expect(entry.title == "abcdefgh ]]> <x> & \"'\r\n\t\u{7F}\u{85}\u{1F600}")
        #expect(entry.author == entry.title)
        let odd = try #require(parsed.entries.first { !$0.id.hasSuffix("id%3A9") })
        #expect(odd.id == "urn:threadkeeper:post:forum.example:42:id%3A1%00%5D%5D%3E%2F%3A%23%3F")
        #expect(odd.link == "http://127.0.0.1:8080/t/forum.example/42#p-id-1.00.5d.5d.3e.2f-.23.3f")
    }

    @Test func storyAndSiteFeedsGatherTheirThreads() throws {
        let elsewhere = FeedFixture.capture(
            [FeedFixture.post("77", "reader", "<p>Seen on another forum</p>", minute: 30)], host: "www.other.example",
            id: "9", title: "Tram news", at: FeedFixture.secondFetch + 60)
        let archive = try FeedFixture.archive([FeedFixture.version1, FeedFixture.version2, elsewhere])
        let reader = try archive.reader()
        let story = try Feeds.story(canonical: FeedFixture.story.canonical, id: "abc123", reader: reader, links: links)
        let parsedStory = try #require(ParsedFeed(story.xml))
        #expect(parsedStory.entries.count == 4)
        #expect(parsedStory.entries.first?.id == "urn:threadkeeper:post:other.example:9:id%3A77")
        #expect(parsedStory.links["self"] == "http://127.0.0.1:8080/feeds/story/abc123.atom")
        #expect(parsedStory.id == "urn:threadkeeper:story:https%3A%2F%2Fnews.example%2Fharbour-tram")
        #expect(parsedStory.updated == "2025-06-15T16:07:40Z")

        let site = try Feeds.site(host: "forum.example", reader: reader, links: links)
        let parsedSite = try #require(ParsedFeed(site.xml))
        #expect(parsedSite.entries.count == 3)
        #expect(parsedSite.entries.allSatisfy { $0.id.hasPrefix("urn:threadkeeper:post:forum.example:42:") })
        #expect(parsedSite.links["self"] == "http://127.0.0.1:8080/feeds/site/forum.example.atom")
        let other = try Feeds.site(host: "www.other.example", reader: reader, links: links)
        #expect(other.entries.map(\.id) == ["urn:threadkeeper:post:other.example:9:id%3A77"])

        #expect(throws: ArchiveError.self) { try Feeds.site(host: "nowhere.example", reader: reader, links: links) }
        #expect(throws: ArchiveError.self) {
            try Feeds.story(canonical: "https://news.example/none", id: "x", reader: reader, links: links)
        }
    }

    @Test func aFeedHoldsTheNewestHundredEntries() throws {
        let posts = (1...130).map { FeedFixture.post(String($0), "p\($0)", "<p>\($0)</p>", minute: $0 % 60) }
        let archive = try FeedFixture.archive([FeedFixture.capture(posts, at: FeedFixture.firstFetch)])
        let feed = try Feeds.thread(key: key, reader: archive.reader(), links: links)
        #expect(feed.entries.count == Feeds.limit)
        // One fetch added them all: the later in the thread, the newer.
        #expect(feed.entries.first?.id.hasSuffix("id%3A130") == true)
        #expect(feed.entries.last?.id.hasSuffix("id%3A31") == true)
    }
}
