import Extract
import Foundation
import HTML
import Model
import Testing

/// Recognising an engine's page where libxml2's tree differs from a browser's, and where a marker is
/// missing: variants of `Fixtures/vanilla/vanilla-2.1-thread-de.html`, whose profile markers test
/// `body/@id` and `body/@class`.
private let vanilla = Fixture("vanilla")

@Suite("Detection: browser body attributes, post structure")
struct BrowserTreeDetectionTests {
    static let bodyMarker = "marker /html/body[starts-with(@id,'vanilla_')]"

    /// What detection found for `file`: the lines of `explain`'s detection section.
    static func detection(_ file: String) throws -> [String] {
        let report = try Fixture.extractor().explain(
            vanilla.bytes(file), options: ExtractionOptions(fetchedAt: Fixture.standardFetchedAt), source: file)
        return report.split(separator: "\n").map(String.init)
            .drop { $0 != "detection:" }.dropFirst().prefix { $0.hasPrefix("  ") }.map { $0 }
    }

    @Test("a div in <head> opens libxml2's implied body; the real <body>'s attributes are merged in")
    func divInHeadKeepsBodyAttributes() throws {
        let document = try HTMLDocument(bytes: vanilla.bytes("vanilla-2.1-thread-div-in-head.html"))
        let body = try #require(try document.nodes("/html/body").first)
        #expect(body.attribute("id") == "vanilla_discussion_index")
        #expect(body.attribute("class") == "Vanilla Discussion index  Section-Discussion")
        // The injected div stays where libxml2 put it: the first thing in the body.
        #expect(try document.nodes("/html/body/*[1][@id='cookie-consent']").count == 1)

        let vanillaLine = try #require(try Self.detection("vanilla-2.1-thread-div-in-head.html").first)
        #expect(vanillaLine.contains("vanilla"))
        #expect(vanillaLine.contains(Self.bodyMarker))
        #expect(vanillaLine.contains("marker /html/body[contains(concat(' ',normalize-space(@class),' '),' Vanilla ')]"))
    }

    @Test("the page with a div in <head> extracts as the original does")
    func divInHeadExtractsTheSameThread() throws {
        let original = try vanilla.thread("vanilla-2.1-thread-de.html")
        let injected = try vanilla.thread("vanilla-2.1-thread-div-in-head.html")
        #expect(injected.profile == "vanilla")
        #expect(injected == original)
    }

    @Test("an engine's page without its body attributes is recognised by its post structure")
    func bareBodyRecognisedByStructure() throws {
        let original = try vanilla.thread("vanilla-2.1-thread-de.html")
        let bare = try vanilla.thread("vanilla-2.1-thread-bare-body.html")
        #expect(bare.profile == "vanilla")
        #expect(bare == original)

        let lines = try Self.detection("vanilla-2.1-thread-bare-body.html")
        let first = try #require(lines.first)
        #expect(first.contains("vanilla") && first.contains("finds posts or rows"))
        #expect(!lines.contains { $0.contains("marker") })
    }

    @Test("a page with no engine's markers or structure is still not recognised")
    func plainPageStaysUnrecognised() throws {
        let html = "<html><head><div>banner</div></head><body id=\"home\"><p>Nothing to see.</p></body></html>"
        #expect(throws: ExtractError.self) {
            try Fixture.extractor().extract(Array(html.utf8), options: ExtractionOptions(), source: "plain.html")
        }
    }
}
