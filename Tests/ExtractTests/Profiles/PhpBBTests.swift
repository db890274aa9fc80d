import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic phpBB pages in `Fixtures/phpbb/`: a phpBB 3.3 prosilver topic (with `<time>` elements, a
/// guest post and session ids in every link), a phpBB 3.0 subsilver2 topic in German, and the forum
/// views of both styles.
private let phpBB = Fixture("phpbb")

@Suite("phpBB profile")
struct PhpBBTests {
    static let board = "https://community.example.org/"

    @Test func prosilver33Topic() throws {
        let thread = try phpBB.thread("phpbb33-prosilver-topic.html")
        #expect(thread.profile == "phpbb")
        #expect(thread.title == "Harbour tram opens in May")
        #expect(thread.id == "3107")
        #expect(thread.url == Self.board + "viewtopic.php?t=3107")
        #expect(thread.forum == ["Board index", "City & transport"])
        // "31 posts": 30 replies to the opening post.
        #expect(thread.counts.replies == 30)
        #expect(thread.pages.current == 1)
        #expect(thread.pages.last == 3)
        // Session ids (sid=…) are dropped from the links the crawler follows.
        #expect(thread.pages.next == Self.board + "viewtopic.php?t=3107&start=15")
        #expect(thread.pages.lastURL == Self.board + "viewtopic.php?t=3107&start=30")

        #expect(thread.posts.map(\.id) == ["22001", "22007", "22010"])
        #expect(thread.posts.map(\.author.name) == ["quaywatcher", "Visitor Anne", "Admin Ed"])
        #expect(thread.posts.map(\.author.url) == [
            Self.board + "memberlist.php?mode=viewprofile&u=58", nil, Self.board + "memberlist.php?mode=viewprofile&u=2",
        ])
        #expect(thread.posts.map(\.author.postCount) == [1204, nil, 87])
        #expect(thread.posts.map(\.published.iso) == [
            "2024-04-02T07:30:00Z", "2024-04-02T11:02:41Z", "2024-04-03T06:15:00Z",
        ])
        #expect(thread.posts[0].published.text == "Tue Apr 02, 2024 9:30 am")
        #expect(thread.posts.map(\.edited.iso) == ["2024-04-02T08:05:00Z", nil, nil])
        #expect(thread.posts[0].edited.text == "Tue Apr 02, 2024 10:05 am")
        #expect(thread.posts.map(\.title) == [
            "Harbour tram opens in May", "Re: Harbour tram opens in May", "Re: Harbour tram opens in May",
        ])
        #expect(thread.posts[1].text == "Finally!")
        #expect(thread.story?.url == "https://www.example-news.com/city/harbour-tram-opening-date?utm_medium=social&fbclid=abc")
        #expect(thread.story?.canonical == "https://example-news.com/city/harbour-tram-opening-date")
    }

    @Test func subsilver2Topic() throws {
        let thread = try phpBB.thread(
            "phpbb30-subsilver2-topic.html", url: "http://altes.example.de/forum/viewtopic.php?f=3&t=812&start=10")
        #expect(thread.profile == "phpbb")
        #expect(thread.title == "Straßenbahn zum Hafen")
        #expect(thread.id == "812")
        #expect(thread.forum == ["Foren-Übersicht", "Verkehr"])
        // "[ 12 Beiträge ]"
        #expect(thread.counts.replies == 11)
        #expect(thread.pages.current == 2)
        #expect(thread.pages.last == 2)
        #expect(thread.pages.next == nil)
        #expect(thread.posts.map(\.id) == ["9120", "9133"])
        #expect(thread.posts.map(\.author.name) == ["Schaffner", "Hafenmeister"])
        #expect(thread.posts.map(\.author.url) == [
            "http://altes.example.de/forum/memberlist.php?mode=viewprofile&u=17",
            "http://altes.example.de/forum/memberlist.php?mode=viewprofile&u=4",
        ])
        #expect(thread.posts.map(\.author.postCount) == [1626, 9])
        #expect(thread.posts.map(\.published.text) == ["14.02.2009, 17:05", "15.02.2009, 08:40"])
        #expect(thread.posts.map(\.published.iso) == ["2009-02-14T17:05:00Z", "2009-02-15T08:40:00Z"])
        #expect(thread.posts.map(\.text) == ["Die Linie fährt ab März.", "Und am Wochenende?"])
        #expect(thread.posts[0].title == "Re: Straßenbahn zum Hafen")
    }

    @Test func prosilverForumView() throws {
        let listing = try phpBB.listing("phpbb33-viewforum.html")
        #expect(listing.profile == "phpbb")
        #expect(listing.title == "City & transport")
        #expect(listing.nextPage == Self.board + "viewforum.php?f=4&start=25")
        #expect(listing.threads.map(\.id) == ["12", "3107", "3111"])
        #expect(listing.threads.map(\.url) == [
            Self.board + "viewtopic.php?t=12", Self.board + "viewtopic.php?t=3107", Self.board + "viewtopic.php?t=3111",
        ])
        #expect(listing.threads.map(\.title) == ["Board rules", "Harbour tram opens in May", "Bus 12 diverted"])
        #expect(listing.threads.map(\.author.name) == ["Admin Ed", "quaywatcher", "Visitor Anne"])
        #expect(listing.threads[1].author.url == Self.board + "memberlist.php?mode=viewprofile&u=58")
        #expect(listing.threads.map(\.counts.replies) == [0, 30, 2])
        #expect(listing.threads.map(\.counts.views) == [9811, 1402, 77])
        #expect(listing.threads.map(\.lastActivity.iso) == [
            "2015-01-01T10:00:00Z", "2024-04-09T16:45:00Z", "2024-04-06T08:20:00Z",
        ])
    }

    @Test func subsilver2ForumView() throws {
        let listing = try phpBB.listing(
            "phpbb30-subsilver2-viewforum.html", url: "http://old.example.net/forum/viewforum.php?f=3")
        #expect(listing.title == "Transport")
        #expect(listing.nextPage == "http://old.example.net/forum/viewforum.php?f=3&start=50")
        #expect(listing.threads.map(\.id) == ["812", "790"])
        #expect(listing.threads.map(\.title) == ["Tram to the harbour", "Night buses"])
        #expect(listing.threads.map(\.author.name) == ["Conductor", "Guest rider"])
        #expect(listing.threads.map(\.counts.replies) == [11, 0])
        #expect(listing.threads.map(\.counts.views) == [1250, 45])
        #expect(listing.threads.map(\.lastActivity.text) == ["Sun Feb 15, 2009 8:40 am", "Mon Jan 05, 2009 9:00 am"])
        #expect(listing.threads[0].lastActivity.iso == "2009-02-15T08:40:00Z")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func dostipsPageFourOfSeven() throws {
        // The HTTrack mirror's canonical link is relative: give the page its address.
        let thread = try phpBB.thread(
            corpus: "phpbb/phpbb3.2-dostips-paginated-p4of7-httrack.html",
            url: "https://www.dostips.com/forum/viewtopic.php?f=3&t=7153&start=45")
        #expect(thread.profile == "phpbb")
        #expect(thread.id == "7153")
        #expect(thread.forum == ["DosTips.com", "Board index", "DosTips - Dos Batch", "DOS Batch Forum"])
        #expect(thread.counts.replies == 93)
        #expect(thread.pages.current == 4)
        #expect(thread.pages.last == 7)
        #expect(thread.pages.next == "https://www.dostips.com/forum/viewtopic023b.html?f=3&t=7153&start=60")
        // The style's "Author / Message" header is a div.post without an id: not a post.
        #expect(thread.posts.count == 15)
        #expect(thread.posts.first?.id == "47980")
        #expect(thread.posts.first?.author.postCount == 356)
        #expect(thread.posts.first?.edited.text == "16 Apr 2017 13:04")
        #expect(thread.posts.first?.published.iso == "2016-07-22T16:55:00Z")
        #expect(thread.posts.dropFirst().first?.author.postCount == 1612)
        #expect(thread.story == nil)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func myoosSinglePostTopic() throws {
        let thread = try phpBB.thread(corpus: "phpbb/phpbb3-myoos-freie-software.html")
        #expect(thread.id == "167")
        #expect(thread.url == "https://foren.myoos.de/viewtopic.php?t=167")
        #expect(thread.forum == ["Foren-Übersicht", "MyOOS", "MyOOS: Allgemeines"])
        #expect(thread.counts.replies == 0)
        #expect(thread.pages.current == 1)
        #expect(thread.pages.last == 1)
        #expect(thread.posts.first?.id == "453")
        #expect(thread.posts.first?.author.postCount == 1626)
        #expect(thread.posts.first?.author.url == "https://foren.myoos.de/memberlist.php?mode=viewprofile&u=5")
        #expect(thread.posts.first?.published.iso == "2009-01-21T05:42:00Z")
    }
}
