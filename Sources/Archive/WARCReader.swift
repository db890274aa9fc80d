package import Foundation

/// Reads WARC records: one by reference, or every member of a file for `verify`.
///
/// Files are read a member at a time through a bounded buffer, never whole.
package enum WARCReader {
    /// How much of a file one read takes while walking members.
    static let chunkSize = 1 << 20

    /// The record that `ref` points at, in the WARC files of `directory`.
    ///
    /// Reads `ref.length` bytes at `ref.offset`, inflates exactly one gzip member of that length, and checks
    /// `Content-Length`, the block and payload digests, and that the record's id and payload digest are the
    /// reference's (an empty `recordID` or `payloadDigest` in `ref` is not compared). Errors name the file and
    /// offset.
    package static func record(in directory: URL, at ref: WARCRecordRef) throws(WARCError) -> WARCRecord {
        guard WARCFileName.number(of: ref.file) != nil else {
            throw WARCError(
                code: .invalidReference,
                detail: "\(ref.file.debugDescription) is not a WARC file name of ours"
            )
        }
        guard ref.offset >= 0, ref.length > 0 else {
            throw WARCError(
                code: .invalidReference,
                file: ref.file,
                offset: ref.offset,
                detail: "bad reference: offset \(ref.offset), length \(ref.length)"
            )
        }
        let file = try WARCFileDescriptor.openForReading(directory.appendingPathComponent(ref.file))
        let bytes = try file.read(at: ref.offset, count: ref.length)
        try file.close()
        guard bytes.count == ref.length else {
            throw WARCError(
                code: .truncated,
                file: ref.file,
                offset: ref.offset,
                detail: "file ends \(bytes.count) bytes into a \(ref.length)-byte record"
            )
        }
        let member: (decoded: [UInt8], consumed: Int)
        do {
            member = try Gzip.decompressMember(bytes)
        } catch {
            throw WARCError(
                code: error.code == .truncated ? .truncated : .corruptMember,
                file: ref.file,
                offset: ref.offset,
                detail: error.description
            )
        }
        guard member.consumed == bytes.count else {
            throw WARCError(
                code: .corruptMember,
                file: ref.file,
                offset: ref.offset,
                detail: "gzip member is \(member.consumed) bytes, the reference says \(ref.length)"
            )
        }
        let record = try located(ref.file, ref.offset) { () throws(WARCError) in try WARCRecord(parsing: member.decoded)
        }
        if !ref.recordID.isEmpty, let id = record.recordID, id != ref.recordID {
            throw WARCError(
                code: .invalidReference,
                file: ref.file,
                offset: ref.offset,
                detail: "record there is \(id), the reference expects \(ref.recordID)"
            )
        }
        let digest = record.header("WARC-Payload-Digest")
        if !ref.payloadDigest.isEmpty, digest != ref.payloadDigest {
            throw WARCError(
                code: .digestMismatch,
                file: ref.file,
                offset: ref.offset,
                detail: "record's payload digest is \(digest ?? "absent"), the reference expects \(ref.payloadDigest)"
            )
        }
        return record
    }

    /// Walks every gzip member of `file`: the good records, each problem, and the length of the good prefix.
    ///
    /// After damage that hides where the next member starts (corrupt or torn gzip), the walk looks for the next
    /// offset where a good record starts, so records after a damaged one are still listed.
    package static func scan(file url: URL) -> WARCScan {
        var scan = WARCScan(file: url.lastPathComponent, fileSize: 0, records: [], problems: [], validLength: 0)
        let file: WARCFileDescriptor
        do {
            file = try WARCFileDescriptor.openForReading(url)
            scan.fileSize = try file.size()
        } catch {
            scan.problems.append(WARCScan.Problem(offset: 0, reason: error.description))
            return scan
        }
        var offset = 0
        while offset < scan.fileSize {
            switch readMember(file, at: offset, fileSize: scan.fileSize) {
            case .record(let record, let length):
                scan.records.append(
                    WARCScan.Entry(
                        offset: offset,
                        length: length,
                        type: record.type,
                        targetURI: record.targetURI,
                        recordID: record.recordID
                    )
                )
                offset += length
            case .badRecord(let reason, let length):
                scan.problems.append(WARCScan.Problem(offset: offset, reason: reason))
                offset += length
            case .badMember(let reason):
                scan.problems.append(WARCScan.Problem(offset: offset, reason: reason))
                offset = nextGoodMember(file, after: offset, fileSize: scan.fileSize) ?? scan.fileSize
            }
        }
        scan.validLength = scan.problem?.offset ?? scan.fileSize
        return scan
    }

    /// The first record of a WARC file (its `warcinfo`), read through the same checks as `scan`.
    static func firstRecord(file url: URL) throws(WARCError) -> WARCRecord {
        let file = try WARCFileDescriptor.openForReading(url)
        switch readMember(file, at: 0, fileSize: try file.size()) {
        case .record(let record, _): return record
        case .badRecord(let reason, _), .badMember(let reason):
            throw WARCError(code: .malformedRecord, file: url.lastPathComponent, offset: 0, detail: reason)
        }
    }

    // MARK: - Members

    private enum MemberResult {
        /// A good record and its member's length.
        case record(WARCRecord, length: Int)
        /// The member inflated but is not a good record; the next member starts `length` bytes on.
        case badRecord(String, length: Int)
        /// The member did not inflate, so where it ends is unknown.
        case badMember(String)
    }

    private static func readMember(_ file: WARCFileDescriptor, at offset: Int, fileSize: Int) -> MemberResult {
        let inflater: GzipMemberInflater
        do { inflater = try GzipMemberInflater() } catch { return .badMember(error.description) }
        var decoded: [UInt8] = []
        var position = offset
        do {
            while !inflater.isFinished {
                let chunk = try file.read(at: position, count: chunkSize)
                if chunk.isEmpty {
                    return .badMember(
                        "truncated gzip member: the file ends \(fileSize - offset) bytes into it (a torn write)"
                    )
                }
                position += try inflater.feed(chunk[...], into: &decoded)
            }
        } catch let error as GzipError {
            return .badMember("gzip member does not inflate: \(error.detail)")
        } catch {
            return .badMember("\(error)")
        }
        let length = position - offset
        do {
            return .record(try WARCRecord(parsing: decoded), length: length)
        } catch {
            return .badRecord(error.description, length: length)
        }
    }

    /// The next offset after `offset` where a gzip member holding a good record starts, if any.
    private static func nextGoodMember(_ file: WARCFileDescriptor, after offset: Int, fileSize: Int) -> Int? {
        var position = offset + 1
        while position < fileSize {
            // Overlap chunks by two bytes so a magic number split across them is found.
            guard let chunk = try? file.read(at: position, count: chunkSize), chunk.count >= 3 else { return nil }
            var index = 0
            while index + 2 < chunk.count {
                if chunk[index] == 0x1F, chunk[index + 1] == 0x8B, chunk[index + 2] == 0x08,
                    case .record = readMember(file, at: position + index, fileSize: fileSize)
                {
                    return position + index
                }
                index += 1
            }
            position += chunk.count - 2
        }
        return nil
    }

    /// Runs `body`, adding `file` and `offset` to the error it throws.
    private static func located<T>(
        _ file: String,
        _ offset: Int,
        _ body: () throws(WARCError) -> T
    ) throws(WARCError) -> T {
        do {
            return try body()
        } catch {
            throw WARCError(code: error.code, file: file, offset: offset, detail: error.detail)
        }
    }
}
