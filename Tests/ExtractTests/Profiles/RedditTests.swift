import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Reddit pages in `Fixtures/reddit/`: a 2023+ shreddit link post, a classic (old.reddit)
/// self post in German with a "load more comments" stub, a classic subreddit listing, and a
/// 2019-style React page whose authors exist only in the embedded `window.___r` state. Fetched at
/// 2024-06-15T10:00:00Z.
private let reddit = Fixture("reddit", fetchedAt: Date(timeIntervalSince1970: 1_718_445_600))

@Suite("Reddit profile")
struct RedditTests {
    @Test func shredditLinkPost() throws {
        let thread = try reddit.thread("reddit-shreddit-link-thread.html")
        #expect(thread.profile == "reddit")
        #expect(thread.id == "t3_1abcde")
        #expect(thread.title == "Tram depot opens to cyclists")
        #expect(thread.url == "https://www.reddit.com/r/cycling/comments/1abcde/tram_depot_opens_to_cyclists/")
        #expect(thread.forum == ["r/cycling"])
        #expect(thread.counts.replies == 57)
        #expect(thread.counts.score == 1234)
        #expect(thread.story?.url == "https://www.example-news.com/city/tram-depot/?utm_source=reddit&utm_medium=social")
        #expect(thread.story?.canonical == "https://example-news.com/city/tram-depot")

        // The "1 more reply" partials are no posts.
        #expect(thread.posts.map(\.id) == ["t3_1abcde", "t1_kc0001", "t1_kc0002", "t1_kc0003", "t1_kc0004"])
        #expect(thread.posts.map(\.author.name) == ["alice_w", "bob", "carol", "[deleted]", "dave"])
        #expect(thread.posts.map(\.author.url) == [
            "https://www.reddit.com/user/alice_w/", "https://www.reddit.com/user/bob/",
            "https://www.reddit.com/user/carol/", nil, "https://www.reddit.com/user/dave/",
        ])
        #expect(thread.posts.map(\.depth) == [nil, 0, 1, 2, 0])
        #expect(thread.posts.map(\.parent) == [nil, "t3_1abcde", "t1_kc0001", "t1_kc0002", "t3_1abcde"])
        #expect(thread.posts.map(\.published.iso) == [
            "2024-03-05T08:00:00Z", "2024-03-05T09:30:00Z", "2024-03-05T10:00:00Z", "2024-03-05T10:20:00Z",
            "2024-03-05T12:00:00Z",
        ])
        #expect(thread.posts[0].published.text == "3 mo. ago")
        #expect(!thread.posts[0].published.isApproximate)
        #expect(thread.posts.map(\.edited.iso) == [nil, nil, "2024-03-05T11:15:00Z", nil, nil])
        #expect(thread.posts.map(\.counts.score) == [1234, 321, 45, nil, 12])
        #expect(thread.posts.map(\.isHidden) == [false, false, false, true, false])
        #expect(thread.posts[1].text == "Finally! The minutes say Monday.")
        #expect(thread.posts[1].links == ["https://council.example.gov/minutes/2024-03-04"])
    }

    @Test func classicSelfPostInGerman() throws {
        let thread = try reddit.thread("oldreddit-self-post-de.html")
        #expect(thread.id == "t3_abc123")
        #expect(thread.title == "Straßenbahndepot öffnet für Radfahrer")
        #expect(thread.forum == ["de"])
        #expect(thread.counts.replies == 5)
        #expect(thread.counts.score == 88)
        // A self post: the article its text links is not the thread's story.
        #expect(thread.posts[0].links == [
            "https://www.example-zeitung.de/lokal/depot-radfahrer-101.html?utm_source=reddit"
        ])
        #expect(thread.story == nil)

        // The "weitere Kommentare laden" stub is no post.
        #expect(thread.posts.map(\.id) == ["t3_abc123", "t1_kd0001", "t1_kd0002", "t1_kd0003"])
        #expect(thread.posts.map(\.author.name) == ["Fahrradfan", "Pendler42", "Radlerin", nil])
        #expect(thread.posts[1].author.url == "https://old.reddit.com/user/Pendler42")
        #expect(thread.posts.map(\.depth) == [nil, 0, 1, 1])
        #expect(thread.posts.map(\.parent) == [nil, "t3_abc123", "t1_kd0001", "t1_kd0001"])
        #expect(thread.posts.map(\.published.text) == ["vor 3 Stunden", "vor 2 Stunden", "vor 1 Stunde", "vor 1 Stunde"])
        #expect(thread.posts.map(\.published.iso) == [
            "2024-03-05T08:00:00Z", "2024-03-05T09:00:00Z", "2024-03-05T09:30:00Z", "2024-03-05T09:40:00Z",
        ])
        #expect(thread.posts[2].edited.iso == "2024-03-05T10:15:00Z")
        #expect(thread.posts[2].edited.text == "zuletzt bearbeitet vor 45 Minuten")
        // A hidden score stays unknown.
        #expect(thread.posts.map(\.counts.score) == [88, 41, nil, nil])
        #expect(thread.posts[1].counts.replies == 3)
        #expect(thread.posts.map(\.isHidden) == [false, false, false, true])
        #expect(thread.posts[1].text == "Endlich! Das Depot liegt genau auf meinem Weg.")
    }

    @Test func classicSubredditListing() throws {
        let listing = try reddit.listing("oldreddit-worldnews-listing.html")
        #expect(listing.profile == "reddit")
        #expect(listing.title == "worldnews")
        #expect(listing.nextPage == "https://old.reddit.com/r/worldnews/?count=25&after=t3_w00003")
        // The promoted link is skipped.
        #expect(listing.threads.map(\.id) == ["t3_w00001", "t3_w00002", "t3_w00003"])
        #expect(listing.threads.map(\.url) == [
            "https://www.reddit.com/r/worldnews/comments/w00001/summit_ends_without_deal/",
            "https://www.reddit.com/r/worldnews/comments/w00002/crowds_at_the_summit/",
            "https://www.reddit.com/r/worldnews/comments/w00003/live_thread_summit/",
        ])
        #expect(listing.threads.map(\.author.name) == ["newsbot_fan", "photo_guy", "mod_team"])
        #expect(listing.threads.map(\.counts.replies) == [1523, 87, 4])
        #expect(listing.threads.map(\.counts.score) == [24102, 951, 77])
        #expect(listing.threads[0].lastActivity.iso == "2024-06-15T08:00:00Z")
        #expect(listing.threads[0].lastActivity.text == "2 hours ago")
        #expect(listing.threads[0].story?.canonical == "https://example-news.com/world/summit-ends")
        // An image on i.redd.it and a self post are no stories.
        #expect(listing.threads[1].story == nil)
        #expect(listing.threads[2].story == nil)
    }

    @Test func reactPageAuthorsFromEmbeddedState() throws {
        let thread = try reddit.thread("reddit-2019-react-link-thread.html")
        #expect(thread.id == "t3_w00001")
        #expect(thread.title == "Summit ends without deal")
        #expect(thread.forum == ["r/worldnews"])
        #expect(thread.counts.replies == 1523)
        #expect(thread.story?.url == "https://www.example-news.com/world/summit-ends/?utm_source=reddit")
        #expect(thread.story?.canonical == "https://example-news.com/world/summit-ends")

        // The state also holds a comment the page did not render: it is not added.
        #expect(thread.posts.map(\.id) == ["t3_w00001", "t1_f0000a1", "t1_f0000a2", "t1_f0000a3"])
        #expect(thread.posts.map(\.author.name) == ["newsbot_fan", "quiet_reader", "brace{d}\"quotes\"", "[deleted]"])
        #expect(thread.posts[1].author.url == "https://www.reddit.com/user/quiet_reader/")
        #expect(thread.posts[3].author.url == nil)
        // Shown as "5 hours ago"; the state has the exact time (ms for posts, s for comments).
        #expect(thread.posts.map(\.published.text) == ["5 hours ago", "4 hours ago", "3 hours ago", "1 hour ago"])
        #expect(thread.posts.map(\.published.iso) == [
            "2024-06-15T06:00:00Z", "2024-06-15T07:00:00Z", "2024-06-15T08:00:00Z", "2024-06-15T10:00:00Z",
        ])
        #expect(thread.posts.allSatisfy { !$0.published.isApproximate })
        #expect(thread.posts.map(\.edited.iso) == [nil, nil, "2024-06-15T09:00:00Z", nil])
        #expect(thread.posts.map(\.depth) == [nil, 0, 1, 0])
        #expect(thread.posts.map(\.parent) == [nil, "t3_w00001", "t1_f0000a1", "t3_w00001"])
        // The page's own score wins; a hidden score stays unknown.
        #expect(thread.posts.map(\.counts.score) == [24100, 2041, 1, nil])
        #expect(thread.posts.map(\.isHidden) == [false, false, false, true])
        #expect(thread.posts[1].text == "Nobody expected a deal.")
    }

    @Test func stateScriptWithoutObjectIsIgnored() throws {
        let html = """
            <html><head><meta property="og:site_name" content="reddit">
            <link rel="canonical" href="https://www.reddit.com/r/x/comments/abc/t/"></head><body>
            <div id="t3_abc" class="_1oQ Post t3_abc"><div data-test-id="post-content"><h1>T</h1>
            <a data-click-id="timestamp" href="/r/x/comments/abc/t/">1 hour ago</a></div></div>
            <script>window.___r = undefined; var x = {"posts": 1};</script></body></html>
            """
        guard case .thread(let thread) = try reddit.page(Array(html.utf8), source: "broken-state") else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.posts.map(\.id) == ["t3_abc"])
        #expect(thread.posts[0].author.name == nil)
        #expect(thread.posts[0].published.isApproximate)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusReactPageEveryAuthorFromState() throws {
        let thread = try reddit.thread(corpus: "reddit/reddit-new-r-python-init-py-trafilatura.html")
        #expect(thread.posts.count == 20)
        #expect(thread.posts.allSatisfy { $0.author.name != nil && $0.published.iso != nil })
        #expect(thread.posts[0].published.iso == "2013-03-30T18:46:24Z")
        #expect(Array(thread.posts.prefix(3).map(\.author.name)) == ["barisumog", "reostra", "flying-sheep"])
        #expect(thread.posts[2].parent == "t1_c95cjs5")
        #expect(thread.forum == ["r/Python"])
        #expect(thread.counts.replies == 50)
        // A self post whose text links elsewhere: no story.
        #expect(!thread.posts[0].links.isEmpty)
        #expect(thread.story == nil)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusClassicThreadNesting() throws {
        let thread = try reddit.thread(corpus: "reddit/oldreddit-2018-aww-8dyrb3-ben-walks.html")
        #expect(thread.posts.count == 198)
        #expect(!thread.posts.contains { $0.id == "t1_dxr9ly1" || $0.id == "t1_dxroqr2" })
        #expect(Array(thread.posts.prefix(4).map(\.depth)) == [nil, 0, 1, 2])
        #expect(Array(thread.posts.prefix(4).map(\.parent)) == [nil, "t3_8dyrb3", "t1_dxr0evr", "t1_dxr2q90"])
        #expect(thread.posts[1].edited.iso == "2018-04-22T03:56:01Z")
        #expect(thread.posts[1].counts.score == 690)
        // An image post: the image is no story.
        #expect(thread.story == nil)
    }
}
