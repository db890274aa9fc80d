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

    /// The config fuzzer's find (Tests/Fixtures/fuzz-regressions/config/control-character-in-time-zone.json):
    /// a profile's time zone holding a carriage return made the message two lines.
    @Test("a value quoted in a profile's error stays on one line", arguments: [
        #"{"name": "hackernews", "timeZone": "Am\rica/Los_Angeles"}"#,
        #"{"name": "x", "thread": {"title": "//h1[\n", "posts": [{"node": "//div"}]}}"#,
        #"{"name": "x", "hooks": ["a\u2028b"]}"#,
        #"{"name": "x", "detect": {"urls": ["(\n"]}}"#,
    ])
    func quotedValuesStayOnOneLine(_ json: String) throws {
        var set = try ProfileSet.builtIn()
        do {
            try set.add(json: Data(json.utf8), source: "fuzz.json")
            Issue.record("an invalid profile was accepted")
        } catch {
            #expect(!error.description.contains { $0.isNewline }, "\(error.description)")
            #expect(error.description.hasPrefix("fuzz.json: profile "), "\(error.description)")
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
