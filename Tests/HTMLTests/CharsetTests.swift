import HTML
import Testing

/// One row of the detection table: the bytes, the HTTP charset, and what must win.
struct DetectionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let declared: String?
    let encoding: String
    let source: String
    var testDescription: String { name }
}

private let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
private let page = "<html><head><title>t</title></head><body><p>plain ascii</p></body></html>"

private let detectionCases: [DetectionCase] = [
    DetectionCase(
        name: "HTTP charset beats <meta charset>",
        bytes: Array("<meta charset=\"iso-8859-1\">\(page)".utf8), declared: "utf-8",
        encoding: "UTF-8", source: "http"),
    DetectionCase(
        name: "HTTP charset beats a UTF-8 BOM",
        bytes: utf8BOM + Array(page.utf8), declared: "windows-1252",
        encoding: "windows-1252", source: "http"),
    DetectionCase(
        name: "HTTP charset given as a whole Content-Type value",
        bytes: Array(page.utf8), declared: "text/html; charset=\"ISO-8859-1\"",
        encoding: "windows-1252", source: "http"),
    DetectionCase(
        name: "UTF-8 BOM beats <meta charset>",
        bytes: utf8BOM + Array("<meta charset=windows-1252>\(page)".utf8), declared: nil,
        encoding: "UTF-8", source: "bom"),
    DetectionCase(
        name: "UTF-16LE BOM beats <meta charset>",
        bytes: [0xFF, 0xFE] + utf16("<meta charset=utf-8>\(page)", bigEndian: false), declared: nil,
        encoding: "UTF-16LE", source: "bom"),
    DetectionCase(
        name: "UTF-16BE BOM",
        bytes: [0xFE, 0xFF] + utf16(page, bigEndian: true), declared: nil,
        encoding: "UTF-16BE", source: "bom"),
    DetectionCase(
        name: "<meta charset=utf-8> unquoted",
        bytes: bytes("<meta charset=utf-8><p>caf\u{E9}</p>"), declared: nil,
        encoding: "UTF-8", source: "meta"),
    DetectionCase(
        name: "<meta charset=\"ISO-8859-1\"> means windows-1252",
        bytes: Array("<META CHARSET=\"ISO-8859-1\">\(page)".utf8), declared: nil,
        encoding: "windows-1252", source: "meta"),
    DetectionCase(
        name: "http-equiv Content-Type windows-1252",
        bytes: Array(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\(page)".utf8),
        declared: nil, encoding: "windows-1252", source: "meta"),
    DetectionCase(
        name: "content='text/html;charset=Shift_JIS'",
        bytes: Array("<meta http-equiv='Content-Type' content='text/html;charset=Shift_JIS'>\(page)".utf8),
        declared: nil, encoding: "Shift_JIS", source: "meta"),
    DetectionCase(
        name: "no declaration, valid UTF-8",
        bytes: Array("<p>caf\u{E9} \u{201C}q\u{201D}</p>".utf8), declared: nil,
        encoding: "UTF-8", source: "utf-8"),
    DetectionCase(
        name: "no declaration, byte E9",
        bytes: bytes("<p>caf\u{E9}</p>"), declared: nil,
        encoding: "windows-1252", source: "fallback"),
    DetectionCase(
        name: "bogus label charset=foo<script> is ignored",
        bytes: Array("<meta charset=foo<script>alert(1)</script>\(page)".utf8), declared: nil,
        encoding: "UTF-8", source: "utf-8"),
    DetectionCase(
        name: "unknown meta label is ignored",
        bytes: bytes("<meta charset=\"x-klingon\"><p>caf\u{E9}</p>"), declared: nil,
        encoding: "windows-1252", source: "fallback"),
    DetectionCase(
        name: "unknown HTTP label is ignored, meta decides",
        bytes: Array("<meta charset=\"iso-8859-2\">\(page)".utf8), declared: "x-klingon",
        encoding: "ISO-8859-2", source: "meta"),
    DetectionCase(
        name: "HTTP label with markup in it is ignored",
        bytes: Array(page.utf8), declared: "utf-8<script>",
        encoding: "UTF-8", source: "utf-8"),
    DetectionCase(
        name: "<meta charset=utf-16> on an ASCII page means UTF-8",
        bytes: Array("<meta charset=\"utf-16\">\(page)".utf8), declared: nil,
        encoding: "UTF-8", source: "meta"),
    DetectionCase(
        name: "a charset mentioned outside a meta tag is not a declaration",
        bytes: bytes("<p>charset=utf-8</p><p>caf\u{E9}</p>"), declared: nil,
        encoding: "windows-1252", source: "fallback"),
    DetectionCase(
        name: "meta with charset attribute after other attributes, self-closed",
        bytes: Array("<meta name=x charset='UTF-8'/>\(page)".utf8), declared: nil,
        encoding: "UTF-8", source: "meta"),
]

@Suite("Charset detection")
struct CharsetDetectionTests {
    @Test(arguments: detectionCases)
    func detects(_ row: DetectionCase) {
        let detection = Charset.detect(row.bytes, declared: row.declared)
        #expect(detection.encoding == row.encoding)
        #expect(detection.source == row.source)
    }

    @Test(arguments: [
        ("utf-8", "UTF-8"), ("UTF8", "UTF-8"), ("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"),
        ("us-ascii", "windows-1252"), ("cp1252", "windows-1252"), ("\"windows-1252\"", "windows-1252"),
        ("shift_jis", "Shift_JIS"), ("x-sjis", "Shift_JIS"), ("iso-8859-2", "ISO-8859-2"),
        ("windows-1251", "windows-1251"), ("koi8-r", "KOI8-R"), ("gb2312", "GBK"), ("euc-jp", "EUC-JP"),
    ])
    func normalisesLabels(_ label: String, _ expected: String) {
        #expect(Charset.normalise(label) == expected)
    }

    @Test(arguments: [
        ([0x41, 0xC3, 0xA9, 0xE2, 0x80, 0x9C, 0xF0, 0x9F, 0x98, 0x80], true),  // A é “ 😀
        ([], true),
        ([0xC0, 0x80], false),  // overlong NUL
        ([0xE0, 0x80, 0x80], false),  // overlong
        ([0xED, 0xA0, 0x80], false),  // a UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], false),  // above U+10FFFF
        ([0xE2, 0x80], false),  // truncated
        ([0x80], false),  // lone continuation byte
        ([0xE9, 0x41], false),  // latin-1 é
    ] as [([UInt8], Bool)])
    func validatesUTF8(_ bytes: [UInt8], _ valid: Bool) {
        #expect(Charset.isValidUTF8(bytes) == valid)
    }

    @Test(arguments: ["", "   ", "foo<script>", "x-klingon", "utf-8\"><script>", String(repeating: "a", count: 100)])
    func rejectsBogusLabels(_ label: String) {
        #expect(Charset.normalise(label) == nil)
    }
}

/// Bytes in an encoding, and the text `<body>` must come out as.
struct DecodingCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let declared: String?
    let text: String
    var testDescription: String { name }
}

private let decodingCases: [DecodingCase] = [
    DecodingCase(
        name: "undeclared windows-1252",
        bytes: bytes("<p>caf\u{E9} \u{93}quoted\u{94} \u{80}5 na\u{EF}ve</p>"), declared: nil,
        text: "café “quoted” €5 naïve"),
    DecodingCase(
        name: "latin-1 declared, bytes hold UTF-8 quotes too",
        bytes: bytes("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>caf\u{E9} ")
            + Array("“quoted” it’s".utf8) + bytes(" \u{93}cp\u{94}</p>"),
        declared: nil, text: "café “quoted” it’s “cp”"),
    DecodingCase(
        name: "HTTP windows-1252 beats meta utf-8",
        bytes: bytes("<meta charset=utf-8><p>caf\u{E9}</p>"), declared: "windows-1252", text: "café"),
    DecodingCase(
        name: "HTTP utf-8 beats meta latin-1",
        bytes: Array("<meta charset=iso-8859-1><p>café “q”</p>".utf8), declared: "utf-8", text: "café “q”"),
    DecodingCase(
        name: "UTF-8 BOM leaves no U+FEFF behind",
        bytes: utf8BOM + Array("<p>café</p>".utf8), declared: nil, text: "café"),
    DecodingCase(
        name: "UTF-16LE with BOM",
        bytes: [0xFF, 0xFE] + utf16("<html><body><p>héllo € 日本</p></body></html>", bigEndian: false),
        declared: nil, text: "héllo € 日本"),
    DecodingCase(
        name: "UTF-16BE with BOM",
        bytes: [0xFE, 0xFF] + utf16("<html><body><p>héllo € 日本</p></body></html>", bigEndian: true),
        declared: nil, text: "héllo € 日本"),
    DecodingCase(
        name: "Shift_JIS from http-equiv",
        bytes: bytes("<meta http-equiv='Content-Type' content='text/html;charset=Shift_JIS'><p>")
            + [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA] + bytes(" ok</p>"),
        declared: nil, text: "日本語 ok"),
    DecodingCase(
        name: "ISO-8859-2 from meta",
        bytes: bytes("<meta charset=iso-8859-2><p>\u{B1}\u{E6}\u{EA} Za\u{BF}\u{F3}\u{B3}\u{E6}</p>"), declared: nil,
        text: "ąćę Zażółć"),
    DecodingCase(
        name: "windows-1251 from HTTP",
        bytes: bytes("<p>\u{CF}\u{F0}\u{E8}\u{E2}\u{E5}\u{F2}</p>"), declared: "windows-1251", text: "Привет"),
    DecodingCase(
        name: "declared UTF-8 with a stray latin-1 byte: the rest of the page stays UTF-8",
        bytes: Array("<meta charset=utf-8><p>".utf8) + bytes("caf\u{E9}") + Array(" naïve “q”</p>".utf8),
        declared: nil, text: "café naïve “q”"),
    DecodingCase(
        name: "undeclared, mostly UTF-8 with one invalid byte",
        bytes: Array("<p>naïve “q” ".utf8) + [0xFF] + Array(" end</p>".utf8), declared: nil,
        text: "naïve “q” ÿ end"),
    DecodingCase(
        name: "unsupported HTTP charset falls back to detection",
        bytes: Array("<p>naïve</p>".utf8), declared: "x-klingon", text: "naïve"),
    DecodingCase(
        name: "entities decode whatever the encoding",
        bytes: bytes("<p>&eacute;&#233;&#xE9;&amp;&lt;&gt;&quot;&#8220;x&#8221; caf\u{E9}</p>"), declared: nil,
        text: "ééé&<>\"“x” café"),
]

@Suite("Charset decoding")
struct CharsetDecodingTests {
    @Test(arguments: decodingCases)
    func decodes(_ row: DecodingCase) throws {
        let document = try parse(row.bytes, charset: row.declared)
        let text = try bodyText(document)
        #expect(text == row.text)
        #expect(!text.contains("\u{FEFF}"))
    }

    @Test func detectionIsRecordedOnTheDocument() throws {
        let document = try parse(bytes("<p>caf\u{E9}</p>"))
        #expect(document.charset == Charset.Detection(encoding: "windows-1252", source: "fallback"))
        let declared = try parse(Array("<p>x</p>".utf8), charset: "UTF-8")
        #expect(declared.charset.source == "http")
    }

    @Test func invalidShiftJISBytesKeepTheRestOfThePage() throws {
        // 0x85 0x40 is unassigned in Shift_JIS; a decoder that stops there loses the rest of the page.
        let page = bytes("<meta charset=shift_jis><p>") + [0x93, 0xFA, 0x85, 0x40, 0x96, 0x7B]
            + bytes(" tail</p><p>second</p>")
        let document = try parse(page)
        let text = try bodyText(document)
        #expect(text.hasPrefix("日"))
        #expect(text.contains("本 tail"))
        #expect(text.hasSuffix("second"))
    }

    @Test func truncatedUTF16KeepsWhatItHas() throws {
        let page = [0xFF, 0xFE] + utf16("<p>odd</p><p>x", bigEndian: false) + [0x41]
        let document = try parse(page)
        #expect(try bodyText(document).hasPrefix("odd"))
    }
}
