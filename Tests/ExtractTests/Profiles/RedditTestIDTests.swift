import Extract
import Foundation
import Model
import Testing

/// A synthetic Reddit thread as the React page served it in 2021–2023 (`data-testid` markers:
/// `post-container`, `post_author_link`, `post_timestamp`, `comment_author_link`, `comment`, vote arrows
/// with the score between them), saved without the embedded `window.___r` state, so every field comes
/// from the markup. Fetched at 2024-06-15T10:00:00Z.
private let reddit = Fixture("reddit", fetchedAt: Date(timeIntervalSince1970: 1_718_445_600))

@Suite("Reddit React page, data-testid markup")
struct RedditTestIDTests {
    @Test func threadFromMarkupAlone() throws {
        let thread = try reddit.thread("reddit-2022-react-testid-thread.html")
        #expect(thread.profile == "reddit")
        #expect(thread.id == "t3_x7k2p1")
        #expect(thread.title == "Our library started lending tools")
        #expect(
            thread.url == "https://www.reddit.com/r/urbanplanning/comments/x7k2p1/our_library_started_lending_tools/")
        #expect(thread.counts.replies == 214)
        #expect(thread.counts.score == 1200)

        #expect(thread.posts.map(\.id) == ["t3_x7k2p1", "t1_ib1aa01", "t1_ib1bb02", "t1_ib1cc03"])
        #expect(thread.posts.map(\.author.name) == ["shelf_reader", "hammer_time_42", "Compost-Carl", "quiet_commuter"])
        #expect(thread.posts[1].author.url == "https://www.reddit.com/user/hammer_time_42/")
        #expect(thread.posts.map(\.depth) == [nil, 0, 1, 0])
        #expect(thread.posts.map(\.parent) == [nil, "t3_x7k2p1", "t1_ib1aa01", "t3_x7k2p1"])
        // The opening post's time is a `span[data-testid=post_timestamp]`, not a link.
        #expect(thread.posts.map(\.published.text) == ["7 hr. ago", "6 hr. ago", "5 hr. ago", "38 min. ago"])
        #expect(thread.posts[0].published.iso == "2024-06-15T03:00:00Z")
        #expect(thread.posts[3].published.iso == "2024-06-15T09:22:00Z")
        #expect(thread.posts.allSatisfy { $0.published.isApproximate })
        // Bodies from `div[data-testid=comment]`, scores from the vote arrows ("Vote": hidden, no number).
        #expect(
            thread.posts.map(\.text) == [
                "Drills, ladders and a pressure washer, all free with a card.\n\nDetails: example-library.org",
                "Ours has a seed library too.", "Seeds are the best thing to lend.\n\nNobody has to give them back.",
                "Does it have a tile cutter?",
            ])
        #expect(thread.posts.map(\.counts.score) == [1200, 312, 64, nil])
        #expect(thread.posts[0].links == ["https://www.example-library.org/news/tool-library"])
    }

    /// A post container without the `post-content` wrapper the earlier pages had inside it.
    @Test func postContainerWithoutPostContent() throws {
        let html = """
            <html><head><meta property="og:site_name" content="reddit"/>
            <link rel="canonical" href="https://www.reddit.com/r/example/comments/abc/t/"/></head><body>
            <div class="Post t3_abc" data-testid="post-container" id="t3_abc"><div class="top">
            <a data-testid="post_author_link" href="/user/op_person/">u/op_person</a>
            <span data-testid="post_timestamp" data-click-id="timestamp">2 days ago</span></div>
            <h1>A title</h1><div data-click-id="text"><div class="RichTextJSON-root"><p>Text.</p></div></div>
            <div id="vote-arrows-t3_abc"><button data-click-id="upvote"></button><div>15</div></div></div>
            </body></html>
            """
        guard case .thread(let thread) = try reddit.page(Array(html.utf8), source: "no-post-content") else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.title == "A title")
        #expect(thread.posts.map(\.id) == ["t3_abc"])
        #expect(thread.posts[0].author.name == "op_person")
        #expect(thread.posts[0].published.text == "2 days ago")
        #expect(thread.posts[0].text == "Text.")
        #expect(thread.posts[0].counts.score == 15)
    }
}
