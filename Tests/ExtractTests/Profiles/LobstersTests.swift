import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Lobsters pages in `Fixtures/lobsters/`: a 2019-style text story (`/u/` user links,
/// `span[title]` times with an offset, `div.score`, an edited and a deleted comment) and a current
/// front page.
private let lobsters = Fixture("lobsters", fetchedAt: Date(timeIntervalSince1970: 1_783_850_000))

@Suite("Lobsters profile")
struct LobstersTests {
    static let story = "https://lobste.rs/s/abcd12/ask_what_do_you_use_for_backups"

    @Test func olderTextStory() throws {
        guard case .thread(let thread) = try lobsters.page("lobsters-2019-text-story.html", url: Self.story)
        else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.profile == "lobsters")
        #expect(thread.id == "abcd12")
        #expect(thread.title == "Ask: what do you use for backups?")
        #expect(thread.counts.replies == 3)
        #expect(thread.counts.score == 42)
        // A text story: its title links to itself; the link in its text is no story.
        #expect(thread.posts[0].links == ["https://restic.net/"])
        #expect(thread.story == nil)

        // The reply form's container (data-shortid="") is no comment.
        #expect(thread.posts.map(\.id) == ["abcd12", "xyz111", "xyz112", "xyz113"])
        #expect(thread.posts.map(\.author.name) == ["jdoe", "alice", "jdoe", "bob"])
        #expect(thread.posts.map(\.author.url) == [
            "https://lobste.rs/u/jdoe", "https://lobste.rs/u/alice", "https://lobste.rs/u/jdoe",
            "https://lobste.rs/u/bob",
        ])
        #expect(thread.posts.map(\.depth) == [nil, 0, 1, 0])
        #expect(thread.posts.map(\.parent) == [nil, "abcd12", "xyz111", "abcd12"])
        // `2019-03-01 10:00:00 -0600`.
        #expect(thread.posts[0].published.iso == "2019-03-01T16:00:00Z")
        #expect(thread.posts[0].published.text == "3 hours ago")
        // An edited comment shows only its edit time: no publish time is made up.
        #expect(thread.posts.map(\.published.iso) == ["2019-03-01T16:00:00Z", "2019-03-01T17:15:00Z", nil, "2019-03-01T18:30:00Z"])
        #expect(thread.posts[2].edited.iso == "2019-03-01T18:05:00Z")
        #expect(thread.posts[2].edited.text == "1 hour ago")
        #expect(thread.posts.map(\.counts.score) == [42, 7, 3, 0])
        #expect(thread.posts.map(\.isHidden) == [false, false, false, true])
        #expect(thread.posts[1].text == "Borg, nightly, to rsync.net.")
        #expect(thread.posts[0].text == "I use restic to a USB disk. What do you use?")
    }

    @Test func frontPage() throws {
        guard case .listing(let listing) = try lobsters.page("lobsters-front-page.html", url: "https://lobste.rs/")
        else {
            Issue.record("expected a listing")
            return
        }
        #expect(listing.profile == "lobsters")
        #expect(listing.nextPage == "https://lobste.rs/page/2")
        #expect(listing.threads.map(\.id) == ["aaa111", "bbb222"])
        #expect(listing.threads.map(\.url) == [
            "https://lobste.rs/s/aaa111/tiny_kernels_big_wins", "https://lobste.rs/s/bbb222/what_are_you_doing_this_week",
        ])
        #expect(listing.threads.map(\.title) == ["Tiny kernels, big wins", "What are you doing this week?"])
        #expect(listing.threads.map(\.author.name) == ["kate", "leo"])
        #expect(listing.threads[0].author.url == "https://lobste.rs/~kate")
        // `data-at-unix` is the instant; the `datetime` attribute is the site's local time.
        #expect(listing.threads.map(\.lastActivity.iso) == ["2026-07-12T02:34:31Z", "2026-07-12T08:00:00Z"])
        #expect(listing.threads.map(\.lastActivity.text) == ["8 hours ago", "3 hours ago"])
        #expect(listing.threads.map(\.counts.score) == [20, 8])
        #expect(listing.threads.map(\.counts.replies) == [15, nil])
        #expect(listing.threads[0].story?.canonical == "https://example.org/posts/tiny-kernels")
        #expect(listing.threads[1].story == nil)
    }

    @Test func singleStoryWithoutCommentsIsStillAThread() throws {
        let html = """
            <!doctype html><html><head><meta name="comment-flags" content="{}"><title>Lobsters</title></head><body>
            <ol class="stories"><li id="story_ccc333" data-shortid="ccc333" class="story"><div class="story_liner">
            <div class="voters"><a class="upvoter" href="/login">1</a></div><div class="details">
            <span class="link"><a class="u-url" href="https://example.net/a">A</a></span>
            <div class="byline"><span>via</span> <a href="/~max">max</a>
            <time title="2026-07-12 03:00:00" datetime="2026-07-12 03:00:00" data-at-unix="1783843200">just now</time>
            </div></div></div></li></ol><div class="story_content"></div>
            <ol class="comments comments1"><li class="comments_subtree"><div class="comment_form_container" data-shortid="">
            </div></li></ol></body></html>
            """
        let page = try lobsters.page(Array(html.utf8), source: "single", url: "https://lobste.rs/s/ccc333/a")
        guard case .thread(let thread) = page else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.posts.map(\.id) == ["ccc333"])
        #expect(thread.story?.url == "https://example.net/a")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusStoryPage() throws {
        let file = "lobsters/lobsters-2026-ktew3s-who-does-anubis-stop.html"
        guard case .thread(let thread) = try lobsters.page(corpus: file) else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.posts.count == 17)
        #expect(Array(thread.posts.prefix(4).map(\.id)) == ["ktew3s", "ba7zs5", "99ne8h", "kpzehm"])
        #expect(Array(thread.posts.prefix(4).map(\.depth)) == [nil, 0, 1, 2])
        #expect(Array(thread.posts.prefix(4).map(\.parent)) == [nil, "ktew3s", "ba7zs5", "99ne8h"])
        #expect(thread.posts[0].published.iso == "2026-07-12T02:34:31Z")
        // ba7zs5 shows "edited 8 hours ago" only.
        #expect(thread.posts[1].published.iso == nil)
        #expect(thread.posts[1].edited.iso == "2026-07-12T02:41:05Z")
        #expect(thread.posts[1].counts.score == 38)
        // "~": the score is not shown yet.
        #expect(thread.posts[3].counts.score == nil)
        // A link story: its title link is the story (labels.json says null; see the profile report).
        #expect(thread.story?.url == "https://fzakaria.com/2026/07/09/who-does-anubis-actually-stop")
    }
}
