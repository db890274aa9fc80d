@testable import Archive
import Testing

struct ByteSearchTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test(arguments: [
        // (haystack, needle, expected offset in the haystack)
        (",\"hash\":\"ab\"", ",\"hash\":\"", 0 as Int?),
        ("{\"a\":1,,\"hash\":\"ab\"}", ",\"hash\":\"", 7),
        ("{\"a\":1,\"has\":2,\"hash\":\"", ",\"hash\":\"", 14),
        ("{\"a\":1,\"hash\":", ",\"hash\":\"", nil),
        ("xyz", ",\"hash\":\"", nil),
        ("", ",", nil),
        ("aaab", "aab", 1),
        ("abc", "c", 2),
    ])
    func findsTheFirstOccurrence(haystack: String, needle: String, expected: Int?) {
        let found = ByteSearch.firstRange(of: Self.bytes(needle), in: Self.bytes(haystack)[...])
        #expect(found == expected.map { $0 ..< $0 + needle.utf8.count })
    }

    @Test func aSliceAnswersInItsOwnIndices() {
        let bytes = Self.bytes("hash:1 | hash:2")
        let found = ByteSearch.firstRange(of: Self.bytes("hash:"), in: bytes[3...])
        #expect(found == 9..<14)
        #expect(ByteSearch.firstRange(of: Self.bytes("hash:2"), in: bytes[9..<14]) == nil)
    }
}
