import Extract
import Foundation
import Model
import Testing

/// Synthetic Hacker News item pages from before `table#hnmain` and `tr.athing` (2007–2014) in
/// `Fixtures/hackernews/`: bare `td.title` / `td.subtext` rows, comments as `td.default` cells of nested
/// tables indented by an `s.gif` spacer (40 pixels a level), `span.comhead` with a `user?id=` link and
/// the time as the text after it, the body in `span.comment`. Fetched at 2024-06-15T10:00:00Z.
private let hackerNews = Fixture("hackernews", fetchedAt: Date(timeIntervalSince1970: 1_718_445_600))

@Suite("Hacker News before tr.athing")
struct HackerNewsEarlyMarkupTests {
    @Test func linkStoryWithNestedComments() throws {
        let thread = try hackerNews.thread(
            "hn-2009-item-link-story.html", url: "https://news.ycombinator.com/item?id=812345")
        #expect(thread.profile == "hackernews")
        #expect(thread.id == "812345")
        #expect(thread.title == "Ferry operator publishes its timetables as open data")
        #expect(thread.counts.score == 47)
        #expect(thread.counts.replies == 6)
        #expect(thread.story?.url == "http://www.harbour-times.example.com/2009/09/ferries-open-data.html?src=hn")

        #expect(thread.posts.count == 7)
        #expect(
            thread.posts.map(\.id) == ["812345", "812400", "812433", "812470", "812481", "812502", "812510"])
        #expect(
            thread.posts.map(\.author.name) == [
                "tidewater", "gtfs_fan", "portside", "gtfs_fan", nil, "quayside", "tidewater",
            ])
        #expect(thread.posts[0].author.url == "https://news.ycombinator.com/user?id=tidewater")
        #expect(thread.posts[2].author.url == "https://news.ycombinator.com/user?id=portside")
        // Depth is the spacer's width / 40; parents follow from the depths.
        #expect(thread.posts.map(\.depth) == [nil, 0, 1, 2, 2, 0, 1])
        #expect(
            thread.posts.map(\.parent) == [nil, "812345", "812400", "812433", "812433", "812345", "812502"])
        #expect(thread.posts.map(\.isHidden) == [false, false, false, false, true, false, false])
        #expect(
            thread.posts.map(\.published.text) == [
                "4 hours ago", "3 hours ago", "2 hours ago", "1 hour ago", nil, "40 minutes ago", "12 minutes ago",
            ])
        #expect(thread.posts[0].published.iso == "2024-06-15T06:00:00Z")
        #expect(thread.posts[0].published.isApproximate)
        #expect(thread.posts[5].published.iso == "2024-06-15T09:20:00Z")
        #expect(thread.posts[0].title == thread.title)
        #expect(thread.posts[0].counts.score == 47)
        #expect(thread.posts[0].text == nil)
        #expect(
            thread.posts[1].text
                == "Finally. The feed is here: http://data.harbour-ferries.example.org/gtfs.zip\n\n"
                + "It even has the winter schedule.")
        #expect(thread.posts[1].links == ["http://data.harbour-ferries.example.org/gtfs.zip"])
        #expect(thread.posts[6].text == "Same here.")
        // The reply link after the body is not part of it.
        #expect(thread.posts.allSatisfy { $0.text?.contains("reply") != true })
    }

    @Test func askHNSelfPostWithItsText() throws {
        let thread = try hackerNews.thread(
            "hn-2012-askhn-self-post.html", url: "https://news.ycombinator.com/item?id=4011100")
        #expect(thread.profile == "hackernews")
        #expect(thread.id == "4011100")
        #expect(thread.title == "Ask HN: How do you back up a home server?")
        #expect(thread.counts.score == 18)
        #expect(thread.counts.replies == 3)
        // The title links to the item itself: no story, though the text links elsewhere.
        #expect(thread.story == nil)
        #expect(thread.posts.map(\.author.name) == ["rsync_rita", "offsite", "rsync_rita", "tapehead"])
        #expect(thread.posts.map(\.depth) == [nil, 0, 1, 0])
        #expect(thread.posts.map(\.parent) == [nil, "4011100", "4011250", "4011100"])
        #expect(
            thread.posts[0].text
                == "My NAS holds ten years of photos. Tape, cloud, or a second box at a friend's house?\n\n"
                + "See also http://backups.example.net/3-2-1")
        #expect(thread.posts[0].links == ["http://backups.example.net/3-2-1"])
        #expect(thread.posts.map(\.published.text) == ["2 days ago", "2 days ago", "1 day ago", "1 day ago"])
        #expect(thread.posts[3].text == "LTO-4 drives are cheap used.")
    }

    @Test func recognisedWithoutURL() throws {
        let thread = try hackerNews.thread("hn-2009-item-link-story.html")
        #expect(thread.profile == "hackernews")
        #expect(thread.posts.count == 7)
    }

    /// The front page before `table#hnmain` (2011): numbered `td.title` rows, `span#score_N` without a class,
    /// the time as the text after the submitter. The "More" link (`/x?fnid=…`) expires, so it is no next page.
    @Test func frontPage2011() throws {
        let listing = try hackerNews.listing("hn-2011-news-listing.html", url: "http://news.ycombinator.com/news")
        #expect(listing.profile == "hackernews")
        #expect(listing.threads.map(\.id) == ["2857501", "2857620", nil, "2857702"])
        #expect(listing.threads.map(\.title) == [
            "A ferry timetable you can diff", "Ask HN: How do you archive forum threads?",
            "Harbour Labs (YC S11) is hiring engineers", "Ports publish their berth data",
        ])
        #expect(listing.threads.map(\.url) == [
            "http://news.ycombinator.com/item?id=2857501", "http://news.ycombinator.com/item?id=2857620",
            "http://jobs.harbour.example.com/", "http://news.ycombinator.com/item?id=2857702",
        ])
        #expect(listing.threads.map(\.author.name) == ["tidewater", "quayside", nil, "gtfs_fan"])
        #expect(listing.threads.map(\.counts.score) == [212, 31, nil, 1])
        #expect(listing.threads.map(\.counts.replies) == [64, nil, nil, 1])
        #expect(listing.threads.map(\.lastActivity.text) == ["5 hours ago", "3 hours ago", "1 hour ago", "12 minutes ago"])
        #expect(listing.threads[0].story?.url == "http://www.tidal-lab.example.org/notes/ferry-schedules.html")
        #expect(listing.threads[1].story == nil)
    }
}
