import Extract
import Foundation
import HTML
import Model
import Testing

@Suite("Extract errors and the site of a page")
struct ExtractErrorTests {
    let extractor: Extractor

    init() throws {
        extractor = Extractor(profiles: try ProfileSet.builtIn())
    }

    func error(_ page: String, url: String? = nil) -> ExtractError? {
        do {
            _ = try extractor.extract(Array(page.utf8), options: ExtractionOptions(url: url), source: "page.html")
            return nil
        } catch {
            return error
        }
    }

    @Test("an unreadable page keeps the HTML layer's code", arguments: [
        ("", HTMLError.Code.empty), ("   \n ", HTMLError.Code.empty), ("\u{0}\u{1}\u{2}binary\u{0}\u{0}", HTMLError.Code.binary),
    ])
    func unreadableKeepsCode(_ page: String, _ code: HTMLError.Code) throws {
        let error = try #require(self.error(page))
        #expect(error.code == .unreadable)
        #expect(error.htmlCode == code, "\(error)")
    }

    @Test("a page no profile knows: the message lists the profiles and names no command-line flag")
    func unknownEngineNamesNoFlag() throws {
        let error = try #require(self.error("<html><body><p>My holiday</p></body></html>"))
        #expect(error.code == .unknownEngine)
        #expect(error.htmlCode == nil)
        #expect(error.description.contains("phpbb"))
        #expect(!error.description.contains("--"), "\(error)")
    }

    @Test("a bad XPath in a profile keeps the HTML layer's code")
    func invalidProfileKeepsCode() throws {
        var set = try ProfileSet.builtIn()
        let json = #"{"name": "broken", "thread": {"title": "//h1[", "posts": [{"node": "//div"}]}}"#
        do {
            try set.add(json: Data(json.utf8), source: "config.json")
            Issue.record("a broken XPath was accepted")
        } catch {
            #expect(error.code == .invalidProfile)
            #expect(error.htmlCode == .invalidXPath, "\(error)")
        }
    }

    @Test("site is the URL's host without www., the same with or without a profile's own opinion", arguments: [
        ("https://www.forum.example.org/viewtopic.php?t=1", "forum.example.org"),
        ("https://News.YCombinator.com/item?id=1", "news.ycombinator.com"),
        ("http://127.0.0.1:8090/thread/101.html", "127.0.0.1"),
    ])
    func siteIsHost(_ url: String, _ site: String) {
        #expect(SiteName.of(url) == site)
    }

    @Test("no URL, no site")
    func noURLNoSite() {
        #expect(SiteName.of(nil) == nil)
        #expect(SiteName.of("not a url") == nil)
    }
}
