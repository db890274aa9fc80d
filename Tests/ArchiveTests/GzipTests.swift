import Testing

@testable import Archive

@Suite("Gzip members")
struct GzipTests: WARCFixtures {
    @Test("a member round-trips, and says how many bytes it took", arguments: [0, 1, 100, 70_000, 3 << 20])
    func roundTrip(count: Int) throws {
        let input = pseudoRandomBytes(count: count, seed: UInt64(count))
        let member = Gzip.compressMember(input)
        #expect(member.starts(with: [0x1F, 0x8B, 0x08]))
        let result = try Gzip.decompressMember(member)
        #expect(result.decoded == input)
        #expect(result.consumed == member.count)
    }

    @Test("members read one at a time from concatenated bytes")
    func concatenated() throws {
        let first = Gzip.compressMember(Array("first member".utf8))
        let second = Gzip.compressMember(Array(repeating: 7, count: 10_000))
        let bytes = [0, 0] + first + second
        let one = try Gzip.decompressMember(bytes, at: 2)
        #expect(one.decoded == Array("first member".utf8))
        #expect(one.consumed == first.count)
        let two = try Gzip.decompressMember(bytes, at: 2 + one.consumed)
        #expect(two.decoded == Array(repeating: 7, count: 10_000))
        #expect(two.consumed == second.count)
    }

    @Test("a member cut short is reported as truncated")
    func truncated() throws {
        let member = Gzip.compressMember(pseudoRandomBytes(count: 5_000, seed: 9))
        for keep in [0, 1, 10, member.count / 2, member.count - 8, member.count - 1] {
            let error = #expect(throws: GzipError.self) { try Gzip.decompressMember(Array(member.prefix(keep))) }
            #expect(error?.code == .truncated, "keeping \(keep) of \(member.count) bytes")
            #expect(error?.description.contains("truncated") == true)
        }
    }

    @Test("damaged bytes are reported as corrupt")
    func corrupt() throws {
        var member = Gzip.compressMember(Array("some text that compresses, some text that compresses".utf8))
        member[member.count - 6] ^= 0xFF  // inside the CRC-32
        let crc = #expect(throws: GzipError.self) { try Gzip.decompressMember(member) }
        #expect(crc?.code == .corrupt)

        let notGzip = #expect(throws: GzipError.self) { try Gzip.decompressMember(Array("plain text".utf8)) }
        #expect(notGzip?.code == .corrupt)
    }

    @Test("an offset past the end is an error, not a crash")
    func offsetOutside() {
        #expect(throws: GzipError.self) { try Gzip.decompressMember([1, 2, 3], at: 10) }
        #expect(throws: GzipError.self) { try Gzip.decompressMember([1, 2, 3], at: 3) }
    }
}
