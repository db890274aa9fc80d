import Foundation
import HTML
import Testing

/// Two real pages from the shared corpus (read in place, never copied into the repository).
enum Corpus {
    static let folder = URL(fileURLWithPath: "/work/shared/corpus")
    static let vbulletin = folder.appendingPathComponent("vbulletin/sa-vb2-canpoli-showthread.html")
    static let du = folder.appendingPathComponent("du/du-home-2018.html")

    static var isPresent: Bool {
        FileManager.default.isReadableFile(atPath: vbulletin.path)
            && FileManager.default.isReadableFile(atPath: du.path)
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}

@Suite(
    "Corpus pages",
    .enabled(if: Corpus.isPresent, "the shared corpus (/work/shared/corpus) is not on this machine: skipped"))
struct CorpusTests {
    @Test func undeclaredWindows1252Page() throws {
        let document = try HTMLDocument(bytes: Corpus.bytes(Corpus.vbulletin))
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
        let document = try HTMLDocument(bytes: Corpus.bytes(Corpus.du))
        #expect(document.charset == Charset.Detection(encoding: "windows-1252", source: "meta"))
        let text = try #require(document.root).text
        #expect(!hasMojibake(text), "mojibake in the text")
        #expect(text.contains("“We serve different masters"))
        #expect(text.contains("“wind up with egg on their face"))
        #expect(text.contains("’"))
        #expect(try document.nodes("//a[@href]").count > 30)
    }

    @Test func sameBytesGiveTheSameText() throws {
        let bytes = try Corpus.bytes(Corpus.du)
        let first = try #require(try HTMLDocument(bytes: bytes).root).text
        let second = try #require(try HTMLDocument(bytes: bytes).root).text
        #expect(first == second)
    }
}
