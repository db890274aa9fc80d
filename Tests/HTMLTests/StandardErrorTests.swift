import HTML
import Testing

/// libxml2 reports some problems through its process-wide error channel (stderr) unless told otherwise;
/// the HTML layer must keep every one of them out of a user's terminal.
@Suite("Nothing reaches stderr", .serialized)
struct StandardErrorTests {
    @Test func captureWorks() throws {
        let captured = try capturingStandardError { writeToStandardError("sentinel line\n") }
        #expect(foreignLines(captured) == ["sentinel line"])
    }

    @Test func badXPathIsSilent() throws {
        let document = try parse("<p class=x>x</p>")
        let expressions = [
            "//div[", "//a[@href='x]", "count(", "ends-with(., 'x')", "fn:string(.)", "x:y()", "$v", "$p:v",
            "//x:div", "//p[unknown-function()]", "1 +", "@@", "count('a')", "1 | 2", "count()",
            String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
        ]
        let captured = try capturingStandardError {
            for expression in expressions {
                #expect(throws: HTMLError.self) { _ = try document.nodes(expression) }
            }
        }
        #expect(foreignLines(captured) == [])
    }

    @Test func malformedPagesAreSilent() throws {
        let pages: [([UInt8], String?)] = [
            (Array("<p>a</div><table><p>x</table><b><i>y</b></i>&bogus; &#xFFFFFFFF; <!-- unclosed".utf8), nil),
            (Array("<meta charset=utf-8><p>".utf8) + bytes("caf\u{E9} \u{FF}\u{FE}") + Array("</p>".utf8), nil),
            (Array("<p>".utf8) + [0xC3] + Array("</p>".utf8), "utf-8"),
            (bytes("<meta charset=shift_jis><p>") + [0x93, 0xFA, 0x85, 0x40, 0xFF, 0xFF] + bytes("</p>"), nil),
            (bytes("<p>") + [0xB1, 0x80], "iso-8859-2"),
            ([0xFF, 0xFE] + utf16("<p>odd", bigEndian: false) + [0x41], nil),
            ([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], nil),  // unpaired surrogate
            (Array("<p>\u{1}\u{2}\u{7F} control</p>".utf8), nil),
            (Array("<p x=\"\u{1B}\">&#0;&#x1;&#xD800;</p>".utf8), nil),
        ]
        let captured = try capturingStandardError {
            for (page, charset) in pages {
                do {
                    _ = try parse(page, charset: charset).root?.text
                } catch {
                    Issue.record("page refused: \(error)")
                }
            }
        }
        #expect(foreignLines(captured) == [])
    }
}
