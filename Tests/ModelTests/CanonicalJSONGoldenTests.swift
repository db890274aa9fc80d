import Foundation
import Model
import Testing
import TestSupport

/// Pins the exact bytes of `CanonicalJSON`: snapshot hashes are taken over them, so any change here is a
/// change of every archive hash and must be deliberate.
@Suite("Canonical JSON: golden bytes")
struct CanonicalJSONGoldenTests {
    // MARK: - Whole documents

    /// A thread with a post and a nested comment: nil fields, quotes, backslash, slash, control characters,
    /// é, an emoji, U+2028 and a right-to-left override, all inside sorted objects and arrays.
    static let thread: Discussion = {
        let comment = Post(position: 2, depth: 1, isHidden: true)
        let post = Post(
            id: "p/1", position: 1, author: Author(name: "Zoë \u{1F600}", postCount: 20156),
            published: Timestamp(iso: "2025-06-16T15:17:00Z", text: "Mon Jun 16, 2025, 11:17 AM"),
            html: "<p class=\"q\">a\\b</p>", text: "line\u{2028}next\u{202E}rtl\ttab\u{0}nul\u{1F}\u{7F}",
            links: ["https://example.com/a?b=c&d=e"], counts: Counts(recommendations: 30), comments: [comment])
        return Discussion(
            site: "du", id: "100220384040", title: "Say \"hi\" / bye", forum: ["Latest", "Général"],
            story: Story(url: "https://www.example.com/a?ref=x", canonical: "https://example.com/a"),
            counts: Counts(replies: 12, views: nil, recommendations: 30), posts: [post])
    }()

    @Test func threadCompactBytes() throws {
        let expected =
            #"{"counts":{"recommendations":30,"replies":12,"score":null,"views":null},"#
            + #""forum":["Latest","Général"],"id":"100220384040","kind":"thread","#
            + #""pages":{"current":null,"last":null,"lastUrl":null,"next":null},"#
            + #""posts":[{"author":{"name":"Zoë 😀","postCount":20156,"url":null},"#
            + #""comments":[{"author":{"name":null,"postCount":null,"url":null},"comments":[],"#
            + #""counts":{"recommendations":null,"replies":null,"score":null,"views":null},"depth":1,"#
            + #""edited":null,"editedText":null,"hidden":true,"html":null,"id":null,"links":[],"parent":null,"#
            + #""position":2,"published":null,"publishedApproximate":false,"publishedText":null,"text":null,"#
            + #""title":null}],"counts":{"recommendations":30,"replies":null,"score":null,"views":null},"#
            + #""depth":null,"edited":null,"editedText":null,"hidden":false,"html":"<p class=\"q\">a\\b</p>","#
            + #""id":"p/1","links":["https://example.com/a?b=c&d=e"],"parent":null,"position":1,"#
            + #""published":"2025-06-16T15:17:00Z","publishedApproximate":false,"#
            + #""publishedText":"Mon Jun 16, 2025, 11:17 AM","#
            + #""text":"line\#u{2028}next\#u{202E}rtl\ttab\u0000nul\u001f\#u{7F}","title":null}],"#
            + #""profile":null,"site":"du","#
            + #""story":{"canonical":"https://example.com/a","url":"https://www.example.com/a?ref=x"},"#
            + #""title":"Say \"hi\" / bye","url":null}"#
        let bytes = try CanonicalJSON.bytes(Self.thread)
        #expect(bytes == Array(expected.utf8), "\(String(decoding: bytes, as: UTF8.self))")
        #expect(try CanonicalJSON.encode(Self.thread) == Data(bytes))
        // The line and paragraph separators and the RTL override are raw UTF-8, not \u escapes.
        #expect(bytes.contains(subsequence: [0xE2, 0x80, 0xA8]))
        #expect(bytes.contains(subsequence: [0xE2, 0x80, 0xAE]))
        #expect(!bytes.contains(subsequence: Array(#"\u20"#.utf8)))
    }

    @Test func threadPrettyBytes() throws {
        let thread = Discussion(
            title: "é \"q\"", forum: ["a"], counts: Counts(replies: 1),
            posts: [Post(position: 1, links: ["https://x/y"], comments: [])])
        let expected = """
            {
              "counts": {
                "recommendations": null,
                "replies": 1,
                "score": null,
                "views": null
              },
              "forum": [
                "a"
              ],
              "id": null,
              "kind": "thread",
              "pages": {
                "current": null,
                "last": null,
                "lastUrl": null,
                "next": null
              },
              "posts": [
                {
                  "author": {
                    "name": null,
                    "postCount": null,
                    "url": null
                  },
                  "comments": [],
                  "counts": {
                    "recommendations": null,
                    "replies": null,
                    "score": null,
                    "views": null
                  },
                  "depth": null,
                  "edited": null,
                  "editedText": null,
                  "hidden": false,
                  "html": null,
                  "id": null,
                  "links": [
                    "https://x/y"
                  ],
                  "parent": null,
                  "position": 1,
                  "published": null,
                  "publishedApproximate": false,
                  "publishedText": null,
                  "text": null,
                  "title": null
                }
              ],
              "profile": null,
              "site": null,
              "story": null,
              "title": "é \\"q\\"",
              "url": null
            }
            """
        let data = try CanonicalJSON.encodePretty(thread)
        #expect(Array(data) == Array(expected.utf8), "\(String(decoding: data, as: UTF8.self))")
    }

    @Test func prettyNestingAndEmptyContainers() throws {
        let value = Nested()
        #expect(
            try CanonicalJSON.bytes(value)
                == Array(#"{"a":[1,[],{},[2,[3]]],"b":{"c":null,"d":{}},"e":[]}"#.utf8))
        let expected = """
            {
              "a": [
                1,
                [],
                {},
                [
                  2,
                  [
                    3
                  ]
                ]
              ],
              "b": {
                "c": null,
                "d": {}
              },
              "e": []
            }
            """
        #expect(Array(try CanonicalJSON.encodePretty(value)) == Array(expected.utf8))
        #expect(try CanonicalJSON.bytes([Int]()) == Array("[]".utf8))
        #expect(try CanonicalJSON.bytes([String: Int]()) == Array("{}".utf8))
        #expect(Array(try CanonicalJSON.encodePretty([String: [Int]]())) == Array("{}".utf8))
        #expect(Array(try CanonicalJSON.encodePretty("top")) == Array(#""top""#.utf8))
    }

    // MARK: - Strings

    @Test(arguments: [
        ("\"", #""\"""#), ("\\", #""\\""#), ("/", #""/""#), ("'", #""'""#),
        ("\u{0}", #""\u0000""#), ("\u{1}", #""\u0001""#), ("\u{8}", #""\b""#), ("\t", #""\t""#),
        ("\n", #""\n""#), ("\u{B}", #""\u000b""#), ("\u{C}", #""\f""#), ("\r", #""\r""#),
        ("\u{1A}", #""\u001a""#), ("\u{1F}", #""\u001f""#), (" ", #"" ""#), ("\u{7F}", "\"\u{7F}\""),
        ("é", "\"é\""), ("e\u{301}", "\"e\u{301}\""), ("😀", "\"😀\""),
        ("\u{2028}", "\"\u{2028}\""), ("\u{2029}", "\"\u{2029}\""), ("\u{202E}", "\"\u{202E}\""),
        ("a\"b\\c\n", #""a\"b\\c\n""#),
    ])
    func stringEscaping(input: String, expected: String) throws {
        #expect(try CanonicalJSON.bytes(input) == Array(expected.utf8))
        #expect(try CanonicalJSON.bytes([input: 1]) == Array("{\(expected):1}".utf8), "keys are escaped the same way")
    }

    @Test func decomposedTextIsNotNormalised() throws {
        let bytes = try CanonicalJSON.bytes("e\u{301}")
        #expect(bytes == [0x22, 0x65, 0xCC, 0x81, 0x22])
    }

    // MARK: - Keys

    @Test func keysAreSortedByUTF8Bytes() throws {
        let keys = ["a", "Z", "z", "é", "ab", "", "b", "aa", "_", "~", "0", "A", "ä", "\u{1F600}", "\u{FFFD}"]
        let value = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        // By UTF-16 code units (as RFC 8785 sorts), 😀 would come before U+FFFD; by UTF-8 bytes it comes after.
        let expected =
            #"{"":5,"0":10,"A":11,"Z":1,"_":8,"a":0,"aa":7,"ab":4,"b":6,"z":2,"~":9,"#
            + #""ä":12,"é":3,"\#u{FFFD}":14,"😀":13}"#
        #expect(try CanonicalJSON.bytes(value) == Array(expected.utf8))
    }

    @Test func canonicallyEquivalentKeysStayApartInByteOrder() throws {
        // "e" + U+0301 (65 CC 81) and "é" (C3 A9) are equal Swift strings, but distinct keys by bytes.
        let value = Members([("\u{E9}", .int(1)), ("e\u{301}", .int(2))])
        #expect(try CanonicalJSON.bytes(value) == Array("{\"e\u{301}\":2,\"\u{E9}\":1}".utf8))
    }

    @Test func aKeyEncodedTwiceKeepsTheLastValue() throws {
        let value = Members([("b", .int(1)), ("a", .int(2)), ("b", .text("last")), ("c", .null), ("a", .int(3))])
        #expect(try CanonicalJSON.bytes(value) == Array(#"{"a":3,"b":"last","c":null}"#.utf8))
        #expect(try CanonicalJSON.bytes(TwoContainers()) == Array(#"{"base":1,"own":3}"#.utf8))
    }

    // MARK: - Numbers

    @Test func integersOfEveryWidth() throws {
        let expected =
            "[-128,127,-32768,32767,-2147483648,2147483647,-9223372036854775808,9223372036854775807,"
            + "-9223372036854775808,9223372036854775807,0,255,65535,4294967295,18446744073709551615,"
            + "18446744073709551615,-170141183460469231731687303715884105728,"
            + "340282366920938463463374607431768211455,0,-1]"
        #expect(try CanonicalJSON.bytes(Integers()) == Array(expected.utf8))
        let ints = try CanonicalJSON.bytes([Int.min, Int.max])
        #expect(ints == Array("[-9223372036854775808,9223372036854775807]".utf8))
    }

    @Test(arguments: [
        (0.1, "0.1"), (1.0, "1"), (-1.0, "-1"), (0.0, "0"), (-0.0, "0"), (1.5, "1.5"), (-2.5e-10, "-2.5e-10"),
        (1e300, "1e+300"), (1e-5, "1e-05"), (0.0001, "0.0001"), (123.456, "123.456"), (1e15, "1000000000000000"),
        (9_007_199_254_740_991.0, "9007199254740991"), (-9_007_199_254_740_991.0, "-9007199254740991"),
        (9_007_199_254_740_992.0, "9007199254740992.0"), (1e16, "1e+16"), (1.5e20, "1.5e+20"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"), (Double.leastNonzeroMagnitude, "5e-324"),
        (2.0 / 3.0, "0.6666666666666666"),
    ])
    func doubles(value: Double, expected: String) throws {
        let bytes = try CanonicalJSON.bytes([value])
        #expect(bytes == Array("[\(expected)]".utf8))
        // Valid JSON that reads back as the same number (-0.0 as 0.0, which it equals).
        let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [Any]
        #expect(parsed?.count == 1)
        #expect(try JSONDecoder().decode([Double].self, from: Data(bytes)) == [value])
    }

    @Test func floatsUseTheirOwnShortestDigits() throws {
        let values: [Float] = [0.1, 1, -0.0, 16_777_216, 1e30, 3.4028235e38, 1e-7]
        #expect(try CanonicalJSON.bytes(values) == Array("[0.1,1,0,16777216,1e+30,3.4028235e+38,1e-07]".utf8))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, .signalingNaN])
    func nonFiniteNumbersThrow(value: Double) throws {
        let error = try #require(throws: EncodingError.self) { try CanonicalJSON.bytes(["x": [1, value]]) }
        guard case .invalidValue(_, let context) = error else {
            Issue.record("expected invalidValue, got \(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["x", "1"])
        #expect(throws: EncodingError.self) { try CanonicalJSON.encodePretty(value) }
        #expect(throws: EncodingError.self) { try CanonicalJSON.bytes([Float(value)]) }
        #expect(throws: EncodingError.self) { try CanonicalJSON.bytes(Members([("d", .double(value))])) }
    }

    // MARK: - Optionals, containers, Foundation values

    @Test func nilIsNullAndEncodeIfPresentOmitsTheKey() throws {
        #expect(try CanonicalJSON.bytes(Optionals(value: nil)) == Array(#"{"explicit":null,"null":null}"#.utf8))
        #expect(
            try CanonicalJSON.bytes(Optionals(value: "v"))
                == Array(#"{"explicit":"v","ifPresent":"v","null":null}"#.utf8))
        #expect(try CanonicalJSON.bytes([Int?.none, 1]) == Array("[null,1]".utf8))
        #expect(try CanonicalJSON.bytes(String?.none) == Array("null".utf8))
    }

    @Test func nestedContainersAndSuperEncoders() throws {
        let expected =
            #"{"inner":{"k":"v","list":[true,{"deep":1.5}]},"list":[[],{"x":1},{"s":2}],"#
            + #""mine":{"from":"superEncoder(forKey:)"},"super":{"from":"superEncoder()"},"unused":{}}"#
        #expect(try CanonicalJSON.bytes(Containers()) == Array(expected.utf8))
    }

    @Test func aValueThatEncodesNothing() throws {
        #expect(throws: EncodingError.self) { try CanonicalJSON.bytes(Nothing()) }
        #expect(try CanonicalJSON.bytes([Nothing()]) == Array("[{}]".utf8))
    }

    @Test func foundationValues() throws {
        let url = try #require(URL(string: "https://example.com/a/b?q=1&r=%C3%A9"))
        #expect(try CanonicalJSON.bytes([url]) == Array("[\"\(url.absoluteString)\"]".utf8))
        #expect(try CanonicalJSON.bytes(["d": Data([0, 1, 2, 250])]) == Array(#"{"d":"AAEC+g=="}"#.utf8))
        let data = try CanonicalJSON.encode(["d": Data([9, 8])])
        #expect(try JSONDecoder().decode([String: Data].self, from: data) == ["d": Data([9, 8])])
    }

    // MARK: - Reading it back

    @Test func threadRoundTripsByteForByte() throws {
        let data = try CanonicalJSON.encode(Self.thread)
        let decoded = try JSONDecoder().decode(Discussion.self, from: data)
        #expect(decoded == Self.thread)
        #expect(try CanonicalJSON.encode(decoded) == data)
        let fromPretty = try JSONDecoder().decode(Discussion.self, from: CanonicalJSON.encodePretty(Self.thread))
        #expect(fromPretty == Self.thread)
        let pageData = try CanonicalJSON.encode(ExtractedPage.thread(Self.thread))
        let page = try JSONDecoder().decode(ExtractedPage.self, from: pageData)
        #expect(page == .thread(Self.thread))
    }

    @Test func outputParsesWithJSONSerialization() throws {
        let compact = try JSONSerialization.jsonObject(with: CanonicalJSON.encode(Self.thread)) as? NSDictionary
        let pretty = try JSONSerialization.jsonObject(with: CanonicalJSON.encodePretty(Self.thread)) as? NSDictionary
        let object = try #require(compact)
        #expect(object == pretty)
        let posts = try #require(object["posts"] as? [[String: Any]])
        #expect(posts.first?["text"] as? String == Self.thread.posts.first?.text)
        #expect((posts.first?["author"] as? [String: Any])?["name"] as? String == "Zoë \u{1F600}")
    }

    @Test func randomStringsReadBackExactly() throws {
        var random = SeededGenerator(seed: 0x5EED)
        // ASCII, control characters, two-byte letters, separators and bidi controls, the BMP's top, emoji.
        let ranges: [ClosedRange<UInt32>] = [
            0...0x7F, 0...0x1F, 0x80...0x7FF, 0x2000...0x206F, 0xE000...0xFFFF, 0x1F300...0x1F6FF,
        ]
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 40) {
                let range = ranges[Int(random.next() % UInt64(ranges.count))]
                let value = range.lowerBound + UInt32(random.next() % UInt64(range.count))
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            let text = String(scalars)
            let data = try CanonicalJSON.encode([text: [text]])
            let decoded = try JSONDecoder().decode([String: [String]].self, from: data)
            let (key, values) = try #require(decoded.first)
            #expect(key.utf8.elementsEqual(text.utf8))
            #expect(values.count == 1 && values[0].utf8.elementsEqual(text.utf8))
        }
    }
}

// MARK: - Values with hand-written encodings


private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// An object whose members are encoded in the order given, keys exactly as given.
private struct Members: Encodable {
    enum Value { case int(Int), text(String), double(Double), null }
    var members: [(String, Value)]

    init(_ members: [(String, Value)]) {
        self.members = members
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in members {
            switch value {
            case .int(let number): try container.encode(number, forKey: Key(name))
            case .text(let text): try container.encode(text, forKey: Key(name))
            case .double(let number): try container.encode(number, forKey: Key(name))
            case .null: try container.encodeNil(forKey: Key(name))
            }
        }
    }
}

/// Asks its encoder for a keyed container twice, as a subclass encoding after its superclass does.
private struct TwoContainers: Encodable {
    func encode(to encoder: any Encoder) throws {
        var first = encoder.container(keyedBy: Key.self)
        try first.encode(1, forKey: Key("base"))
        try first.encode(2, forKey: Key("own"))
        var second = encoder.container(keyedBy: Key.self)
        try second.encode(3, forKey: Key("own"))
    }
}

private struct Integers: Encodable {
    func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(Int8.min)
        try c.encode(Int8.max)
        try c.encode(Int16.min)
        try c.encode(Int16.max)
        try c.encode(Int32.min)
        try c.encode(Int32.max)
        try c.encode(Int64.min)
        try c.encode(Int64.max)
        try c.encode(Int.min)
        try c.encode(Int.max)
        try c.encode(UInt8.min)
        try c.encode(UInt8.max)
        try c.encode(UInt16.max)
        try c.encode(UInt32.max)
        try c.encode(UInt64.max)
        try c.encode(UInt.max)
        try c.encode(Int128.min)
        try c.encode(UInt128.max)
        try c.encode(UInt(0))
        try c.encode(Int(-1))
    }
}

private struct Optionals: Encodable {
    var value: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(value, forKey: Key("explicit"))
        try c.encodeIfPresent(value, forKey: Key("ifPresent"))
        try c.encodeNil(forKey: Key("null"))
    }
}

private struct Nested: Encodable {
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        var a = c.nestedUnkeyedContainer(forKey: Key("a"))
        try a.encode(1)
        _ = a.nestedUnkeyedContainer()
        _ = a.nestedContainer(keyedBy: Key.self)
        var inner = a.nestedUnkeyedContainer()
        try inner.encode(2)
        try inner.encode([3])
        var b = c.nestedContainer(keyedBy: Key.self, forKey: Key("b"))
        try b.encodeNil(forKey: Key("c"))
        try b.encode([String: Int](), forKey: Key("d"))
        try c.encode([Int](), forKey: Key("e"))
    }
}

private struct Containers: Encodable {
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        var inner = c.nestedContainer(keyedBy: Key.self, forKey: Key("inner"))
        try inner.encode("v", forKey: Key("k"))
        var innerList = inner.nestedUnkeyedContainer(forKey: Key("list"))
        try innerList.encode(true)
        var deep = innerList.nestedContainer(keyedBy: Key.self)
        try deep.encode(1.5, forKey: Key("deep"))

        var list = c.nestedUnkeyedContainer(forKey: Key("list"))
        _ = list.nestedUnkeyedContainer()
        try list.encode(["x": 1])
        let listSuper = list.superEncoder()
        var listSuperContainer = listSuper.container(keyedBy: Key.self)
        try listSuperContainer.encode(2, forKey: Key("s"))

        // Written to after it was placed: the value is read when the tree is written.
        let superEncoder = c.superEncoder()
        let mine = c.superEncoder(forKey: Key("mine"))
        _ = c.superEncoder(forKey: Key("unused"))
        var superContainer = superEncoder.singleValueContainer()
        try superContainer.encode(["from": "superEncoder()"])
        var mineContainer = mine.container(keyedBy: Key.self)
        try mineContainer.encode("superEncoder(forKey:)", forKey: Key("from"))
    }
}

private struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

extension Array where Element: Equatable {
    fileprivate func contains(subsequence: [Element]) -> Bool {
        guard !subsequence.isEmpty, subsequence.count <= count else { return subsequence.isEmpty }
        return (0...(count - subsequence.count)).contains { Array(self[$0..<($0 + subsequence.count)]) == subsequence }
    }
}
