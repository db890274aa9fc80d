import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Forumotion pages in `Fixtures/forumotion/`: a phpBB3-theme topic in English with the
/// sponsored pseudo-post (`id="p0"`) between real posts, and a phpBB3-theme forum view in French.
private let forumotion = Fixture("forumotion")

@Suite("Forumotion profile")
struct ForumotionTests {
    static let site = "https://harbourtalk.forumotion.com/"

    @Test func phpbb3ThemeTopicSkipsTheSponsoredPost() throws {
        let thread = try forumotion.thread("forumotion-phpbb3-topic.html")
        #expect(thread.profile == "forumotion")
        #expect(thread.title == "Harbour tram opening")
        #expect(thread.id == "42")
        #expect(thread.url == Self.site + "t42-harbour-tram-opening")
        #expect(thread.forum == ["Harbour Talk", "City", "Transport"])
        #expect(thread.pages.current == 1)
        #expect(thread.pages.last == 2)
        #expect(thread.pages.next == Self.site + "t42p15-harbour-tram-opening")
        #expect(thread.pages.lastURL == Self.site + "t42p15-harbour-tram-opening")

        #expect(thread.posts.map(\.id) == ["301", "309"])
        #expect(!thread.posts.contains { $0.author.name == "Sponsored content" })
        #expect(thread.posts.map(\.author.name) == ["lupa", "Quay Street"])
        #expect(thread.posts.map(\.author.url) == [Self.site + "u1", Self.site + "u23"])
        #expect(thread.posts.map(\.author.postCount) == [1070, 12])
        #expect(thread.posts.map(\.published.text) == ["Mon 26 Oct 2013 - 15:48", "Tue 27 Oct 2013 - 9:05"])
        #expect(thread.posts.map(\.published.iso) == ["2013-10-26T15:48:00Z", "2013-10-27T09:05:00Z"])
        #expect(thread.posts.map(\.title) == ["Harbour tram opening", "Re: Harbour tram opening"])
        // The body without the signature.
        #expect(thread.posts[0].text == "The first tram runs on Saturday: report")
        #expect(thread.story?.canonical == "https://example-news.com/harbour/tram-opening.html")
    }

    @Test func phpbb3ThemeForumViewInFrench() throws {
        let listing = try forumotion.listing("forumotion-phpbb3-forum.html")
        #expect(listing.profile == "forumotion")
        #expect(listing.title == "Transports")
        #expect(listing.nextPage == "https://portdiscussion.forumactif.com/f3p50-transports")
        #expect(listing.threads.map(\.id) == ["42", "40"])
        #expect(listing.threads.map(\.url) == [
            "https://portdiscussion.forumactif.com/t42-tramway-du-port",
            "https://portdiscussion.forumactif.com/t40-ferry-de-nuit",
        ])
        #expect(listing.threads.map(\.title) == ["Tramway du port", "Ferry de nuit"])
        #expect(listing.threads.map(\.author.name) == ["lupa", "Quay Street"])
        #expect(listing.threads.map(\.author.url) == [
            "https://portdiscussion.forumactif.com/u1", "https://portdiscussion.forumactif.com/u23",
        ])
        #expect(listing.threads.map(\.counts.replies) == [14, 0])
        #expect(listing.threads.map(\.counts.views) == [1327, 88])
        // "Mar" is mardi here, not March.
        #expect(listing.threads.map(\.lastActivity.text) == ["Mar 27 Oct 2013 - 9:05", "Ven 16 Oct 2013 - 21:10"])
        #expect(listing.threads.map(\.lastActivity.iso) == ["2013-10-27T09:05:00Z", "2013-10-16T21:10:00Z"])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func wolfsrebellenInvisionThemeTopic() throws {
        let file = "forumotion/forumotion-wolfsrebellen-regeln.html"
        let page = try forumotion.page(corpus: file)
        guard case .thread(let thread) = page else {
            Issue.record("read as a listing")
            return
        }
        #expect(thread.profile == "forumotion")
        #expect(thread.id == "7")
        #expect(thread.url == "https://wolfsrebellen-netz.forumieren.com/t7-forums-regeln")
        // The sponsored "Gesponserte Inhalte" block (id p0) is no post.
        #expect(thread.posts.map(\.id) == ["7", "655", "702"])
        #expect(thread.posts.map(\.author.postCount) == [1070, 1070, 1070])
        #expect(thread.posts.map(\.published.iso) == [
            "2013-10-26T15:48:00Z", "2014-05-26T07:41:00Z", "2014-05-30T23:17:00Z",
        ])
        #expect(thread.forum.first == "Netzwerk der Wolfsrebellen - Info / Startseite")
    }
}
