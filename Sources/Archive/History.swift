import Model
import Foundation
import Crypto

/// A thread's `versions.jsonl`, read: the records in order and what was wrong with the file.
public struct History: Sendable {
    public var records: [VersionRecord]
    /// Bytes at the end after the last complete line: a write cut short by a crash. Ignored on read.
    public var tornTail: Int
    /// The byte length of the complete lines.
    public var validLength: Int

    /// The thread this history is of (nil for an empty one).
    public var key: ThreadKey? { records.first.flatMap { ArchiveReader.parseKey($0.key) } }

    /// Reads `bytes`, the content of `file`. A line that does not decode, or a version out of sequence, is an
    /// error naming the file and line; only a last line without its newline counts as torn.
    init(bytes: [UInt8], file: String) throws(ArchiveError) {
        records = []
        var start = 0
        var line = 0
        while let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            line += 1
            let record: VersionRecord
            do {
                record = try JSONDecoder().decode(VersionRecord.self, from: Data(bytes[start..<end]))
            } catch let error as DecodingError {
                throw ArchiveError("\(file): line \(line): not a version record: \(error.summary)")
            } catch {
                throw ArchiveError("\(file): line \(line): not a version record: \(error)")
            }
            guard record.version == records.count + 1 else {
                throw ArchiveError("\(file): line \(line): version \(record.version) where \(records.count + 1) was expected")
            }
            if let first = records.first, first.key != record.key {
                throw ArchiveError("\(file): line \(line): thread \(record.key) in the history of \(first.key)")
            }
            records.append(record)
            start = end + 1
        }
        validLength = start
        tornTail = bytes.count - start
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
            throw ArchiveError("\(records.first?.key ?? file): no version \(wanted) (it has \(records.count))")
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
        return "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
