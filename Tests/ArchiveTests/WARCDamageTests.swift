import Foundation
import Testing

@testable import Archive

@Suite("WARC damage: torn tails, flipped bytes")
struct WARCDamageTests: WARCFixtures {
    /// Three synced exchanges, then a fourth appended but never synced (the process is "killed").
    private func writeThenTear(_ directory: URL) throws -> (synced: [WARCRecordRef], torn: WARCRecordRef) {
        let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
        var synced: [WARCRecordRef] = []
        for index in 0..<3 {
            synced.append(
                try writer.writeExchange(
                    sampleCapture(
                        url: "https://forum.example/t/\(index)",
                        body: pseudoRandomBytes(count: 900, seed: UInt64(index))
                    )
                )
            )
        }
        try writer.sync()
        let torn = try writer.writeExchange(
            sampleCapture(url: "https://forum.example/t/torn", body: pseudoRandomBytes(count: 5_000, seed: 99))
        )
        return (synced, torn)  // the writer is dropped without sync(), as a kill would leave it
    }

    @Test("a member cut short at the tail: scan reports it, a new writer starts a new file")
    func tornTail() throws {
        try withTemporaryDirectory { directory in
            let (synced, torn) = try writeThenTear(directory)
            let file = directory.appendingPathComponent(torn.file)
            let bytes = try fileBytes(file)
            try writeFileBytes(Array(bytes.prefix(torn.offset + torn.length / 2)), to: file)

            let scan = WARCReader.scan(file: file)
            let problem = try #require(scan.problem)
            #expect(problem.offset == torn.offset)
            #expect(problem.reason.contains("truncated"))
            #expect(scan.validLength == torn.offset)
            #expect(scan.canRepairByTruncating)
            #expect(scan.records.last?.type == "request")  // the torn exchange's request member is whole

            let error = #expect(throws: WARCError.self) { try WARCReader.record(in: directory, at: torn) }
            #expect(error?.code == .truncated)
            #expect(error?.description.contains("\(torn.file) at offset \(torn.offset)") == true)

            let sizeBefore = try fileBytes(file).count
            let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            let next = try writer.writeExchange(sampleCapture(url: "https://forum.example/t/next", body: [7]))
            try writer.close()
            #expect(next.file == "threadkeeper-00002.warc.gz")
            #expect(try fileBytes(file).count == sizeBefore)  // nothing appended after the garbage
            #expect(
                WARCReader.scan(file: directory.appendingPathComponent(next.file)).records.first?.type == "warcinfo"
            )
            #expect(try WARCReader.record(in: directory, at: next).payload == [7])
            for (index, ref) in synced.enumerated() {
                #expect(
                    try WARCReader.record(in: directory, at: ref).payload
                        == pseudoRandomBytes(count: 900, seed: UInt64(index))
                )
            }

            // What `verify --repair` does: cut to validLength; the file then scans clean.
            try writeFileBytes(Array(try fileBytes(file).prefix(scan.validLength)), to: file)
            let repaired = WARCReader.scan(file: file)
            #expect(repaired.problem == nil)
            #expect(repaired.validLength == repaired.fileSize)
        }
    }

    @Test("garbage after the last synced record: scan reports it, nothing is appended after it")
    func garbageTail() throws {
        try withTemporaryDirectory { directory in
            let (synced, torn) = try writeThenTear(directory)
            let file = directory.appendingPathComponent(torn.file)
            let end = try fileBytes(file).count
            try writeFileBytes(
                try fileBytes(file) + Array("this is not gzip at all".utf8) + [0x1F, 0x8B, 0x08, 0, 1, 2],
                to: file
            )

            let scan = WARCReader.scan(file: file)
            #expect(scan.problem?.offset == end)
            #expect(scan.validLength == end)
            #expect(scan.canRepairByTruncating)
            #expect(scan.records.count == 1 + 4 * 2)

            let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            let next = try writer.writeExchange(sampleCapture(url: "https://forum.example/t/next", body: []))
            try writer.sync()
            #expect(next.file == "threadkeeper-00002.warc.gz")
            #expect(try WARCReader.record(in: directory, at: torn).payload == pseudoRandomBytes(count: 5_000, seed: 99))
            #expect(
                try WARCReader.record(in: directory, at: synced[0]).payload == pseudoRandomBytes(count: 900, seed: 0)
            )
        }
    }

    @Test("an unsynced but whole tail also sends the next writer to a new file")
    func unsyncedTail() throws {
        try withTemporaryDirectory { directory in
            let (_, torn) = try writeThenTear(directory)
            let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            let next = try writer.writeExchange(sampleCapture(url: "https://forum.example/t/next", body: [1]))
            try writer.close()
            #expect(next.file != torn.file)
        }
    }

    @Test("a flipped byte in a record's compressed bytes: reading throws, scan reports it and goes on")
    func flippedCompressedByte() throws {
        try withTemporaryDirectory { directory in
            let (synced, torn) = try writeThenTear(directory)
            let file = directory.appendingPathComponent(torn.file)
            var bytes = try fileBytes(file)
            let target = synced[1]
            bytes[target.offset + target.length / 2] ^= 0x5A
            try writeFileBytes(bytes, to: file)

            let error = #expect(throws: WARCError.self) { try WARCReader.record(in: directory, at: target) }
            #expect(error?.file == target.file)
            #expect(error?.offset == target.offset)
            #expect(error.map { [.corruptMember, .digestMismatch, .truncated].contains($0.code) } == true)

            let scan = WARCReader.scan(file: file)
            #expect(scan.problem?.offset == target.offset)
            #expect(scan.validLength == target.offset)
            #expect(!scan.canRepairByTruncating)  // good records follow: truncating would lose them
            #expect(scan.records.contains { $0.offset == synced[2].offset && $0.type == "response" })
            #expect(try WARCReader.record(in: directory, at: synced[0]).payload.count == 900)
            #expect(try WARCReader.record(in: directory, at: synced[2]).payload.count == 900)
        }
    }

    @Test("a flipped byte inside the inflated block: the digest check fails", arguments: [false, true])
    func flippedBlockByte(inHTTPHeader: Bool) throws {
        try withTemporaryDirectory { directory in
            let (synced, torn) = try writeThenTear(directory)
            let file = directory.appendingPathComponent(torn.file)
            let bytes = try fileBytes(file)
            let target = synced[1]
            var decoded = try Gzip.decompressMember(Array(bytes[target.offset..<(target.offset + target.length)]))
                .decoded
            // The body is the last 900 bytes before the closing CRLF CRLF; the status line starts the block.
            let blockStart = try #require(firstBlankLine(in: decoded)) + 4
            decoded[inHTTPHeader ? blockStart + 9 : decoded.count - 4 - 450] ^= 0x01
            let member = Gzip.compressMember(decoded)
            let spliced = Array(bytes[..<target.offset]) + member + Array(bytes[(target.offset + target.length)...])
            try writeFileBytes(spliced, to: file)

            var damaged = target
            damaged.length = member.count
            let error = #expect(throws: WARCError.self) { try WARCReader.record(in: directory, at: damaged) }
            #expect(error?.code == .digestMismatch)
            #expect(error?.description.contains("\(target.file) at offset \(target.offset)") == true)
            #expect(error?.description.contains("WARC-Block-Digest") == true)

            let scan = WARCReader.scan(file: file)
            #expect(scan.problem?.offset == target.offset)
            #expect(scan.problem?.reason.contains("WARC-Block-Digest mismatch") == true)
            #expect(scan.problems.count == 1)
            #expect(scan.records.count == 1 + 4 * 2 - 1)
            #expect(try WARCReader.record(in: directory, at: synced[0]).payload.count == 900)
        }
    }

    private func firstBlankLine(in bytes: [UInt8]) -> Int? {
        bytes.indices.dropLast(3).first {
            bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10
        }
    }
}
