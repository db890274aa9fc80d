import Archive
import Foundation
import Model
import Pages
import Search
import Testing

@Suite("Index, stories and search pages")
struct IndexAndStoriesTests {
    let fixture: FixtureArchive

    init() throws {
        fixture = try FixtureArchive()
    }

    /// The thread titles of an index page, in order.
    func titles(_ html: String) -> [String] {
        html.components(separatedBy: #"<a class="title" href=""#).dropFirst().map { part in
            let afterHref = part.drop { $0 != ">" }.dropFirst()
            return String(afterHref.prefix { $0 != "<" })
        }
    }

    @Test func indexListsThreadsNewestActivityFirst() throws {
        let html = try fixture.pages().index()
        #expect(titles(html) == ["Third thread", "Big &lt;b&gt;news&lt;/b&gt; &amp; &quot;quotes&quot;", "Second thread"])
        #expect(html.contains("3 threads"))
        #expect(html.contains("1 post · 1 version"))
        #expect(html.contains("3 posts · 2 versions"))
        #expect(html.contains(#"<a href="/?site=other">other</a>"#))
        #expect(html.contains(#"<a class="title" href="/t/third.example/9">Third thread</a>"#))
        #expect(html.contains(#"<option value="Politics">Politics</option>"#))
        #expect(html.contains(#"href="/feeds/site/forum.example.atom""#))
        #expect(!html.contains("rel=\"next\""))
    }

    @Test func indexIsPaginated() throws {
        let pages = fixture.pages(pageSize: 2)
        let first = try pages.index()
        #expect(titles(first).count == 2)
        #expect(first.contains(#"<a rel="next" href="/?page=2">older →</a>"#))
        #expect(first.contains("page 1 of 2"))
        let second = try pages.index(page: 2)
        #expect(titles(second) == ["Second thread"])
        #expect(second.contains(#"<a rel="prev" href="/">← newer</a>"#))
        let error = #expect(throws: PageError.self) { try pages.index(page: 3) }
        #expect(error?.isNotFound == true)
    }

    @Test func indexFiltersBySiteAndForum() throws {
        let pages = fixture.pages()
        let other = try pages.index(site: "other")
        #expect(titles(other) == ["Third thread", "Second thread"])
        #expect(other.contains(#"<option value="other" selected>other</option>"#))
        #expect(other.contains("<h1>Threads on other</h1>"))
        let byHost = try pages.index(site: "forum.example")
        #expect(titles(byHost).count == 1)
        let general = try pages.index(forum: "General Discussion")
        #expect(titles(general) == ["Big &lt;b&gt;news&lt;/b&gt; &amp; &quot;quotes&quot;"])
        let both = try pages.index(site: "other", forum: "Sports")
        #expect(titles(both) == ["Third thread"])
        #expect(both.contains(#"forum: <strong>Sports</strong> <a href="/?site=other">show all</a>"#))
        let none = try pages.index(site: "nowhere")
        #expect(none.contains("No threads here."))
    }

    @Test func storiesGroupThreadsByTheirStory() throws {
        let pages = fixture.pages()
        let html = pages.stories()
        let id = StoryEntry.id(ofCanonical: FixtureArchive.story.canonical)
        #expect(id.count == 16 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(html.contains("<a href=\"/stories/\(id)\">https://news.example/story</a>"))
        #expect(html.contains("2 threads · 4 posts"))
        #expect(html.contains(#"<a class="title" href="/t/forum.example/42">"#))
        #expect(html.contains(#"<a class="title" href="/t/other.example/7">Second thread</a>"#))
        #expect(!html.contains("Third thread"))
        let story = try pages.story(id: id)
        #expect(story.contains("Second thread"))
        #expect(story.contains("href=\"/feeds/story/\(id).atom\""))
        let error = #expect(throws: PageError.self) { try pages.story(id: "0000000000000000") }
        #expect(error?.isNotFound == true)
    }

    @Test func searchResultsHighlightMatchesAndLinkToThePost() {
        let model = SearchPageModel(
            query: "fox <b>", site: "test", total: 3, page: 1, pageSize: 2,
            hits: [
                SearchHit(
                    threadKey: FixtureArchive.first, postKey: "id:2", comment: nil, position: 2, site: "test",
                    threadTitle: FixtureArchive.title, threadURL: nil, author: "bob", published: "2025-06-16T15:17:00Z",
                    removed: false,
                    snippet: [SnippetRun("The quick red ", isMatch: false), SnippetRun("fox", isMatch: true),
                              SnippetRun(" <i>leaps", isMatch: false)], rank: -2),
                SearchHit(
                    threadKey: FixtureArchive.first, postKey: "id:3", comment: nil, position: 3, site: nil,
                    threadTitle: nil, threadURL: nil, author: nil, published: nil, removed: true,
                    snippet: [SnippetRun("fox", isMatch: true)], rank: -1),
            ])
        let html = fixture.pages().search(model: model)
        #expect(html.contains(#"<a class="title" href="/t/forum.example/42#p-id-2">Big &lt;b&gt;news"#))
        #expect(html.contains("The quick red <mark>fox</mark> &lt;i&gt;leaps"))
        #expect(html.contains(#"value="fox &lt;b&gt;""#))
        #expect(html.contains("3 posts match"))
        #expect(html.contains(#"<strong class="mark removed-mark">removed</strong>"#))
        #expect(html.contains(#"href="/search?q=fox%20%3Cb%3E&amp;site=test&amp;page=2""#))
        #expect(html.contains("2025-06-16 11:17 EDT"))
    }
}
