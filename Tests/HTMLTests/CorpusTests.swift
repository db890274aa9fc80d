import CorpusSupport
import Foundation
import HTML
import Testing

/// Two real pages of the shared corpus, read in place.
private let vbulletinPage = "vbulletin/sa-vb2-canpoli-showthread.html"
private let duPage = "du/du-home-2018.html"

@Suite(
    "Corpus pages",
    .enabled(if: Corpus.contains(vbulletinPage) && Corpus.contains(duPage), Corpus.skipReason))
struct CorpusTests {
    @Test func undeclaredWindows1252Page() throws {
        let document = try HTMLDocument(bytes: Corpus.bytes(vbulletinPage))
        #expect(document.charset == Charset.Detection(encoding: "windows-1252", source: "fallback"))
        let text = try #require(document.root).text
        #expect(!hasMojibake(text), "mojibake in the text")
        #expect(text.contains("Québec students"))
        #expect(text.contains("“We were appalled"))
        #expect(text.contains("unacceptable,” said"))
        let html = try #require(try document.nodes("//blockquote[contains(., 'Québec')]").first).innerHTML
        #expect(html.contains("Québec"))
        #expect(!hasMojibake(html))
    }

    @Test func latin1PageCarryingUTF8Quotes() throws {
        let document = try HTMLDocument(bytes: Corpus.bytes(duPage))
        #expect(document.charset == Charset.Detection(encoding: "windows-1252", source: "meta"))
        let text = try #require(document.root).text
        #expect(!hasMojibake(text), "mojibake in the text")
        #expect(text.contains("“We serve different masters"))
        #expect(text.contains("“wind up with egg on their face"))
        #expect(text.contains("’"))
        #expect(try document.nodes("//a[@href]").count > 30)
    }

    @Test func sameBytesGiveTheSameText() throws {
        let bytes = try Corpus.bytes(duPage)
        let first = try #require(try HTMLDocument(bytes: bytes).root).text
        let second = try #require(try HTMLDocument(bytes: bytes).root).text
        #expect(first == second)
    }
}
