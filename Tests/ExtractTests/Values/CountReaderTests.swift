import Extract
import Testing

@Suite("CountReader")
struct CountReaderTests {
    static let cases: [(String, Int?)] = [
        // as pages show them
        ("(20,156 posts)", 20156),
        ("(12,143 posts)", 12143),
        ("Beiträge: 1.626", 1626),
        ("22K", 22000),
        ("22K views", 22000),
        ("1.2k", 1200),
        ("1,2k", 1200),
        ("1.5 k", 1500),
        ("3.4M", 3_400_000),
        ("2.5B", 2_500_000_000),
        ("1.2345k", 1234),
        ("-1.2k", -1200),
        ("100 comments", 100),
        ("100&nbsp;comments", 100),
        ("100\u{00A0}comments", 100),
        ("86 points", 86),
        ("1 reply", 1),
        ("3 replies", 3),
        ("30 members have recommended this thread", 30),
        ("Megtekintve 34215 alkalommal", 34215),
        ("Replies: 0", 0),
        ("#12", 12),
        // thousands groups
        ("12\u{2009}345", 12345),
        ("12\u{00A0}345", 12345),
        ("12\u{202F}345 views", 12345),
        ("12&nbsp;345", 12345),
        ("12 345", 12345),
        ("1,234,567", 1_234_567),
        ("1.000.000 Aufrufe", 1_000_000),
        ("1'234", 1234),
        ("12.345,67 €", 12345),
        // not groups
        ("1,23", 1),
        ("1234,567", 1234),
        ("1,2345", 1),
        ("4.5 stars", 4),
        ("2011-04-24", 2011),
        ("3 mins", 3),
        ("5 members", 5),
        ("100 m", 100),
        ("22Kb", 22),
        ("22 Kommentare", 22),
        // signs
        ("-3 points", -3),
        ("\u{2212}3", -3),
        ("(-5)", -5),
        ("Score: -3", -3),
        ("x-3", 3),
        ("- 3", 3),
        // nothing to read
        ("-", nil),
        ("discuss", nil),
        ("", nil),
        ("k", nil),
        ("   ", nil),
        // limits
        ("9223372036854775807", Int.max),
        ("-9223372036854775807", -Int.max),
        ("9223372036854775808", nil),
        ("99999999999999999999", nil),
        ("99999999999999999K", nil),
        ("9,223,372,036,854,775,808", nil),
        ("9223372036854775.807B", nil),
        (String(repeating: "9", count: 10_000), nil),
    ]

    @Test("the first number in the text", arguments: cases)
    func count(text: String, expected: Int?) {
        #expect(CountReader.count(from: text) == expected)
    }
}
