import Foundation
import Pages
import Testing

/// The hostile post bodies of Tests/Fixtures/xss/payloads.json.
struct Payload: Decodable, CustomTestStringConvertible, Sendable {
    var name: String
    var html: String
    var testDescription: String { name }

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/xss/payloads.json")

    static let all: [Payload] = {
        guard let data = try? Data(contentsOf: fixture), let payloads = try? JSONDecoder().decode([Payload].self, from: data)
        else { return [] }
        return payloads
    }()
}

@Suite("XSS corpus")
struct XSSCorpusTests {
    static let base = "https://forum.example/t/1"

    @Test func theCorpusLoads() {
        #expect(Payload.all.count >= 90, "\(Payload.fixture.path) missing or unreadable")
        #expect(Set(Payload.all.map(\.name)).count == Payload.all.count, "payload names repeat")
    }

    @Test("every payload comes out harmless and stable", arguments: Payload.all)
    func payloadIsHarmless(_ payload: Payload) {
        for images in [false, true] {
            let sanitizer = BodySanitizer(allowRemoteImages: images)
            let output = sanitizer.sanitize(payload.html, baseURL: Self.base)
            #expect(OutputCheck.problems(output) == [], "images \(images): \(output)")
            #expect(!output.lowercased().contains("data:"), "images \(images): \(output)")
            #expect(!output.contains("xss-marker") && !output.contains("{{MARKER}}"), "images \(images): \(output)")
            #expect(sanitizer.sanitize(output, baseURL: Self.base) == output, "not idempotent: \(output)")
        }
    }

    @Test func harmlessPartsOfPayloadsRemain() throws {
        func output(_ name: String) throws -> String {
            let payload = try #require(Payload.all.first { $0.name == name })
            return BodySanitizer().sanitize(payload.html, baseURL: Self.base)
        }
        #expect(try output("script-plain") == "<p>before</p><p>after</p>")
        #expect(try output("div-onmouseover") == "<div>hover me</div>")
        #expect(try output("link-javascript") == "link")
        #expect(try output("details-ontoggle") == "<details><summary>s</summary>d</details>")
        #expect(
            try output("link-protocol-relative")
                == "<a href=\"https://outside.example/path\" rel=\"nofollow noopener noreferrer\">protocol relative</a>")
        #expect(
            try output("base-href")
                == "<a href=\"https://forum.example/t/relative\" rel=\"nofollow noopener noreferrer\">relative</a>")
        #expect(try output("style-attribute-url") == "<div>styled</div>")
        #expect(try output("unclosed-elements").hasSuffix("<u>tags</u></a></i></b></div>"))
    }
}
