import HTML
import Testing

/// Input that must be refused with a specific error code.
struct RefusedInput: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let declared: String?
    let code: HTMLError.Code
    var testDescription: String { name }

    init(_ name: String, _ bytes: [UInt8], declared: String? = nil, _ code: HTMLError.Code) {
        self.name = name
        self.bytes = bytes
        self.declared = declared
        self.code = code
    }
}

private let pngHeader: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0xF3, 0xFF, 0x61,
]

private let refusedInputs: [RefusedInput] = [
    RefusedInput("no bytes", [], .empty),
    RefusedInput("whitespace only", Array(" \n\t\r\n  \u{0C}".utf8), .empty),
    RefusedInput("a UTF-8 BOM and nothing else", [0xEF, 0xBB, 0xBF], .empty),
    RefusedInput("a UTF-8 BOM and newlines", [0xEF, 0xBB, 0xBF, 0x0A, 0x0A], .empty),
    RefusedInput("a UTF-16LE BOM and spaces", [0xFF, 0xFE, 0x20, 0x00, 0x0A, 0x00], .empty),
    RefusedInput("whitespace declared as UTF-16", [0x20, 0x00, 0x0A, 0x00], declared: "utf-16le", .empty),
    RefusedInput("a PNG file", pngHeader + [UInt8](repeating: 0x41, count: 64), .binary),
    RefusedInput("just a PNG signature", Array(pngHeader.prefix(8)), .binary),
    RefusedInput("a GIF", Array("GIF89a".utf8) + [0x10, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00], .binary),
    RefusedInput("a gzip stream", [0x1F, 0x8B, 0x08, 0x00, 0x12, 0x34, 0x56, 0x78, 0x00, 0x03], .binary),
    RefusedInput("a PDF", Array("%PDF-1.4\n%\u{E2}\u{E3}\n1 0 obj".utf8), .binary),
    RefusedInput("HTML with NUL bytes", Array("<html><body>".utf8) + [0, 0, 0, 0] + Array("x</body>".utf8), .binary),
    RefusedInput(
        "a PNG whose HTTP header says utf-16", pngHeader + [UInt8](repeating: 0x41, count: 64),
        declared: "utf-16", .binary),
]

@Suite("Bad input")
struct BadInputTests {
    @Test(arguments: refusedInputs)
    func refuses(_ input: RefusedInput) {
        let error = #expect(throws: HTMLError.self) {
            _ = try HTMLDocument(bytes: input.bytes, declaredCharset: input.declared)
        }
        #expect(error?.code == input.code)
        #expect(error.map { !$0.description.isEmpty } == true)
    }

    @Test func tooLargeIsRefusedBeforeParsing() throws {
        let page = Array("<p>\(String(repeating: "x", count: 93))</p>".utf8)
        #expect(page.count == 100)
        let error = #expect(throws: HTMLError.self) {
            _ = try HTMLDocument(bytes: page + [0x20], maximumBytes: 100)
        }
        #expect(error?.code == .tooLarge)
        #expect(error?.description.contains("101") == true)
        let exact = try HTMLDocument(bytes: page, maximumBytes: 100)
        #expect(try bodyText(exact).count == 93)
    }

    @Test func defaultLimitIsTwentyMebibytes() {
        #expect(HTMLDocument.defaultMaximumBytes == 20 * 1024 * 1024)
    }

    @Test func errorCodesAreDistinctAndDescribed() {
        let codes: [HTMLError.Code] = [
            .empty, .binary, .tooLarge, .unparseable, .invalidXPath, .xpathFailed, .unsupportedEncoding,
        ]
        #expect(Set(codes).count == codes.count)
        #expect(HTMLError(.empty, "x") == HTMLError(.empty, "x"))
        #expect(HTMLError(.empty, "x") != HTMLError(.binary, "x"))
    }

    @Test func aPageOfOnlyText() throws {
        let document = try parse("just some words,\n  no markup at all")
        let root = try #require(document.root)
        #expect(root.name == "html")
        #expect(root.text == "just some words, no markup at all")
        #expect(root.lineText == "just some words, no markup at all")
    }

    @Test func aCommentOnlyPageHasNoText() throws {
        let document = try parse("<!-- nothing here -->")
        #expect(document.root?.text ?? "" == "")
    }

    @Test func unclosedTags() throws {
        let document = try parse("<html><body><div><p>one<p>two<ul><li>a<li>b</ul><div>three")
        #expect(try bodyText(document) == "one\n\ntwo\n\na\nb\n\nthree")
        #expect(try document.nodes("//p").count == 2)
        #expect(try document.nodes("//li").map(\.lineText) == ["a", "b"])
    }

    @Test func strayClosingTags() throws {
        let document = try parse("</div></div><p>a</div>b</span></p></td><p>c</p></body></html></div>d")
        // Nothing is lost and nothing is reordered, whatever libxml2 makes of the stray end tags.
        #expect(try #require(document.root).text.filter { !$0.isWhitespace } == "abcd")
    }

    @Test func paragraphInsideTable() throws {
        let document = try parse("<table><p>stray</p><tr><td>cell 1</td><td>cell 2</td></tr></table><p>after</p>")
        let text = try bodyText(document)
        #expect(text.contains("stray"))
        #expect(text.contains("cell 1 cell 2"))
        #expect(text.hasSuffix("after"))
        #expect(try document.nodes("//td").map(\.lineText) == ["cell 1", "cell 2"])
    }

    @Test func garbageMarkup() throws {
        let document = try parse("<<<>>><p <p <div>>x</p>< / p><i>ok</i><a href=\"unterminated>link</a><b>bold")
        #expect(document.root != nil)
        let text = try bodyText(document)
        #expect(text.contains("x"))
        #expect(text.contains("ok"))
    }

    @Test func longTextNodeIsKept() throws {
        let long = String(repeating: "abcdefghij", count: 1_100_000)  // 11 MB, above libxml2's 10 MB text limit
        let document = try HTMLDocument(bytes: Array("<p>\(long)</p><p>end</p>".utf8))
        let paragraphs = try document.nodes("//p")
        #expect(paragraphs.count == 2)
        #expect(paragraphs.first?.rawText.utf8.count == long.utf8.count)
        #expect(paragraphs.last?.text == "end")
    }

    @Test func longAttributeAndNameAreKept() throws {
        let value = String(repeating: "v", count: 200_000)
        let name = "x" + String(repeating: "n", count: 60_000)
        let document = try parse("<p title=\"\(value)\">a</p><\(name)>b</\(name)><p>end</p>")
        #expect(try document.nodes("//p").first?.attribute("title")?.count == value.count)
        #expect(try bodyText(document).hasSuffix("end"))
    }
}

/// 100,000 nested elements: nothing may recurse per level (libxml2's parser stops at depth 256 unless told not to).
@Suite("Deep nesting")
struct DeepNestingTests {
    static let depth = 100_000

    static func deepPage(_ tag: String = "div", closed: Bool = true) -> [UInt8] {
        var page = "<html><body><p>before</p>"
        page.reserveCapacity(depth * (tag.count * 2 + 5) + 100)
        for _ in 0..<depth { page += "<\(tag)>" }
        page += "deep"
        if closed { for _ in 0..<depth { page += "</\(tag)>" } }
        page += "<p>after</p></body></html>"
        return Array(page.utf8)
    }

    @Test func nestedDivsParseCompletely() throws {
        let document = try HTMLDocument(bytes: Self.deepPage())
        #expect(try document.evaluate("count(//div)").string == "\(Self.depth)")
        let divs = try document.nodes("//div")
        #expect(divs.count == Self.depth)
        #expect(divs.last?.innerHTML.prefix(100) == "deep")
        #expect(try document.nodes("//*").count == Self.depth + 4)  // html, body, two p
        #expect(try document.nodes("/html/body//div").count == Self.depth)
        #expect(try document.nodes("//div[not(div)]").map { $0.innerHTML.prefix(100) } == ["deep"])
        #expect(try document.nodes("//p").map(\.text) == ["before", "after"])
        #expect(try bodyText(document) == "before\n\ndeep\n\nafter")
        #expect(try document.nodes("//body").first?.lineText == "before deep after")
        #expect(try document.nodes("//body").first?.rawText == "beforedeepafter")
    }

    @Test func innerHTMLOfADeepTree() throws {
        let document = try HTMLDocument(bytes: Self.deepPage())
        let body = try #require(try document.nodes("//body").first)
        let html = body.innerHTML
        #expect(html.hasPrefix("<p>before</p><div><div>"))
        #expect(html.hasSuffix("</div></div><p>after</p>"))
        #expect(html.utf8.count == "<p>before</p>".utf8.count + Self.depth * 11 + 4 + "<p>after</p>".utf8.count)
        let first = try #require(try document.nodes("//div").first)
        #expect(first.outerHTML.utf8.count == Self.depth * 11 + 4)
    }

    @Test func deepUnclosedInlineElements() throws {
        let document = try HTMLDocument(bytes: Self.deepPage("b", closed: false))
        let text = try bodyText(document)
        #expect(text.hasPrefix("before"))
        #expect(text.contains("deep"))
        #expect(text.hasSuffix("after"))
        #expect(try document.evaluate("count(//b)").string == "\(Self.depth)")
    }

    @Test func deepTreeAncestorsAndOrder() throws {
        let document = try HTMLDocument(bytes: Self.deepPage())
        let divs = try document.nodes("//div")
        let innermost = try #require(divs.last)
        #expect(innermost.innerHTML.prefix(100) == "deep")
        #expect(try innermost.nodes("ancestor::div").count == Self.depth - 1)
        #expect(innermost.ancestor(named: "body")?.name == "body")
        #expect(divs[0].precedes(innermost))
        #expect(!innermost.precedes(divs[0]))
    }
}
