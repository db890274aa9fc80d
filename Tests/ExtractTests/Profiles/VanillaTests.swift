import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Vanilla pages in `Fixtures/vanilla/`: a 2.5 thread's first page, an older (2.1-style)
/// German thread with `li.ItemDiscussion`, and a category list in the modern layout.
private let vanilla = Fixture("vanilla")

@Suite("Vanilla profile")
struct VanillaTests {
    static let site = "https://forum.riverside.example"
    static let discussion = "https://forum.riverside.example/discussion/501/tram-extension-approved"

    @Test func firstPageWithOpeningPostAndComments() throws {
        guard case .thread(let thread) = try vanilla.page("vanilla-2.5-thread-p1.html", url: Self.discussion)
        else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.profile == "vanilla")
        #expect(thread.title == "Tram extension approved")
        #expect(thread.id == "501")
        #expect(thread.forum == ["Town", "Transport"])
        #expect(thread.pages.current == 1)
        #expect(thread.pages.last == 3)
        #expect(thread.pages.next == Self.discussion + "/p2")
        #expect(thread.pages.lastURL == Self.discussion + "/p3")

        #expect(thread.posts.map(\.id) == ["501", "9001", "9003"])
        #expect(thread.posts.map(\.author.name) == ["maria_k", "jbrown", "maria_k"])
        #expect(
            thread.posts.map(\.author.url) == [
                Self.site + "/profile/maria_k", Self.site + "/profile/jbrown", Self.site + "/profile/maria_k",
            ])
        #expect(thread.posts[0].author.postCount == 1204)
        #expect(
            thread.posts.map(\.published.iso) == [
                "2024-03-05T08:00:00Z", "2024-03-05T08:10:00Z", "2024-03-06T19:45:12Z",
            ])
        #expect(thread.posts.map(\.published.text) == ["March 5", "March 5", "March 6"])
        #expect(thread.posts[1].edited.iso == "2024-03-05T09:15:00Z")
        #expect(thread.posts[1].edited.text == "edited March 5")
        #expect(thread.posts[0].edited == .none)
        #expect(thread.posts[0].counts.recommendations == 6)
        #expect(thread.posts[2].text == "Yes, line 4 stops there.")
        #expect(thread.story?.canonical == "https://example-news.com/local/tram-extension-approved")
    }

    @Test func olderThemeInGerman() throws {
        guard case .thread(let thread) = try vanilla.page("vanilla-2.1-thread-de.html") else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.profile == "vanilla")
        #expect(thread.title == "Welche Kamera für Anfänger?")
        #expect(thread.id == "77")
        #expect(thread.url == "https://foto.example.de/discussion/77/welche-kamera-fuer-anfaenger")
        #expect(thread.forum == ["Technik"])
        // A single page: no pager.
        #expect(thread.pages.current == nil && thread.pages.next == nil)
        #expect(thread.posts.map(\.id) == ["77", "901", "905"])
        #expect(thread.posts.map(\.author.name) == ["Blende8", "Zeitautomatik", "Blende8"])
        #expect(thread.posts[1].author.url == "https://foto.example.de/profile/40/Zeitautomatik")
        #expect(
            thread.posts.map(\.published.iso) == [
                "2014-03-03T13:17:00Z", "2014-03-04T08:02:00Z", "2014-03-04T09:30:00Z",
            ])
        #expect(thread.posts[0].published.text == "März 2014")
        #expect(thread.posts[0].text == "Ich suche eine gebrauchte Kamera bis 300 Euro.")
        // The sidebar's "recent discussions" entry is neither a post nor a reason to read a listing.
        #expect(!thread.posts.contains { $0.id == "80" })
    }

    @Test func modernCategoryListing() throws {
        guard
            case .listing(let listing) = try vanilla.page(
                "vanilla-modern-listing.html", url: Self.site + "/categories/transport")
        else {
            Issue.record("expected a listing")
            return
        }
        #expect(listing.profile == "vanilla")
        #expect(listing.title == "Transport")
        #expect(listing.nextPage == Self.site + "/categories/transport/p2")
        // The bookmarks panel's entries are not rows.
        #expect(listing.threads.map(\.id) == ["501", "499"])
        #expect(
            listing.threads.map(\.url) == [Self.discussion, Self.site + "/discussion/499/bridge-closed-for-repairs"])
        #expect(listing.threads.map(\.title) == ["Tram extension approved", "Bridge closed for repairs"])
        #expect(listing.threads.map(\.counts.replies) == [12, 1])
        #expect(listing.threads.map(\.counts.views) == [2345, 88])
        #expect(listing.threads.map(\.lastActivity.iso) == ["2024-03-07T18:05:00Z", "2024-03-06T09:00:00Z"])
        #expect(listing.threads[0].lastActivity.text == "March 7")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusSecondPageHasNoOpeningPost() throws {
        let page = try vanilla.page(
            corpus: "vanilla/vanilla2.5-29th-hell-let-loose-p2.html",
            url: "https://vanilla.29th.org/discussion/18452/hell-let-loose-realistic-ww2-fps/p2")
        guard case .thread(let thread) = page else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.id == "18452")
        #expect(thread.forum == ["Off-Topic Forum", "Other Games"])
        #expect(thread.pages.current == 2)
        #expect(thread.pages.last == 2)
        #expect(thread.pages.next == nil)
        #expect(thread.posts.count == 27)
        let first = try #require(thread.posts.first)
        #expect(first.id == "104732")
        #expect(first.published.text == "February 2018")
        #expect(first.published.iso == "2018-02-05T23:33:47Z")
        #expect(first.published.isApproximate == false)
        #expect(first.author.url == "https://vanilla.29th.org/profile/Private%20Ben%20G.%20Conway")
        // The JSON-LD describes the opening post (on page 1): it must not fill page 2's first comment.
        #expect(first.author.name == "Private Ben G. Conway")
        #expect(thread.story == nil)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusListingCounts() throws {
        let page = try vanilla.page(
            corpus: "vanilla/vanilla2.5-29th-discussions-listing.html", url: "https://vanilla.29th.org/discussions",
            fetchedAt: Date())
        guard case .listing(let listing) = page else {
            Issue.record("expected a listing")
            return
        }
        #expect(listing.threads.count == 33)
        let first = try #require(listing.threads.first)
        #expect(first.id == "13337")
        #expect(first.author.name == "Cpt. Patty")
        #expect(first.counts.replies == 5)
        #expect(first.counts.views == 1108)
        #expect(first.lastActivity.iso == "2017-02-24T14:11:54Z")
        #expect(listing.threads.allSatisfy { $0.url?.hasPrefix("https://vanilla.29th.org/discussion/") == true })
    }
}
