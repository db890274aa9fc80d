import Model
import Foundation

/// A thread's `versions.jsonl`, read: the records in order and what was wrong with the file.
public struct History: Sendable {
    /// The records decoded (all of them, or the first `through` given to `init`).
    public var records: [VersionRecord]
    /// How many complete lines (versions) the file holds, decoded or not.
    public var count: Int
    /// The `hash` of the last complete line, read without decoding it.
    public var lastHash: String?
    /// Bytes at the end after the last complete line: a write cut short by a crash. Ignored on read.
    public var tornTail: Int
    /// The byte length of the complete lines.
    public var validLength: Int

    /// The thread this history is of (nil for an empty one or none decoded).
    public var key: ThreadKey? { records.first.flatMap { ArchiveReader.parseKey($0.key) } }

    /// Reads `bytes`, the content of `file`, decoding the first `through` lines (all when nil). A line that does
    /// not decode, or a version out of sequence, is an error naming the file and line; only a last line without
    /// its newline counts as torn.
    init(bytes: [UInt8], file: String, through: Int? = nil) throws(ArchiveError) {
        records = []
        count = 0
        lastHash = nil
        tornTail = 0
        validLength = 0
        let limit = through ?? Int.max
        var start = 0
        var lastStart = 0
        while let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            count += 1
            lastStart = start
            if count <= limit {
                try decodeLine(bytes[start..<end], number: count, file: file)
            }
            start = end + 1
        }
        validLength = start
        tornTail = bytes.count - start
        if count > 0 { lastHash = Self.hashField(in: bytes[lastStart..<validLength]) }
    }

    private mutating func decodeLine(_ line: ArraySlice<UInt8>, number: Int, file: String) throws(ArchiveError) {
        let record: VersionRecord
        do {
            record = try JSONDecoder().decode(VersionRecord.self, from: Data(line))
        } catch let error as DecodingError {
            throw ArchiveError("\(file): line \(number): not a version record: \(error.summary)")
        } catch {
            throw ArchiveError("\(file): line \(number): not a version record: \(error)")
        }
        guard record.version == records.count + 1 else {
            throw ArchiveError("\(file): line \(number): version \(record.version) where \(records.count + 1) was expected")
        }
        if let first = records.first, first.key != record.key {
            throw ArchiveError("\(file): line \(number): thread \(record.key) in the history of \(first.key)")
        }
        records.append(record)
    }

    /// The value of a record line's top-level `"hash"`: the first `,"hash":"` in the line, since inside a JSON
    /// string a quote is always escaped, and no object nested in a record before `hash` has a `hash` member.
    static func hashField(in line: ArraySlice<UInt8>) -> String? {
        let marker = Array(",\"hash\":\"".utf8)
        guard let found = ByteSearch.firstRange(of: marker, in: line) else { return nil }
        let valueStart = found.upperBound
        guard let valueEnd = line[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: line[valueStart..<valueEnd], as: UTF8.self)
    }

    /// The snapshot of every version in turn, each checked against its record's hash when `checking` says so
    /// (checking costs a canonical encoding of the whole snapshot); `body` sees them in order and may stop
    /// early by returning false.
    func replay(
        file: String, through last: Int? = nil, checking: (Int) -> Bool = { _ in true },
        _ body: (ThreadSnapshot) throws(ArchiveError) -> Bool
    ) throws(ArchiveError) {
        var posts: [ArchivedPost] = []
        var index: [String: Int] = [:]
        for record in records {
            if let last, record.version > last { return }
            for key in record.removed {
                guard let at = index[key] else {
                    throw ArchiveError("\(file): version \(record.version): removes post \(key), which it does not have")
                }
                posts[at].removedIn = record.version
            }
            for post in record.edited {
                guard let at = index[post.key] else {
                    throw ArchiveError("\(file): version \(record.version): edits post \(post.key), which it does not have")
                }
                posts[at] = post
            }
            for post in record.added {
                guard index[post.key] == nil else {
                    throw ArchiveError("\(file): version \(record.version): adds post \(post.key) twice")
                }
                index[post.key] = posts.count
                posts.append(post)
            }
            if let order = record.order {
                guard order.count == posts.count, Set(order).count == order.count,
                    order.allSatisfy({ index[$0] != nil })
                else {
                    throw ArchiveError("\(file): version \(record.version): its post order does not match its posts")
                }
                posts = order.map { posts[index[$0]!] }
                index = Dictionary(uniqueKeysWithValues: posts.enumerated().map { ($1.key, $0) })
            }
            var snapshot = ThreadSnapshot(
                key: record.key, version: record.version, posts: posts, provenance: record.provenance)
            snapshot.metadata = record.thread
            snapshot.renumber()
            posts = snapshot.posts
            if checking(record.version) {
                let hash = try Self.hash(of: snapshot, file: file)
                guard hash == record.hash else {
                    throw ArchiveError(
                        "\(file): version \(record.version): snapshot hash \(hash) does not match the recorded \(record.hash)")
                }
            }
            snapshot.hash = record.hash
            guard try body(snapshot) else { return }
        }
    }

    /// The snapshot of `version` (the last when nil), checked against its hash.
    func snapshot(file: String, version: Int? = nil) throws(ArchiveError) -> ThreadSnapshot {
        let wanted = version ?? records.count
        guard wanted >= 1, wanted <= records.count else {
            throw ArchiveError("\(records.first?.key ?? file): no version \(wanted) (it has \(count))")
        }
        var found: ThreadSnapshot?
        try replay(file: file, through: wanted, checking: { $0 == wanted }) { snapshot throws(ArchiveError) in
            if snapshot.version == wanted { found = snapshot }
            return true
        }
        return found!
    }

    /// `sha256:HEX` of the canonical JSON of `snapshot` without its hash.
    static func hash(of snapshot: ThreadSnapshot, file: String) throws(ArchiveError) -> String {
        var unhashed = snapshot
        unhashed.hash = nil
        let bytes: [UInt8]
        do {
            bytes = try CanonicalJSON.bytes(unhashed)
        } catch {
            throw ArchiveError("\(file): version \(snapshot.version): cannot encode snapshot: \(error)")
        }
        return Digest.sha256(bytes)
    }
}
