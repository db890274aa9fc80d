import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// The seed thread: when it was fetched, its address, title and story.
private enum DUFixture {
    /// 17 hours after the seed post (Mon Jun 16, 2025, 11:17 AM EDT = 15:17 UTC).
    static let seedFetchedAt = Date(timeIntervalSince1970: 1_750_148_220)  // 2025-06-17T08:17:00Z
    static let seedURL = "https://www.democraticunderground.com/100220384040"
    static let story =
        "https://www.404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police/"
        + "?ref=daily-stories-newsletter"
    static let title = "Emails Reveal the Casual Surveillance Alliance Between ICE and Local Police -- 404Media"
    static let storyCanonical =
        "https://404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police"
}

/// Synthetic Democratic Underground pages in `Fixtures/du/`, written from `shared/du/README.md`
/// (no saved DU thread page exists): the seed thread showing the opening post only, the same thread
/// after "View all" with a jury-hidden reply, a page in other markup on another host, and a forum
/// listing; plus the one real DU page, the 2018 home page, from the corpus.
private let du = Fixture("du", fetchedAt: DUFixture.seedFetchedAt)

@Suite("Democratic Underground profile")
struct DemocraticUndergroundTests {
    @Test func seedThreadShowingTheOpeningPostOnly() throws {
        let thread = try du.thread("du-thread-op-only.html", url: DUFixture.seedURL)
        #expect(thread.profile == "democraticunderground")
        #expect(thread.title == DUFixture.title)
        #expect(thread.id == "100220384040")
        #expect(thread.forum == ["Latest Discussions", "General Discussion"])
        #expect(thread.story?.url == DUFixture.story)
        #expect(thread.story?.canonical == DUFixture.storyCanonical)
        #expect(thread.counts.replies == 4)
        #expect(thread.counts.recommendations == 30)
        #expect(thread.counts.views == nil)
        // "View all" is where the reply bodies are.
        #expect(thread.pages.next == "https://www.democraticunderground.com/?com=view_all&forum=1002&id=20384040")

        let opening = try #require(thread.posts.first)
        // Forum 1002 + thread 20384040: the opening post's id is the thread id.
        #expect(opening.id == "20384040")
        #expect(opening.parent == nil)
        #expect(opening.depth == nil)
        #expect(opening.author.name == "erronis")
        #expect(opening.author.postCount == 20156)
        #expect(opening.author.url == "https://www.democraticunderground.com/~erronis")
        #expect(opening.published.text == "Mon Jun 16, 2025, 11:17 AM")
        #expect(opening.published.iso == "2025-06-16T15:17:00Z")
        #expect(!opening.published.isApproximate)
        #expect(opening.counts.recommendations == 30)
        #expect(opening.counts.replies == 4)
        #expect(opening.links.first == DUFixture.story)
        #expect(opening.text?.contains("public-records requests") == true)
        #expect(opening.text?.contains("café-society") == true)  // iso-8859-1 read right

        // The reply list: one post per row, in tree order, no bodies.
        let replies = Array(thread.posts.dropFirst())
        #expect(replies.map(\.id) == ["20384061", "20384088", "20384215", "20384377"])
        #expect(replies.map(\.position) == [2, 3, 4, 5])
        #expect(replies.map(\.author.name) == ["SheltieLover", "Ferrets are Cool", "Bluethroughu", "Name removed"])
        #expect(replies.map(\.title) == [
            "This is chilling", "They have been doing this for years", "Response to Ferrets are Cool (Reply #2)",
            "Message auto-removed",
        ])
        #expect(replies.map(\.depth) == [0, 1, 2, 0])
        #expect(replies.map(\.parent) == ["20384040", "20384061", "20384088", "20384040"])
        #expect(replies.allSatisfy { $0.html == nil && $0.text == nil })
        #expect(replies.map(\.isHidden) == [false, false, false, true])
        // Row times are relative, read in US Eastern against the fetch time.
        #expect(replies.map(\.published.text) == ["16 hrs ago", "14 hrs ago", "9 hrs ago", "Jun 16"])
        #expect(replies[0].published.iso == "2025-06-16T16:17:00Z")
        #expect(replies[3].published.iso == "2025-06-16T04:00:00Z")
        #expect(!replies.contains { !$0.published.isApproximate })
    }

    @Test func viewAllMergesFullRepliesWithTheReplyList() throws {
        let thread = try du.thread("du-thread-view-all.html", url: DUFixture.seedURL)
        #expect(thread.id == "100220384040")
        #expect(thread.story?.canonical == DUFixture.storyCanonical)
        #expect(thread.pages.next == nil)
        // Each reply once, although the page shows it in full and in the list.
        #expect(thread.posts.map(\.id) == ["20384040", "20384061", "20384088", "20384215", "20384377"])
        #expect(thread.posts.map(\.position) == [1, 2, 3, 4, 5])
        #expect(thread.posts.map(\.parent) == [nil, "20384040", "20384061", "20384088", "20384040"])
        #expect(thread.posts.map(\.depth) == [nil, 0, 1, 2, 0])
        #expect(thread.posts.map(\.author.postCount) == [20156, 165432, 8915, 31007, 2001])
        // "(8,915 posts)2. They have…" glued together still gives the title.
        #expect(thread.posts.map(\.title) == [
            DUFixture.title, "This is chilling", "They have been doing this for years",
            "Response to Ferrets are Cool (Reply #2)",
            "Message auto-removed",
        ])
        // Full replies carry the absolute time, not the list's relative one.
        #expect(thread.posts.map(\.published.iso) == [
            "2025-06-16T15:17:00Z", "2025-06-16T16:02:00Z", "2025-06-16T17:40:00Z", "2025-06-16T23:05:00Z",
            "2025-06-17T00:48:00Z",
        ])
        #expect(thread.posts[2].published.text == "Mon Jun 16, 2025, 01:40 PM")
        #expect(!thread.posts.contains { $0.published.isApproximate })
        #expect(thread.posts.map(\.counts.recommendations) == [30, 4, 1, 0, nil])
        // A numbered list inside a body is no title.
        #expect(thread.posts[1].text == "Casual is the scary word here. 1. No warrant. 2. No record kept.")
        #expect(thread.posts[2].links == ["https://www.eff.org/pages/automated-license-plate-readers-alpr"])
        // The jury-hidden reply is a post, marked hidden, without a body.
        let hidden = thread.posts[4]
        #expect(hidden.isHidden)
        #expect(hidden.author.name == "Name removed")
        #expect(hidden.html == nil)
        #expect(thread.posts.filter(\.isHidden).count == 1)
    }

    @Test func otherMarkupOnAnotherHost() throws {
        // og:url instead of a canonical link, <section> boxes, times and counts in bare text, the title
        // glued to the post count, a nested-list reply tree, an edit line.
        let fetchedAt = Date(timeIntervalSince1970: 1_750_417_500)  // 2025-06-20T11:05:00Z
        let thread = try du.thread("du-thread-alt-markup.html", fetchedAt: fetchedAt)
        #expect(thread.profile == "democraticunderground")
        #expect(thread.url == "https://democraticunderground.org/1161103108")
        #expect(thread.id == "1161103108")
        #expect(thread.forum == ["Latest Discussions", "Science"])
        // Split by the breadcrumb's forum (116), not by position (1161).
        #expect(thread.posts.map(\.id) == ["1103108", "1103112", "1103190"])
        #expect(thread.posts.map(\.parent) == [nil, "1103108", "1103112"])
        #expect(thread.posts.map(\.depth) == [nil, 0, 1])
        #expect(thread.posts.map(\.title) == [
            "Dwarf planet Ceres may store underground brine", "Salt water on a dwarf planet",
            "Response to Ptah (Reply #1)",
        ])
        #expect(thread.posts.map(\.author.name) == ["Judi Lynn", "Ptah", "Mira"])
        #expect(thread.posts.map(\.author.postCount) == [185003, 42117, 9870])
        #expect(thread.posts.map(\.published.text) == [
            "Thu Jun 19, 2025, 10:05 PM", "Thu Jun 19, 2025, 11:30 PM", "Fri Jun 20, 2025, 06:45 AM",
        ])
        #expect(thread.posts[0].published.iso == "2025-06-20T02:05:00Z")
        #expect(thread.posts[1].edited.text == "Fri Jun 20, 2025, 12:02 AM")
        #expect(thread.posts[1].edited.iso == "2025-06-20T04:02:00Z")
        #expect(thread.counts.replies == 2)
        #expect(thread.counts.recommendations == 1)
        // The image comes first in the body; the story is the first link.
        #expect(thread.story?.canonical == "https://nasa.gov/missions/dawn/ceres-brine")
    }

    @Test(arguments: [
        "https://www.democraticunderground.com/100220384040",
        "http://democraticunderground.com/100220384040",
        "https://www.democraticunderground.org/100220384040",
        "https://upload.democraticunderground.net/100220384040",
        "https://www.DemocraticUnderground.com/?com=view_post&forum=1002&pid=20384040",
    ])
    func everyHostIsTheSameSite(url: String) throws {
        // Without markers (a bare page), the address alone picks the profile.
        let html = """
            <html><head><title>Hello</title></head><body>
            <div class="reply-border"><p class="post-author2"><a class="author2" href="/~someone">someone</a></p>
            <div class="post-message"><p>Hi</p></div></div></body></html>
            """
        guard case .thread(let thread) = try du.page(Array(html.utf8), source: "bare.html", url: url) else {
            Issue.record("not read as a thread")
            return
        }
        #expect(thread.profile == "democraticunderground")
        #expect(thread.posts.first?.author.name == "someone")
    }

    @Test func threadNumberFromTheAddressWhenThePageShowsNone() throws {
        var html = String(decoding: try du.bytes("du-thread-op-only.html"), as: UTF8.self)
        html = html.replacingOccurrences(of: "href=\"/100220384040\"", with: "href=\"/?com=forum&amp;id=1002\"")
        #expect(!html.contains("100220384040"))
        guard
            case .thread(let thread) = try du.page(
                Array(html.utf8), source: "no-number.html", url: "https://www.democraticunderground.net/100220384040")
        else {
            Issue.record("not read as a thread")
            return
        }
        #expect(thread.id == "100220384040")
        #expect(thread.posts.count == 5)
        // The profile reads the number from the address before the posts, so the opening post's id (the
        // thread number after the forum's, 1002) is known too.
        #expect(thread.posts.first?.id == "20384040")
    }

    @Test func forumListing() throws {
        let url = "https://www.democraticunderground.com/?com=forum&id=1014"
        let listing = try du.listing("du-forum-1014.html", url: url)
        #expect(listing.profile == "democraticunderground")
        #expect(listing.title == "Latest Breaking News")
        #expect(listing.nextPage == "https://www.democraticunderground.com/?com=forum&id=1014&page=2")
        #expect(listing.threads.count == 5)
        #expect(listing.threads.map(\.id) == ["10143492817", "10143492790", "10143492755", nil, "10143492701"])
        #expect(listing.threads[1].url == "https://www.democraticunderground.com/10143492790")
        #expect(listing.threads[1].title?.hasPrefix("Emails Reveal the Casual Surveillance Alliance") == true)
        #expect(listing.threads[1].author.name == "erronis")
        #expect(listing.threads[1].author.url == "https://www.democraticunderground.com/~erronis")
        #expect(listing.threads.map(\.counts.replies) == [48, 12, 7, 0, 103])
        #expect(listing.threads.map(\.counts.recommendations) == [61, 30, 9, 0, 145])
        #expect(listing.threads.map(\.counts.views) == [4210, 1877, 655, 12, 12408])
        // The last-post column, relative to the fetch time, in US Eastern.
        #expect(listing.threads[0].lastActivity.text == "1 hr ago")
        #expect(listing.threads[0].lastActivity.iso == "2025-06-17T07:17:00Z")
        // A self-deleted thread stays a row, without a link.
        #expect(listing.threads[3].url == nil)
        #expect(listing.threads[3].title == "This message was self-deleted by its author")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func homePage2018LatestBreakingNews() throws {
        let listing = try du.listing(
            corpus: "du/du-home-2018.html", url: "https://www.democraticunderground.com/")
        #expect(listing.title == "Democratic Underground")
        #expect(listing.threads.count == 30)
        let first = try #require(listing.threads.first)
        #expect(first.url == "https://www.democraticunderground.com/10142016745")
        #expect(first.id == "10142016745")
        #expect(first.story?.canonical
            == "https://apnews.com/552a440769664062a9927371549e37f8/"
            + "AP-FACT-CHECK:-Trump-wrong-on-Russia-collusion-question")
        // Every row links its thread and its story.
        #expect(listing.threads.allSatisfy { $0.story != nil && $0.url != nil && $0.title != nil })
        #expect(listing.threads[1].story?.canonical
            == "http://thehill.com/homenews/media/378956-sean-hannity-invites-james-comey-to-come-on-his-shows")
        // Only Latest Breaking News: the trending/greatest/journal blocks are no rows.
        #expect(!listing.threads.contains { $0.title == "James Comey's tweet from early today" })
    }
}
