import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Discourse crawler views in `Fixtures/discourse/`: a current (3.x) topic, a 1.9 topic's
/// second page in German, a 2.x topic list.
private let discourse = Fixture("discourse")

@Suite("Discourse profile")
struct DiscourseTests {
    static let topic = "https://community.example.org/t/city-approves-tram-extension/4711"

    @Test func currentCrawlerTopic() throws {
        let thread = try discourse.thread("discourse-3-topic-p1.html", url: Self.topic)
        #expect(thread.profile == "discourse")
        #expect(thread.title == "City approves tram extension")
        #expect(thread.id == "4711")
        #expect(thread.forum == ["Local", "Local news"])
        #expect(thread.counts.recommendations == 31)
        #expect(thread.pages.current == 1)
        #expect(thread.pages.next == Self.topic + "?page=2")

        #expect(thread.posts.map(\.id) == ["1", "2", "3"])
        #expect(thread.posts.map(\.author.name) == ["maria_k", "jbrown", "Ola.N"])
        #expect(
            thread.posts.map(\.author.url) == [
                "https://community.example.org/u/maria_k", "https://community.example.org/u/jbrown",
                "https://community.example.org/u/Ola.N",
            ])
        #expect(
            thread.posts.map(\.published.iso) == [
                "2024-03-05T08:00:00Z", "2024-03-05T08:08:18Z", "2024-03-05T19:12:59Z",
            ])
        #expect(thread.posts[0].published.text == "March 5, 2024,  8:00am")
        // dateModified differs from the creation time only on the first post.
        #expect(thread.posts.map(\.edited.iso) == ["2024-03-05T09:30:00Z", nil, nil])
        #expect(thread.posts.map(\.counts.recommendations) == [23, 4, 0])
        #expect(thread.posts[1].text == "Finally. Does it go to the hospital?")
        // The pagination block shares the post class but is no post.
        #expect(!thread.posts.contains { $0.text?.contains("next page") == true })
        #expect(thread.story?.url == "https://www.example-news.com/local/tram-extension-approved/?utm_source=twitter")
        #expect(thread.story?.canonical == "https://example-news.com/local/tram-extension-approved")
    }

    @Test func oldCrawlerTopicSecondPageInGerman() throws {
        let thread = try discourse.thread("discourse-1.9-topic-p2-de.html")
        #expect(thread.profile == "discourse")
        #expect(thread.title == "Welche Pflanzen vertragen Schatten?")
        #expect(thread.id == "815")
        #expect(thread.forum == ["Garten", "Stauden"])
        #expect(thread.pages.current == 2)
        #expect(thread.posts.map(\.id) == ["21", "22"])
        #expect(thread.posts.map(\.author.name) == ["Rosenkavalier", "gruene_hand"])
        #expect(thread.posts[0].author.url == "https://forum.gartenfreunde.example.de/u/Rosenkavalier")
        #expect(thread.posts.map(\.published.iso) == ["2017-06-20T17:05:11Z", "2017-06-21T06:40:00Z"])
        #expect(thread.posts[0].published.text == "2017-06-20 17:05:11 UTC")
        #expect(thread.posts.map(\.counts.recommendations) == [3, 0])
        #expect(thread.posts.map(\.counts.replies) == [1, 0])
        #expect(thread.posts[1].links == ["https://de.example-wiki.org/wiki/Waldmeister"])
        // Page 2: the opening post is not here, so no story.
        #expect(thread.story == nil)
    }

    @Test func crawlerTopicList() throws {
        let page = try discourse.page(
            "discourse-topic-list.html", url: "https://community.example.org/c/local/news/9")
        guard case .listing(let listing) = page else {
            Issue.record("expected a listing, got \(page)")
            return
        }
        #expect(listing.profile == "discourse")
        #expect(listing.title == "Local news")
        #expect(listing.nextPage == "https://community.example.org/c/local/news/9?page=1")
        #expect(listing.threads.map(\.id) == ["4711", "4702"])
        #expect(
            listing.threads.map(\.url) == [
                Self.topic, "https://community.example.org/t/bridge-closed-for-repairs/4702",
            ])
        #expect(listing.threads.map(\.title) == ["City approves tram extension", "Bridge closed for repairs"])
        #expect(listing.threads.map(\.author.name) == ["maria_k", "Ola.N"])
        #expect(listing.threads[0].author.url == "https://community.example.org/u/maria_k")
        #expect(listing.threads.map(\.counts.replies) == [41, 0])
        #expect(listing.threads.map(\.counts.views) == [1877, 12])
        #expect(listing.threads[0].lastActivity.text == "March 7, 2024")
        #expect(listing.threads[0].lastActivity.iso == "2024-03-07T00:00:00Z")
    }

    @Test func oldCrawlerTopicList() throws {
        let html = """
            <html><head><meta name="generator" content="Discourse 1.8.0 - https://github.com/discourse/discourse">
            <title>Gartenfreunde</title></head><body><noscript>
            <div id="main-outlet" class="wrap">
            <div itemscope itemtype='http://schema.org/ItemList'>
              <meta itemprop='itemListOrder' content='http://schema.org/ItemListOrderDescending'>
              <div itemprop='itemListElement' itemscope itemtype='http://schema.org/ListItem'>
                <meta itemprop='position' content='0'>
                <a href='/t/welche-pflanzen-vertragen-schatten/815' itemprop='url'>Welche Pflanzen vertragen Schatten?</a>
                <span title='Beiträge'>(23)</span>
              </div>
              <div itemprop='itemListElement' itemscope itemtype='http://schema.org/ListItem'>
                <meta itemprop='position' content='1'>
                <a href='/t/rasen-im-herbst/790' itemprop='url'>Rasen im Herbst</a> <span title='Beiträge'>(1)</span>
              </div>
            </div>
            <div role='navigation' itemscope itemtype='http://schema.org/SiteNavigationElement'>
              <span itemprop='name'><b><a href="/latest?page=1" rel="next" itemprop="url">nächste Seite</a></b></span>
            </div></div></noscript></body></html>
            """
        let page = try discourse.page(
            Array(html.utf8), source: "old-list.html", url: "https://forum.gartenfreunde.example.de/latest",
            fetchedAt: Date())
        guard case .listing(let listing) = page else {
            Issue.record("expected a listing, got \(page)")
            return
        }
        #expect(listing.profile == "discourse")
        #expect(listing.threads.map(\.id) == ["815", "790"])
        #expect(listing.threads.map(\.title) == ["Welche Pflanzen vertragen Schatten?", "Rasen im Herbst"])
        // "(23)" counts the posts: 22 replies.
        #expect(listing.threads.map(\.counts.replies) == [22, 0])
        #expect(listing.nextPage == "https://forum.gartenfreunde.example.de/latest?page=1")
    }

    @Test func detectedByGeneratorWithoutURL() throws {
        let page = try discourse.page("discourse-3-topic-p1.html")
        guard case .thread(let thread) = page else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.profile == "discourse")
        // Without --url the canonical link gives the address.
        #expect(thread.url == Self.topic)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusTopicKeepsShownTimeAndDatePublished() throws {
        let page = try discourse.page(corpus: "discourse/discourse-2.4-meta-octoverse-topic.html")
        guard case .thread(let thread) = page else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.profile == "discourse")
        #expect(thread.id == "12483")
        #expect(thread.forum == ["praise"])
        let first = try #require(thread.posts.first)
        // The page shows the edit time; datePublished gives the real creation time.
        #expect(first.published.text == "June 19, 2015,  6:45am")
        #expect(first.published.iso == "2014-02-06T04:55:19Z")
        #expect(first.edited.iso == "2015-06-19T06:45:49Z")
        #expect(thread.posts.map(\.counts.recommendations) == [8, 1])
        #expect(
            thread.posts.map(\.author.url) == [
                "https://meta.discourse.org/u/techAPJ", "https://meta.discourse.org/u/codinghorror",
            ])
        #expect(thread.counts.recommendations == 9)
    }
}
