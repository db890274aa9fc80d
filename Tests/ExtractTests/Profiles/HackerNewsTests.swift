import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Hacker News pages in `Fixtures/hackernews/`: a 2020 item page (comment indent only as
/// the s.gif spacer width, a deleted comment, a "More" link), a current Ask HN second page (indent
/// attribute, `parent` links, `span.age` titles with an epoch, a link in the text), and the 2015 and
/// current listings. Fetched at 2024-06-15T10:00:00Z: relative times count back from there.
private let hackerNews = Fixture("hackernews", fetchedAt: Date(timeIntervalSince1970: 1_718_445_600))

@Suite("Hacker News profile")
struct HackerNewsTests {
    @Test func itemPageWithSpacerIndents() throws {
        let thread = try hackerNews.thread(
            "hn-2020-item-link-story.html", url: "https://news.ycombinator.com/item?id=22000000")
        #expect(thread.profile == "hackernews")
        #expect(thread.id == "22000000")
        #expect(thread.title == "City council votes to open the tram depot to cyclists")
        #expect(thread.counts.score == 121)
        #expect(thread.counts.replies == 4)
        #expect(
            thread.story?.url == "https://www.example-news.com/city/tram-depot-cyclists/?utm_source=hackernews&ref=hn")
        #expect(thread.story?.canonical == "https://example-news.com/city/tram-depot-cyclists")
        #expect(thread.pages.current == 1)
        #expect(thread.pages.next == "https://news.ycombinator.com/item?id=22000000&p=2")

        #expect(thread.posts.map(\.id) == ["22000000", "22000100", "22000101", "22000102", "22000103"])
        #expect(thread.posts.map(\.author.name) == ["alice_w", "bob", "carol", nil, "dave"])
        #expect(thread.posts[1].author.url == "https://news.ycombinator.com/user?id=bob")
        // No indent attribute in 2020: the depth is the spacer width / 40.
        #expect(thread.posts.map(\.depth) == [nil, 0, 1, 2, 0])
        #expect(thread.posts.map(\.parent) == [nil, "22000000", "22000100", "22000101", "22000000"])
        #expect(thread.posts.map(\.isHidden) == [false, false, false, true, false])
        #expect(thread.posts[0].title == thread.title)
        #expect(thread.posts[0].counts.score == 121)
        // Only relative times on this page: resolved against the fetch time, marked approximate.
        #expect(thread.posts[0].published.text == "3 hours ago")
        #expect(thread.posts[0].published.iso == "2024-06-15T07:00:00Z")
        #expect(thread.posts[0].published.isApproximate)
        #expect(thread.posts[3].published.text == "58 minutes ago")
        #expect(thread.posts[1].links == ["https://council.example.gov/minutes/2020-01-14.pdf"])
        #expect(thread.posts[1].text?.hasPrefix("The minutes are online:") == true)
    }

    @Test func currentAskHNSecondPage() throws {
        let thread = try hackerNews.thread(
            "hn-2024-askhn-page2.html", url: "https://news.ycombinator.com/item?id=40000000&p=2")
        #expect(thread.id == "40000000")
        #expect(thread.title == "Ask HN: Which city data portals are worth using?")
        #expect(thread.counts.replies == 212)
        #expect(thread.counts.score == 57)
        // A self post: its text links somewhere, but the title link is the item itself, so no story.
        #expect(thread.posts[0].links == ["https://data.example-city.gov/"])
        #expect(thread.story == nil)
        #expect(thread.pages.next == nil)

        #expect(thread.posts.map(\.author.name) == ["erin_k", "frank", "gwen", "hal"])
        // `title="2024-05-01T12:00:00 1714564800"`: the ISO part, in UTC.
        #expect(thread.posts.map(\.published.iso) == [
            "2024-05-01T12:00:00Z", "2024-05-01T14:30:05Z", "2024-05-01T15:00:00Z", "2024-05-02T09:15:00Z",
        ])
        #expect(thread.posts.allSatisfy { !$0.published.isApproximate })
        #expect(thread.posts[0].published.text == "2 days ago")
        #expect(thread.posts.map(\.depth) == [nil, 2, 3, 0])
        // The first comment's parent is on page 1: its `parent` link says which.
        #expect(thread.posts.map(\.parent) == [nil, "40000180", "40000201", "40000000"])
        #expect(thread.posts[1].text == "Helsinki's is excellent.\n\nSo is Vienna's.")
        #expect(thread.posts[0].text?.contains("Which portals actually publish useful data?") == true)
    }

    @Test func listing2015() throws {
        let listing = try hackerNews.listing("hn-2015-news-listing.html", url: "https://news.ycombinator.com/news")
        #expect(listing.profile == "hackernews")
        #expect(listing.title == "Hacker News")
        #expect(listing.nextPage == "https://news.ycombinator.com/news?p=2")
        #expect(listing.threads.map(\.id) == ["9011641", "9010865", nil, "9010246"])
        #expect(listing.threads.map(\.url) == [
            "https://news.ycombinator.com/item?id=9011641", "https://news.ycombinator.com/item?id=9010865",
            "http://jobs.example.com/careers", "https://news.ycombinator.com/item?id=9010246",
        ])
        #expect(listing.threads.map(\.author.name) == ["anigbrowl", "cesarbs", nil, "superfx"])
        #expect(listing.threads.map(\.counts.score) == [86, 34, nil, 7])
        // "discuss" is no number.
        #expect(listing.threads.map(\.counts.replies) == [35, 34, nil, nil])
        #expect(listing.threads.map(\.lastActivity.text) == ["1 hour ago", "2 hours ago", "3 hours ago", "5 hours ago"])
        #expect(listing.threads[0].lastActivity.iso == "2024-06-15T09:00:00Z")
        #expect(listing.threads[0].story?.canonical
            == "http://blogs.wsj.com/totalreturn/2015/02/06/turbotax-halts-e-filing-of-state-tax-returns")
        // Ask HN links to itself: no story.
        #expect(listing.threads[1].story == nil)
        #expect(listing.threads[3].story?.url == "https://www.quantamagazine.org/20150206-crispr-dna-editor-bacteria/")
    }

    @Test func currentNewestListing() throws {
        let listing = try hackerNews.listing(
            "hn-current-newest-listing.html", url: "https://news.ycombinator.com/newest")
        #expect(listing.threads.map(\.id) == ["41000001", "41000002"])
        #expect(listing.threads.map(\.title) == ["Tides are getting stranger", "Show HN: A tiny tide clock"])
        #expect(listing.threads.map(\.author.name) == ["ivy", "jack"])
        #expect(listing.threads.map(\.lastActivity.iso) == ["2024-06-15T09:58:00Z", "2024-06-15T09:30:00Z"])
        #expect(listing.threads.map(\.counts.replies) == [nil, 5])
        #expect(listing.threads[0].story?.canonical == "https://example-news.com/science/tides-2024")
        #expect(listing.threads[1].story == nil)
        #expect(listing.nextPage == "https://news.ycombinator.com/newest?next=41000000&n=31")
    }

    @Test func commentPermalinkPage() throws {
        let html = """
            <html lang="en" op="item"><head><link rel="stylesheet" type="text/css" href="news.css?x">
            <title>Claude Shannon's paper is a classic | Hacker News</title></head><body><center>
            <table id="hnmain" border="0"><tr><td><table class="fatitem" border="0">
            <tr class="athing" id="36818754"><td class="ind"></td><td valign="top" class="votelinks"></td>
            <td class="default"><div><span class="comhead"><a href="user?id=PaulRobinson" class="hnuser">PaulRobinson</a>
            <span class="age" title="2023-07-21T19:51:36 1689968896"><a href="item?id=36818754">1 day ago</a></span>
            <span class="navs"> | <a href="item?id=36817231">parent</a> | <a href="context?id=36818754">context</a> |
            <span class="onstory">on: <a href="item?id=36817231">Ask HN: What are the best papers you read?</a></span></span>
            </span></div><br><div class="comment"><div class="commtext c00">Shannon, 1948.</div></div></td></tr>
            <tr style="height:10px"></tr><tr><td colspan="2"></td><td></td></tr></table><br><br>
            <table border="0" class="comment-tree"><tr class="athing comtr" id="36821956"><td><table border="0"><tr>
            <td class="ind" indent="0"><img src="s.gif" height="1" width="0"></td><td class="default"><div><span class="comhead">
            <a href="user?id=cvwright" class="hnuser">cvwright</a> <span class="age" title="2023-07-22T00:36:58 1689986218">
            <a href="item?id=36821956">1 day ago</a></span></span></div><br><div class="comment">
            <div class="commtext c00">And the secrecy paper.</div></div></td></tr></table></td></tr></table>
            </td></tr></table></center></body></html>
            """
        let page = try hackerNews.page(
            Array(html.utf8), source: "permalink", url: "https://news.ycombinator.com/item?id=36818754")
        guard case .thread(let thread) = page else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.id == "36818754")
        #expect(thread.title == "Ask HN: What are the best papers you read?")
        #expect(thread.story == nil)
        #expect(thread.posts.map(\.id) == ["36818754", "36821956"])
        #expect(thread.posts.map(\.author.name) == ["PaulRobinson", "cvwright"])
        #expect(thread.posts.map(\.parent) == ["36817231", "36818754"])
        #expect(thread.posts.map(\.published.iso) == ["2023-07-21T19:51:36Z", "2023-07-22T00:36:58Z"])
        #expect(thread.posts[0].text == "Shannon, 1948.")
    }

    @Test func recognisedWithoutURL() throws {
        let page = try hackerNews.page("hn-2020-item-link-story.html")
        guard case .thread(let thread) = page else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.profile == "hackernews")
        #expect(thread.posts.count == 5)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpus2015NestingFromSpacerWidth() throws {
        let thread = try hackerNews.thread(
            corpus: "hn/hn-2015-item9009282-ubuntu-phone.html", url: "https://news.ycombinator.com/item?id=9009282")
        #expect(thread.posts.count == 71)
        #expect(thread.counts.replies == 70)
        #expect(thread.counts.score == 128)
        #expect(Array(thread.posts.prefix(5).map(\.id)) == ["9009282", "9010852", "9012148", "9011086", "9011551"])
        #expect(Array(thread.posts.prefix(5).map(\.depth)) == [nil, 0, 1, 1, 2])
        #expect(Array(thread.posts.prefix(5).map(\.parent)) == [nil, "9009282", "9010852", "9010852", "9011086"])
        #expect(thread.posts.dropFirst().allSatisfy { $0.author.name != nil && $0.published.text != nil })
        #expect(thread.posts[1].author.url == "https://news.ycombinator.com/user?id=breckinloggins")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusCurrentMarkupKeepsExactTimes() throws {
        let thread = try hackerNews.thread(corpus: "hn/hn-2023-askhn-best-papers-mercury.html")
        #expect(thread.id == "36817231")
        #expect(thread.posts.count == 101)
        #expect(thread.posts[0].published.iso == "2023-07-21T18:04:01Z")
        #expect(thread.posts[1].published.iso == "2023-07-21T19:51:36Z")
        #expect(thread.posts[1].id == "36818754")
        #expect(thread.posts[2].depth == 1)
        #expect(thread.posts[2].parent == "36818754")
        #expect(thread.story == nil)
    }
}
