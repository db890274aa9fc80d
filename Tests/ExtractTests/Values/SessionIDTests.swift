import Foundation
import Extract
import Model
import Testing

@Suite("Session ids in links")
struct SessionIDTests {
    @Test(
        "absolute() drops session ids, keeps other parameters",
        arguments: [
            ("viewtopic.php?f=2&t=7153&sid=0123456789abcdef0123456789abcdef",
             "https://forum.example/viewtopic.php?f=2&t=7153"),
            ("index.php?PHPSESSID=3f0aa1b2c3d4e5f60718293a4b5c6d7e&topic=66925.0",
             "https://forum.example/index.php?topic=66925.0"),
            ("showthread.php?s=0123456789abcdef0123456789abcdef&t=42", "https://forum.example/showthread.php?t=42"),
            ("page;jsessionid=ABCDEF0123456789ABCDEF?x=1", "https://forum.example/page?x=1"),
            // Short or word-like values are not session ids: a search `s`, a story id.
            ("search.php?s=privacy", "https://forum.example/search.php?s=privacy"),
            ("article?sid=12345", "https://forum.example/article?sid=12345"),
        ])
    func sessionIDsAreRemoved(href: String, expected: String) {
        #expect(Links.absolute(href, base: "https://forum.example/") == expected)
    }
}

@Test("relative links resolve against <base href>, not the page address")
func baseHrefWins() throws {
    let page = """
        <html><head><base href="https://forum.example/community/"><title>T</title></head><body>
        <div class="post" id="p1"><span class="who">ann</span>
        <div class="body">See <a href="threads/other.5/">the other thread</a> and <a href="https://news.example/a">this</a></div></div>
        </body></html>
        """
    let profile = #"""
        {"name": "basetest", "thread": {"title": "//title", "posts": [{"node": "//div[@class='post']",
         "author": ".//span[@class='who']", "body": ".//div[@class='body']"}]}}
        """#
    var profiles = ProfileSet()
    try profiles.add(json: Data(profile.utf8), source: "test")
    let extracted: ExtractedPage = try Extractor(profiles: profiles).extract(
        Array(page.utf8), options: ExtractionOptions(url: "https://forum.example/threads/t.1/", profile: "basetest"),
        source: "page")
    guard case .thread(let thread) = extracted else {
        Issue.record("expected a thread")
        return
    }
    #expect(thread.posts.first?.links == ["https://forum.example/community/threads/other.5/", "https://news.example/a"])
}
