import Archive
import Foundation
import Model
import Pages
import Testing

@Suite("Thread, history and diff pages")
struct ThreadPageTests {
    let fixture: FixtureArchive

    init() throws {
        fixture = try FixtureArchive()
    }

    @Test func latestVersionShowsEveryPostWithAuthorsTimesAndMarks() throws {
        let html = try fixture.pages().thread(key: FixtureArchive.first)
        #expect(html.contains("<h1>Big &lt;b&gt;news&lt;/b&gt; &amp; &quot;quotes&quot;</h1>"))
        #expect(!html.contains("<b>news</b>"))
        #expect(html.contains("erronis &lt;img src=x&gt;"))
        #expect(!html.contains("<img src=x>"))
        #expect(html.contains("(20,156 posts)"))
        #expect(html.contains(#"<time datetime="2025-06-16T15:17:00Z">2025-06-16 11:17 EDT</time>"#))
        #expect(html.contains("(2025-06-16 15:17 UTC)"))
        #expect(html.contains("approximate: shown as “17 hrs ago”"))
        #expect(html.contains("News</a><span class=\"sep\"> › </span><a href=\"/?forum=General%20Discussion\">General Discussion</a>"))
        // The removed post stays, marked; the added one is there; replies are indented by depth.
        #expect(html.occurrences(of: "removed in version 2") == 1)
        #expect(html.contains(#"class="post d2 removed" id="p-id-3""#))
        #expect(html.contains(#"class="post d1" id="p-id-4""#))
        #expect(html.contains(#"class="post d0" id="p-id-1""#))
        #expect(html.contains("The quick red fox leaps"))
        // Version picker, history, story and feed.
        #expect(html.contains("Version 2 of 2"))
        #expect(html.contains(#"<a href="/t/forum.example/42?v=1">1</a>"#))
        #expect(html.contains(#"<strong aria-current="page">2</strong>"#))
        #expect(html.contains(#"href="/t/forum.example/42/history""#))
        let storyID = StoryEntry.id(ofCanonical: FixtureArchive.story.canonical)
        #expect(html.contains("href=\"/stories/\(storyID)\""))
        #expect(html.contains(#"<link rel="alternate" type="application/atom+xml" title="Changes to this thread" href="/feeds/thread/forum.example/42.atom">"#))
    }

    @Test func anEarlierVersionShowsThePostsAsTheyWere() throws {
        let html = try fixture.pages().thread(key: FixtureArchive.first, version: 1)
        #expect(html.contains("Version 1 of 2"))
        #expect(html.contains("The quick brown fox jumps"))
        #expect(!html.contains("A new reply"))
        #expect(!html.contains("removed in version"))
        #expect(html.contains(#"<a href="/t/forum.example/42">see the latest</a>"#))
        #expect(html.contains(#"<strong aria-current="page">1</strong>"#))
    }

    @Test func aScriptInAPostBodyNeverReachesThePage() throws {
        for html in [
            try fixture.pages().thread(key: FixtureArchive.first, version: 1),
            try fixture.pages().diff(key: FixtureArchive.first, from: 1, to: 2),
        ] {
            #expect(!html.lowercased().contains("<script"))
        }
    }

    @Test func missingThreadsAndVersionsAreNotFound() throws {
        let pages = fixture.pages()
        var errors: [PageError?] = []
        errors.append(#expect(throws: PageError.self) { try pages.thread(key: FixtureArchive.first, version: 3) })
        errors.append(#expect(throws: PageError.self) { try pages.thread(key: FixtureArchive.first, version: 0) })
        errors.append(#expect(throws: PageError.self) { try pages.thread(key: ThreadKey(host: "forum.example", id: "404")) })
        errors.append(#expect(throws: PageError.self) { try pages.history(key: ThreadKey(host: "nowhere.example", id: "1")) })
        errors.append(#expect(throws: PageError.self) { try pages.diff(key: FixtureArchive.first, from: 1, to: 5) })
        for error in errors {
            #expect(error?.isNotFound == true)
        }
    }

    @Test func historyListsVersionsWithTheirChangesAndDiffs() throws {
        let html = try fixture.pages().history(key: FixtureArchive.first)
        #expect(html.contains(#"<a href="/t/forum.example/42/diff?from=1&amp;to=2">changes from 1</a>"#))
        #expect(html.contains(#"<a href="/t/forum.example/42?v=1">1</a>"#))
        #expect(html.contains(#"<a href="/t/forum.example/42">2</a> (latest)"#))
        #expect(html.contains(#"<span class="plus">+1</span> <span class="tilde">~1</span> <span class="minus">−1</span>"#))
        #expect(html.contains("2025-06-15 12:06 EDT"))
    }

    @Test func diffShowsPostsAddedRemovedAndEditedWordByWord() throws {
        let html = try fixture.pages().diff(key: FixtureArchive.first, from: 1, to: 2)
        #expect(html.contains("Posts: +1 added, ~1 edited, −1 removed"))
        #expect(html.contains(#"<del><span class="m">[-</span>brown<span class="m">-]</span></del><ins><span class="m">{+</span>red<span class="m">+}</span></ins> fox "#))
        #expect(html.contains(#"<del><span class="m">[-</span>jumps<span class="m">-]</span></del><ins><span class="m">{+</span>leaps<span class="m">+}</span></ins>"#))
        #expect(html.contains(#"<strong class="mark change">+ added</strong>"#))
        #expect(html.contains(#"<strong class="mark change">− removed</strong>"#))
        #expect(html.contains("A new reply"))
        #expect(html.contains(#"<option value="1" selected>version 1</option>"#))
        #expect(html.contains(#"<a class="pos" href="/t/forum.example/42#p-id-2">#2</a>"#))
        let same = try fixture.pages().diff(key: FixtureArchive.first, from: 2, to: 2)
        #expect(same.contains("No changes."))
    }

    @Test func errorPagesEscapeTheirMessage() {
        let html = fixture.pages().error(status: 404, message: "no <thread> here")
        #expect(html.contains("<h1>404</h1>"))
        #expect(html.contains("no &lt;thread&gt; here"))
    }

    @Test func postAnchorsAreSafeAndDistinct() {
        #expect(PostAnchor.anchor(forPostKey: "id:20384040") == "p-id-20384040")
        #expect(PostAnchor.anchor(forPostKey: "fp:0a1b#2") == "p-fp-0a1b.232")
        let keys = ["id:a-b", "id:a:b", "id:a.b", "id:a.2db", "id:é", "id:\"><script>"]
        let anchors = keys.map(PostAnchor.anchor(forPostKey:))
        #expect(Set(anchors).count == keys.count)
        for anchor in anchors {
            #expect(anchor.utf8.allSatisfy { $0 < 0x80 && ($0 == 0x2D || $0 == 0x2E || $0 == 0x5F || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)) })
        }
    }
}
