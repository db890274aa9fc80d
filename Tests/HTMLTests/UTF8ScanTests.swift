@testable import HTML
import Testing
import TestSupport

/// `Charset.scanUTF8` reads eight ASCII bytes at a time: it must say what a byte-by-byte reading says,
/// wherever in a word the multi-byte sequences, bad bytes and controls fall.
@Suite struct UTF8ScanTests {
    /// The byte-by-byte answer: Swift's own UTF-8 validation, and a look at every byte for NUL, VT and FF.
    static func reference(_ bytes: [UInt8]) -> (isValid: Bool, hasControls: Bool) {
        let isValid = String(validating: bytes, as: UTF8.self) != nil
        let firstBad = isValid ? bytes.count : Self.validPrefix(bytes)
        return (isValid, bytes[..<firstBad].contains { $0 == 0 || $0 == 0x0B || $0 == 0x0C })
    }

    /// How many leading bytes are well-formed UTF-8 (the scan stops at the first bad sequence).
    static func validPrefix(_ bytes: [UInt8]) -> Int {
        var good = 0
        var end = 0
        while end < bytes.count {
            end += 1
            if String(validating: bytes[good..<end], as: UTF8.self) != nil { good = end }
            if end - good > 4 { break }
        }
        return good
    }

    @Test func agreesWithAByteByByteReading() {
        var random = SeededGenerator(seed: 0x5EED_0008)
        let pieces: [[UInt8]] = [
            Array("plain ascii text ".utf8), Array("<p>".utf8), [0x0A], [0x09], [0x00], [0x0B], [0x0C],
            [0xC3, 0xA9], [0xE2, 0x80, 0x9C], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xE9], [0xED, 0xA0, 0x80],
            [0xE2, 0x80],
        ]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                // Mostly text, so runs of clean eight-byte words happen, with rarer odd pieces.
                let piece = Int.random(in: 0..<4, using: &random) == 0
                    ? pieces.randomElement(using: &random)! : pieces[0]
                bytes += piece.prefix(Int.random(in: 1...piece.count, using: &random))
            }
            let scanned = Charset.scanUTF8(bytes)
            let expected = Self.reference(bytes)
            #expect(scanned.isValid == expected.isValid, "\(bytes)")
            if expected.isValid { #expect(scanned.hasControls == expected.hasControls, "\(bytes)") }
        }
    }

    @Test(arguments: 0..<16)
    func findsAControlAtEveryOffset(_ offset: Int) {
        for control: UInt8 in [0x00, 0x0B, 0x0C] {
            var bytes = [UInt8](repeating: 0x61, count: 16)
            bytes[offset] = control
            #expect(Charset.scanUTF8(bytes) == (true, true))
        }
        #expect(Charset.scanUTF8([UInt8](repeating: 0x0A, count: 16)) == (true, false))
    }
}
