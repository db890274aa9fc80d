import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic XenForo pages in `Fixtures/xenforo/`: an XF2 thread's second page (prefix label, pageNav,
/// reactions, edits, and a message whose broken markup makes libxml2 nest the following messages in
/// it), an XF2 forum view in German, and an XF1 thread page with `<base href>`-relative links.
private let xenForo = Fixture("xenforo")

@Suite("XenForo profile")
struct XenForoTests {
    static let tram = "https://boards.example.com/threads/council-approves-the-harbour-tram.9120/"

    @Test func xf2ThreadSecondPage() throws {
        let thread = try xenForo.thread("xf2-thread-p2.html")
        #expect(thread.profile == "xenforo")
        // The prefix label ("News") is not part of the title.
        #expect(thread.title == "Council approves the harbour tram")
        #expect(thread.id == "9120")
        #expect(thread.url == Self.tram + "page-2")
        #expect(thread.forum == ["Forums", "City news"])
        #expect(thread.pages.current == 2)
        #expect(thread.pages.last == 5)
        #expect(thread.pages.next == Self.tram + "page-3")
        #expect(thread.pages.lastURL == Self.tram + "page-5")
        // Page 2: the opening post is elsewhere, so no story is taken from a reply's link.
        #expect(thread.story == nil)

        #expect(thread.posts.map(\.id) == ["70011", "70012", "70015"])
        #expect(thread.posts.map(\.author.name) == ["harbour_watcher", "Guest Reader", "tramfan"])
        #expect(thread.posts.map(\.author.url) == [
            "https://boards.example.com/members/harbour_watcher.311/", nil, "https://boards.example.com/members/tramfan.42/",
        ])
        #expect(thread.posts.map(\.author.postCount) == [4512, nil, 87])
        #expect(thread.posts.map(\.published.iso) == [
            "2024-05-03T08:15:00Z", "2024-05-03T10:40:30Z", "2024-05-04T17:05:00Z",
        ])
        #expect(thread.posts.map(\.published.text) == ["May 3, 2024", "May 3, 2024", "May 4, 2024"])
        #expect(thread.posts.map(\.edited.iso) == ["2024-05-03T09:02:00Z", nil, "2024-05-04T17:30:00Z"])
        // "tramfan, Quay Street 12 and 3 others" = 5; "harbour_watcher and Guest Reader" = 2.
        #expect(thread.posts.map(\.counts.recommendations) == [5, nil, 2])
        #expect(thread.posts[0].links == ["https://news.example.org/harbour-tram-minutes?utm_source=forum"])
        #expect(thread.posts[1].text == "Will it run on Sundays?")
    }

    @Test func xf2ForumViewIsAListing() throws {
        let listing = try xenForo.listing("xf2-forum-view.html")
        #expect(listing.profile == "xenforo")
        #expect(listing.title == "Stadtnachrichten")
        #expect(listing.nextPage == "https://forum.example.de/forums/stadtnachrichten.7/page-2")
        #expect(listing.threads.map(\.id) == ["8800", "9120", "9133"])
        #expect(listing.threads.map(\.title) == ["Forenregeln", "Stadtrat beschließt Hafentram", "Baustelle am Markt"])
        #expect(listing.threads.map(\.url) == [
            "https://forum.example.de/threads/forenregeln.8800/",
            "https://forum.example.de/threads/stadtrat-beschliesst-hafentram.9120/",
            "https://forum.example.de/threads/baustelle-am-markt.9133/",
        ])
        #expect(listing.threads.map(\.author.name) == ["Moderation", "harbour_watcher", "Gast"])
        #expect(listing.threads.map(\.author.url) == [
            "https://forum.example.de/members/moderation.1/", "https://forum.example.de/members/harbour_watcher.311/", nil,
        ])
        #expect(listing.threads.map(\.counts.replies) == [0, 1204, 4])
        #expect(listing.threads.map(\.counts.views) == [8000, 22000, 310])
        #expect(listing.threads.map(\.counts.recommendations) == [12, 3, 0])
        #expect(listing.threads.map(\.lastActivity.iso) == [
            "2019-01-05T09:00:00Z", "2024-05-04T17:05:00Z", "2024-05-03T05:45:10Z",
        ])
        #expect(listing.threads[1].lastActivity.text == "4. Mai 2024")
    }

    @Test func xf1ThreadWithBaseRelativeLinks() throws {
        let thread = try xenForo.thread("xf1-thread.html")
        #expect(thread.profile == "xenforo")
        #expect(thread.title == "Harbour tram: first test run")
        #expect(thread.id == "4417")
        #expect(thread.forum == ["Home", "Transport", "Trams"])
        #expect(thread.pages.current == 3)
        #expect(thread.pages.last == 4)
        #expect(thread.pages.next == "https://oldboards.example.net/threads/harbour-tram-first-test-run.4417/page-4")
        #expect(thread.posts.map(\.id) == ["55120", "55131"])
        #expect(thread.posts.map(\.author.name) == ["railfan", "quay"])
        #expect(thread.posts.map(\.author.url) == [
            "https://oldboards.example.net/members/railfan.12/", "https://oldboards.example.net/members/quay.77/",
        ])
        #expect(thread.posts.map(\.author.postCount) == [2931, 18])
        // A span title for older posts, an abbr data-time epoch for recent ones.
        #expect(thread.posts.map(\.published.iso) == ["2016-03-09T09:41:00Z", "2016-03-09T16:30:00Z"])
        #expect(thread.posts.map(\.published.text) == ["Mar 9, 2016", "Mar 9, 2016 at 4:30 PM"])
        #expect(thread.posts.map(\.edited.iso) == ["2016-03-09T10:12:00Z", nil])
        // "tramfan, quay and 4 others like this."
        #expect(thread.posts.map(\.counts.recommendations) == [6, nil])
        #expect(thread.posts[1].text == "Photos or it did not happen.")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func katzenForumThread() throws {
        let thread = try xenForo.thread(corpus: "xenforo/xf2-katzen-forum-pepe.html")
        #expect(thread.profile == "xenforo")
        #expect(thread.id == "230143")
        #expect(thread.forum == ["Katzen Forum", "Allgemeines Forum", "Freigänger"])
        #expect(thread.posts.count == 18)
        #expect(thread.posts.first?.id == "6331411")
        #expect(thread.posts.first?.author.url == "https://www.katzen-forum.net/members/pepemaus.81656/")
        #expect(thread.posts.first?.author.postCount == 2206)
        // datetime="2018-09-27T14:51:09+0200", shown as the date only.
        #expect(thread.posts.first?.published.iso == "2018-09-27T12:51:09Z")
        #expect(thread.posts.first?.published.isApproximate == false)
        #expect(thread.posts.dropFirst().first?.author.postCount == 1158)
        #expect(thread.pages.next == nil)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func villagersThreadReactionsAndNestedMarkup() throws {
        let thread = try xenForo.thread(corpus: "xenforo/xf2-villagersandheroes-patchnotes.html")
        #expect(thread.title == "Patchnotes 4.47.4 - Tagundnachtgleiche Bugfix Build")
        #expect(thread.forum == ["Forums", "International Community", "Deutsch", "News und Patchnotes"])
        // Every message of this page sits inside the one before it in libxml2's tree (a stray </ul>):
        // each post keeps its own reactions and edit time, not a later post's.
        #expect(thread.posts.map(\.counts.recommendations) == [1, 1, 4, 2, 1, 1, 3, nil, 3])
        #expect(thread.posts.map { $0.edited.iso != nil } == [false, false, false, false, false, false, false, true, false])
        #expect(thread.posts.map(\.id).last == "54375")
    }
}
