import Foundation
import HTML
import Model
import Testing

@testable import Extract

/// Synthetic pages in `Fixtures/schemaorg/`.
private let schemaOrg = Fixture("schemaorg")

/// The schema.org discussion a page holds.
private enum SchemaFixture {
    static func structured(_ name: String, url: String? = nil) throws -> StructuredThread? {
        try read(schemaOrg.bytes(name), url: url)
    }

    static func read(_ bytes: [UInt8], url: String? = nil) throws -> StructuredThread? {
        let document = try HTMLDocument(bytes: bytes, url: url)
        return StructuredData.read(document, pageURL: url)
    }

    static func read(html: String, url: String? = nil) throws -> StructuredThread? {
        try read(Array(html.utf8), url: url)
    }
}

@Suite("Schema.org structured data")
struct StructuredDataTests {
    static let thread = "https://talk.example.net/board/tram-line-vote-881"

    @Test func jsonLDForumPostingWithNestedComments() throws {
        let read = try #require(try SchemaFixture.structured("jsonld-forum.html"))
        #expect(read.title == "Council votes on the new tram line & bus lanes")
        #expect(read.url == Self.thread)
        #expect(read.story == "https://www.example-news.com/local/tram-vote/?utm_source=rss&utm_medium=feed")
        #expect(read.counts == Counts(replies: 3, views: 1204, recommendations: 12))
        #expect(read.posts.map(\.author.name) == ["maria_k", "jbrown", "maria_k", "Ola"])
        #expect(read.posts.map(\.position) == [1, 2, 3, 4])

        let opening = read.posts[0]
        #expect(opening.id == Self.thread + "#post-5001")
        #expect(opening.author.url == "https://talk.example.net/members/maria_k.12/")
        #expect(opening.published.iso == "2024-03-05T08:15:00Z")
        #expect(opening.edited.iso == "2024-03-05T09:00:00Z")
        #expect(opening.text == "The council voted 7 to 4 for the tram line. Construction starts next spring.")
        #expect(opening.parent == nil && opening.depth == nil)

        // 5004 answers 5002: referenced by @id from 5002 and also listed at the top of the @graph; read once.
        #expect(
            read.posts.map(\.id) == [
                Self.thread + "#post-5001", Self.thread + "#post-5002", Self.thread + "#post-5004",
                Self.thread + "#post-5003",
            ])
        #expect(read.posts.map(\.depth) == [nil, 0, 1, 0])
        #expect(read.posts[1].parent == opening.id)
        #expect(read.posts[2].parent == Self.thread + "#post-5002")
        #expect(read.posts[3].parent == opening.id)
        #expect(read.posts[1].counts.score == 4)
        #expect(read.posts[2].counts.recommendations == 2)
        #expect(read.posts[3].published.iso == "2024-03-05T11:30:00Z")
    }

    @Test func microdataForumPostingWithNestedComments() throws {
        let read = try #require(
            try SchemaFixture.structured("microdata-forum.html", url: "https://trails.example.org/topics/42"))
        #expect(read.title == "Best offline map app for hiking?")
        #expect(read.url == "https://trails.example.org/topics/42")
        // The likes of the nested comment belong to the comment, not to the posting.
        #expect(read.counts == Counts(replies: 3, recommendations: 7))
        #expect(read.posts.map(\.id) == ["https://trails.example.org/topics/42", "c-101", "c-102", "c-103"])
        // A nested item's properties stay with it: c-101's author is not the nested reply's.
        #expect(read.posts.map(\.author.name) == ["trailhead", "ridgewalker", "trailhead", "pathfinder"])
        #expect(read.posts[0].author.url == "https://trails.example.org/u/trailhead")
        #expect(
            read.posts.map(\.parent) == [
                nil, "https://trails.example.org/topics/42", "c-101", "https://trails.example.org/topics/42",
            ])
        #expect(read.posts.map(\.depth) == [nil, 0, 1, 0])
        #expect(
            read.posts.map(\.published.iso) == [
                "2023-08-01T18:30:00Z", "2023-08-01T19:00:00Z", "2023-08-01T19:05:00Z", "2023-08-02T06:00:00Z",
            ])
        // <time>: the datetime attribute gives the instant, the element the text as shown.
        #expect(read.posts[0].published.text == "Aug  1, 2023")
        #expect(read.posts[1].text == "OsmAnd works well offline.")
        #expect(read.posts[0].html?.contains("<a href=\"https://www.example-outdoors.com/review/maps\">") == true)
        #expect(read.posts[0].links == ["https://www.example-outdoors.com/review/maps"])
        #expect(read.posts[2].counts.recommendations == 1)
        #expect(read.posts[1].counts.recommendations == nil)
    }

    @Test func malformedJSONLDIsSkippedAndRepairableScriptsAreRead() throws {
        let read = try #require(try SchemaFixture.structured("malformed.html"))
        // The broken "Broken" posting is skipped; the CDATA-wrapped script with raw line breaks and
        // tabs in its strings is read, and so is the HTML-escaped one.
        #expect(read.title == "Slugs ate my lettuce")
        #expect(read.posts.map(\.author.name) == ["greenthumb", "compostqueen", "slugwatcher"])
        #expect(read.posts[0].text == "First line second line")
        #expect(read.posts[0].published.iso == "2020-06-01T08:00:00Z")
        #expect(read.posts[1].text == "Beer traps. They work.")
        #expect(read.posts[2].text == "Copper tape & eggshells")
    }

    @Test(arguments: [
        "{\"@type\": \"DiscussionForumPosting\", \"headline\": \"x\",",
        "[{\"@type\": \"DiscussionForumPosting\"} {\"@type\": \"Comment\"}]",
        "DiscussionForumPosting",
        "",
        "{\"@type\": \"DiscussionForumPosting\", \"comment\": " + String(repeating: "[", count: 5000),
    ])
    func onlyBrokenJSONLDReadsAsNothing(_ script: String) throws {
        let html = "<html><head><script type=\"application/ld+json\">\(script)</script></head><body>x</body></html>"
        #expect(try SchemaFixture.read(html: html) == nil)
    }

    /// The parse fuzzer's find: a script starting with a `&` that decoding leaves in place (`&&quot;…`)
    /// was decoded again and again until the stack overflowed.
    @Test(arguments: ["&&quot;@type&quot;: 1}", "&nosuch;{}", "&", "&amp;amp;amp;amp;amp;#123;}"])
    func scriptsStartingWithAnUndecodableReferenceEnd(_ script: String) throws {
        #expect(JSONLDReader.parse(script) == nil)
    }

    @Test("JSON escaped as HTML, once or twice, is still read")
    func escapedJSONLD() throws {
        let once = try #require(JSONLDReader.parse("&#123;&quot;@type&quot;: &quot;Comment&quot;}") as? [String: Any])
        #expect(once["@type"] as? String == "Comment")
        let twice = try #require(JSONLDReader.parse("&amp;#123;&quot;@type&quot;: 1}") as? [String: Any])
        #expect(twice["@type"] as? Int == 1)
    }

    @Test("the fuzzer's page (Tests/Fixtures/fuzz-regressions/parse) extracts without overflowing the stack")
    func fuzzRegressionReferenceLoop() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz-regressions/parse/json-ld-reference-loop.bin")
        // The first two bytes chose the fuzzer's profile and URL; the page follows.
        let page = Array(try Data(contentsOf: file).dropFirst(2))
        #expect(throws: Never.self) { _ = try SchemaFixture.read(page) }
    }

    /// The parse fuzzer's other find: phpBB's shown-time pattern backtracked catastrophically over a long
    /// unclosed `<time>` (2.4 s of CPU for a 3 KB page); the pattern now runs in linear steps per start.
    @Test("a phpBB post whose <time> swallows the rest of the page still extracts")
    func fuzzRegressionTimePattern() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz-regressions/parse/phpbb-time-pattern-backtracking.bin")
        let page = Array(try Data(contentsOf: file).dropFirst(2))
        let extractor = Extractor(profiles: try ProfileSet.builtIn())
        let result = try extractor.extract(page, options: ExtractionOptions(url: nil, fetchedAt: Date()), source: "fuzz")
        guard case .thread(let thread) = result else {
            Issue.record("expected a thread, got \(result)")
            return
        }
        #expect(thread.profile == "phpbb")
        #expect(!thread.posts.isEmpty)
    }

    @Test func websiteAndBreadcrumbMarkupIsNoDiscussion() throws {
        let html = """
            <html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@type":"WebSite","url":"https://a.example/",
             "potentialAction":{"@type":"SearchAction","target":"https://a.example/s?q={q}"}}
            </script>
            <script type="application/ld+json">
            {"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[
              {"@type":"ListItem","position":1,"name":"Comment policy","item":"https://a.example/p"}]}
            </script></head>
            <body><div itemscope itemtype="http://schema.org/BreadcrumbList"><span itemprop="itemListElement"
              itemscope itemtype="http://schema.org/ListItem"><span itemprop="name">Home</span></span></div>
            <div itemscope itemtype="http://schema.org/SiteNavigationElement"><a itemprop="url" href="/">Home</a></div>
            </body></html>
            """
        #expect(try SchemaFixture.read(html: html) == nil)
    }

    @Test func articleWithoutCommentsIsNoDiscussion() throws {
        let html = """
            <html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"Tram approved",
             "author":{"@type":"Person","name":"Reporter"},"datePublished":"2024-03-05T08:00:00Z"}
            </script></head><body>x</body></html>
            """
        #expect(try SchemaFixture.read(html: html) == nil)
    }

    @Test func questionAndAnswersFromJSONLD() throws {
        let read = try #require(try SchemaFixture.structured("qa-jsonld.html"))
        #expect(read.title == "How do I undo the last commit but keep the changes?")
        #expect(read.url == "https://qa.example.com/q/77")
        #expect(read.counts == Counts(replies: 2, score: 5))
        // The question, then the accepted answer, then the others.
        #expect(read.posts.map(\.author.name) == ["asker", "expert", "novice"])
        #expect(
            read.posts.map(\.id) == [
                "https://qa.example.com/q/77", "https://qa.example.com/q/77#a-80",
                "https://qa.example.com/q/77#a-79",
            ])
        #expect(read.posts.map(\.counts.score) == [5, 9, -1])
        #expect(
            read.posts.map(\.published.iso) == [
                "2022-01-10T12:00:00Z", "2022-01-10T12:10:00Z", "2022-01-10T12:08:00Z",
            ])
        // Comments on a question or an answer stay attached to it.
        #expect(read.posts[0].comments.map(\.text) == ["Was the commit pushed?"])
        #expect(read.posts[0].comments.first?.author.name == "helper")
        #expect(read.posts[1].comments.map(\.author.name) == ["asker"])
        #expect(read.posts[2].comments.isEmpty)
    }

    @Test func questionAndAnswersFromMicrodataInPageOrder() throws {
        let read = try #require(try SchemaFixture.structured("qa-microdata.html"))
        #expect(read.title == "Which tyre pressure for gravel?")
        #expect(read.counts == Counts(replies: 2, score: 6))
        // Answers hang off the QAPage, not the Question; microdata keeps the page's order.
        #expect(read.posts.map(\.id) == ["question", "answer-31", "answer-35"])
        #expect(read.posts.map(\.author.name) == ["gravelgrinder", "spokes", "mechanic"])
        #expect(read.posts.map(\.counts.score) == [6, 3, 11])
        #expect(read.posts[0].published.iso == "2021-05-02T07:00:00Z")
        #expect(read.posts[0].published.text == "asked May 2, 2021")
    }

    @Test func interactionCountersInEveryForm() throws {
        let html = """
            <html><head><script type="application/ld+json">
            {"@context":"http://schema.org","@type":"SocialMediaPosting","headline":"Counters",
             "author":"someone","text":"Body",
             "sharedContent":"https://www.example-news.com/story/1",
             "interactionStatistic":[
               {"@type":"InteractionCounter","interactionType":"schema:ReplyAction","userInteractionCount":"2,001"},
               {"@type":"InteractionCounter","interactionType":{"@type":"AgreeAction"},"userInteractionCount":5},
               {"@type":"InteractionCounter","interactionType":{"@id":"https://schema.org/WatchAction"},
                "userInteractionCount":"17"},
               {"@type":"InteractionCounter","interactionType":"https://schema.org/DislikeAction","userInteractionCount":9}
             ]}
            </script></head><body></body></html>
            """
        let read = try #require(try SchemaFixture.read(html: html))
        #expect(read.counts == Counts(replies: 2001, views: 17, recommendations: 5))
        #expect(read.story == "https://www.example-news.com/story/1")
        #expect(read.posts.count == 1)
    }

    @Test func legacyInteractionCountAndSiblingPostings() throws {
        // Discourse 1.x style: one DiscussionForumPosting item per post, `interactionCount` text.
        let html = """
            <html><body>
            <div itemscope itemtype="http://schema.org/DiscussionForumPosting">
              <b itemprop="author">first</b><time itemprop="datePublished" datetime="2016-01-02T03:04:05Z">Jan 2</time>
              <div itemprop="articleBody"><p>Opening</p></div>
              <meta itemprop="interactionCount" content="UserLikes:8"><meta itemprop="interactionCount" content="UserComments:1">
              <meta itemprop="headline" content="Sibling postings">
            </div>
            <div itemscope itemtype="http://schema.org/DiscussionForumPosting">
              <b itemprop="author">second</b><time itemprop="datePublished" datetime="2016-01-02T05:00:00Z">Jan 2</time>
              <div itemprop="articleBody"><p>Reply</p></div>
              <meta itemprop="interactionCount" content="UserLikes:0">
              <meta itemprop="headline" content="Sibling postings">
            </div>
            </body></html>
            """
        let read = try #require(try SchemaFixture.read(html: html))
        #expect(read.title == "Sibling postings")
        #expect(read.posts.map(\.author.name) == ["first", "second"])
        #expect(read.posts.map(\.counts.recommendations) == [8, 0])
        #expect(read.posts[0].counts.replies == 1)
        #expect(read.posts.allSatisfy { $0.title == nil && $0.parent == nil })
        // The first posting's counts are its own, not the thread's.
        #expect(read.counts == Counts())
    }

    @Test func microdataValuesFollowTheSpec() throws {
        let html = """
            <html><body>
            <div itemscope itemtype="https://schema.org/DiscussionForumPosting https://schema.org/Thing">
              <meta itemprop="headline" content="Values">
              <a itemprop="url sameAs" href="/t/9">link text is not the value</a>
              <div itemprop="author" itemscope itemtype="https://schema.org/Person">
                <img itemprop="image" src="/a.png"><span itemprop="name">Ann</span>
                <a itemprop="url" href="/u/ann">profile</a>
              </div>
              <data itemprop="commentCount" value="4">four</data>
              <time itemprop="datePublished">2019-12-31T23:00:00-05:00</time>
              <div itemprop="text">Hello <b>world</b></div>
            </div></body></html>
            """
        let read = try #require(try SchemaFixture.read(html: html, url: "https://board.example/t/9?page=1"))
        #expect(read.url == "https://board.example/t/9")
        #expect(read.counts.replies == 4)
        let post = try #require(read.posts.first)
        #expect(post.author == Author(name: "Ann", url: "https://board.example/u/ann"))
        #expect(post.published.iso == "2020-01-01T04:00:00Z")
        #expect(post.text == "Hello world")
        #expect(post.html == "Hello <b>world</b>")
    }

    @Test func hugeScriptsAreSkippedOrReadWithoutTrouble() throws {
        let filler = String(repeating: "{\"@type\":\"ListItem\",\"name\":\"x\"},", count: 60_000)
        let big =
            "[" + filler
            + "{\"@type\":\"DiscussionForumPosting\",\"headline\":\"Big\",\"author\":\"a\",\"text\":\"t\"}]"
        let tooBig =
            "{\"@type\":\"DiscussionForumPosting\",\"headline\":\"Too big\",\"author\":\"b\",\"text\":\""
            + String(repeating: "y", count: StructuredData.maximumScriptBytes) + "\"}"
        let page =
            "<html><head><script type=\"application/ld+json\">\(tooBig)</script>"
            + "<script type=\"application/ld+json\">\(big)</script></head><body></body></html>"
        let read = try #require(try SchemaFixture.read(Array(page.utf8)))
        #expect(read.title == "Big")
        #expect(read.posts.map(\.author.name) == ["a"])
    }

    @Test func deeplyNestedItemsAreReadInLinearTime() throws {
        // 20,000 comments, each inside the one before: every element is visited once, and replies
        // deeper than 256 levels are dropped.
        let depth = 20_000
        let comment =
            "<div itemprop=\"comment\" itemscope itemtype=\"https://schema.org/Comment\">"
            + "<span itemprop=\"author\">a</span><p itemprop=\"text\">t</p>"
        let html =
            "<html><body><div itemscope itemtype=\"https://schema.org/DiscussionForumPosting\">"
            + "<span itemprop=\"author\">op</span>" + String(repeating: comment, count: depth)
            + String(repeating: "</div>", count: depth + 1) + "</body></html>"
        let read = try #require(try SchemaFixture.read(html: html))
        #expect(read.posts.count == 1 + 256)
        #expect(read.posts.last?.depth == 255)
        #expect(read.posts.dropFirst().allSatisfy { $0.author.name == "a" })
    }

    @Test func referenceCyclesEnd() throws {
        let html = """
            <html><head><script type="application/ld+json">
            {"@graph":[
              {"@type":"DiscussionForumPosting","@id":"#p","headline":"Cycle","author":"a","text":"t",
               "comment":[{"@id":"#c"}]},
              {"@type":"Comment","@id":"#c","author":"b","text":"u","comment":[{"@id":"#c"},{"@id":"#p"}]}
            ]}
            </script></head><body></body></html>
            """
        let read = try #require(try SchemaFixture.read(html: html))
        #expect(read.posts.map(\.author.name) == ["a", "b"])
    }

    @Test func unknownEngineExtractsThroughTheExtractor() throws {
        let page = try schemaOrg.page("jsonld-forum.html", url: Self.thread)
        guard case .thread(let thread) = page else {
            Issue.record("expected a thread, got \(page)")
            return
        }
        #expect(thread.profile == "schema.org")
        #expect(thread.site == "talk.example.net", "the site is the URL's host, whatever the profile")
        #expect(thread.url == Self.thread)
        #expect(thread.title == "Council votes on the new tram line & bus lanes")
        #expect(thread.posts.count == 4)
        #expect(thread.posts.first?.author.name == "maria_k")
        #expect(thread.counts.recommendations == 12)
        #expect(thread.story?.canonical == "https://example-news.com/local/tram-vote")
    }

    @Test func unknownEngineWithMicrodataTakesItsStoryFromTheOpeningPost() throws {
        let page = try schemaOrg.page(
            "microdata-forum.html", url: "https://trails.example.org/topics/42", fetchedAt: Date())
        guard case .thread(let thread) = page else {
            Issue.record("expected a thread, got \(page)")
            return
        }
        #expect(thread.profile == "schema.org")
        #expect(thread.posts.map(\.author.name) == ["trailhead", "ridgewalker", "trailhead", "pathfinder"])
        #expect(thread.story?.url == "https://www.example-outdoors.com/review/maps")
    }

    @Test func pageWithoutMarkupOrProfileFailsClearly() throws {
        let extractor = try Fixture.extractor()
        let html = "<html><head><title>Plain</title></head><body><p>Nothing to see.</p></body></html>"
        #expect(throws: ExtractError.self) {
            try extractor.extract(Array(html.utf8), options: ExtractionOptions(), source: "plain.html")
        }
    }
}

@Suite("Discussion.fill(from:)")
struct StructuredFillTests {
    static func post(_ name: String?, _ iso: String?, position: Int) -> Post {
        Post(position: position, author: Author(name: name), published: Timestamp(iso: iso, text: nil))
    }

    @Test func fillsGapsOfTheSamePosts() {
        var thread = Discussion(posts: [
            Self.post(nil, nil, position: 1), Self.post("b", "2020-01-01T10:00:00Z", position: 2),
        ])
        var marked = StructuredThread()
        marked.title = "Title"
        marked.url = "https://a.example/t/1"
        marked.story = "https://news.example.com/a?utm_source=x"
        marked.counts = Counts(replies: 1)
        var first = Self.post("a", "2020-01-01T09:00:00Z", position: 1)
        first.text = "Body"
        first.author.url = "https://a.example/u/a"
        first.counts.recommendations = 3
        marked.posts = [first, Self.post("B", "2020-01-01T10:00:30Z", position: 2)]
        thread.fill(from: marked)
        #expect(thread.title == "Title")
        #expect(thread.url == "https://a.example/t/1")
        #expect(thread.counts.replies == 1)
        #expect(thread.story?.canonical == "https://news.example.com/a")
        #expect(thread.posts[0].author == Author(name: "a", url: "https://a.example/u/a"))
        #expect(thread.posts[0].published.iso == "2020-01-01T09:00:00Z")
        #expect(thread.posts[0].text == "Body")
        #expect(thread.posts[0].counts.recommendations == 3)
        #expect(thread.posts[1].author.name == "b")
    }

    @Test func leavesPostsAloneWhenTheMarkupDescribesOthers() {
        // Page 2 of a thread whose markup describes the opening post (on page 1).
        var thread = Discussion(posts: [Self.post("reply", "2021-05-01T10:00:00Z", position: 1)])
        thread.posts[0].author.url = nil
        var marked = StructuredThread()
        var opening = Self.post("starter", "2020-01-01T09:00:00Z", position: 1)
        opening.author.url = "https://a.example/u/starter"
        marked.posts = [opening]
        thread.fill(from: marked)
        #expect(thread.posts[0].author == Author(name: "reply"))

        // Same count, no names, times months apart: not the same posts either.
        var anonymous = Discussion(posts: [Self.post(nil, "2021-05-01T10:00:00Z", position: 1)])
        anonymous.fill(from: marked)
        #expect(anonymous.posts[0].author.name == nil)
    }

    @Test func takesAllPostsWhenTheProfileFoundNone() {
        var thread = Discussion(title: "Kept")
        var marked = StructuredThread()
        marked.title = "Ignored"
        marked.posts = [Self.post("a", nil, position: 1)]
        thread.fill(from: marked)
        #expect(thread.title == "Kept")
        #expect(thread.posts.map(\.author.name) == ["a"])
    }
}
