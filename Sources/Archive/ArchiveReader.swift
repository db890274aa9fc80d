public import Model
import Foundation

/// An archive folder opened for reading: threads, their histories, any version of any thread.
///
/// Layout (documented for people in `archive/README.md`):
/// ```
/// ROOT/archive.json                      {"format": 1}: checked on open
/// ROOT/lock                              the writer's lock (flock), holding its PID
/// ROOT/threads/HOST/ID/versions.jsonl    append-only history, one version record per line
/// ROOT/threads/HOST/ID/thread.json       the latest snapshot, self-contained, with its hash
/// ROOT/threads/HOST/ID/state.json        latest observation, validators, summary for `list`
/// ROOT/warc/threadkeeper-NNNNN.warc.gz   raw responses as WARC/1.1, one gzip member per record
/// ```
public struct ArchiveReader: Sendable {
    /// The archive format this build reads and writes.
    public static let format = 1

    /// The archive's folder.
    public let root: String

    /// Opens the archive at `root`, which must exist and hold a format this build reads.
    public init(root: String) throws(ArchiveError) {
        self.root = root
        guard let bytes = try DurableFile.read(Self.formatFile(root)) else {
            throw ArchiveError("\(root): no archive here (no archive.json); archive, import or crawl something first")
        }
        try Self.checkFormat(bytes, file: Self.formatFile(root))
    }

    static func formatFile(_ root: String) -> String { "\(root)/archive.json" }

    static func checkFormat(_ bytes: [UInt8], file: String) throws(ArchiveError) {
        struct Header: Decodable { var format: Int }
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(bytes)) else {
            throw ArchiveError("\(file): not an archive header (expected {\"format\": \(format)})")
        }
        guard header.format <= format else {
            throw ArchiveError(
                "\(file): archive format \(header.format) is newer than this threadkeeper reads (\(format)); upgrade threadkeeper. Nothing was written")
        }
    }

    // MARK: - Paths

    /// The folder of `key`'s files.
    public func folder(of key: ThreadKey) -> String { "\(root)/threads/\(key.relativePath)" }
    func historyFile(of key: ThreadKey) -> String { folder(of: key) + "/versions.jsonl" }
    func snapshotFile(of key: ThreadKey) -> String { folder(of: key) + "/thread.json" }
    func stateFile(of key: ThreadKey) -> String { folder(of: key) + "/state.json" }
    /// Where whole-file replacements are written before they are renamed into place.
    var scratchFolder: String { Self.scratchFolder(of: root) }
    static func scratchFolder(of root: String) -> String { "\(root)/tmp" }
    /// The folder of the WARC files.
    public var warcFolder: String { "\(root)/warc" }

    // MARK: - Threads

    /// The state of every archived thread, sorted by key. A folder whose state cannot be read is
    /// reported in `problems` and left out.
    public func states() -> (states: [ThreadState], problems: [String]) {
        var states: [ThreadState] = []
        var problems: [String] = []
        for folder in threadFolders() {
            do {
                if let state = try state(inFolder: folder) { states.append(state) }
            } catch {
                problems.append(error.description)
            }
        }
        return (states.sorted { $0.threadKey < $1.threadKey }, problems)
    }

    /// `states` by each thread's URL and its first page's URL, as a crawl looks threads up.
    public static func byURL(_ states: [ThreadState]) -> [String: ThreadState] {
        var byURL: [String: ThreadState] = [:]
        for state in states {
            if let url = state.url { byURL[url] = state }
            if let first = state.observed.pages.first { byURL[first.url] = state }
        }
        return byURL
    }

    /// Every `threads/HOST/ID` folder.
    func threadFolders() -> [String] {
        let manager = FileManager.default
        let threads = "\(root)/threads"
        var folders: [String] = []
        for host in ((try? manager.contentsOfDirectory(atPath: threads)) ?? []).sorted() where !host.hasPrefix(".") {
            for id in ((try? manager.contentsOfDirectory(atPath: "\(threads)/\(host)")) ?? []).sorted()
            where !id.hasPrefix(".") {
                folders.append("\(threads)/\(host)/\(id)")
            }
        }
        return folders
    }

    /// The state of the thread in `folder`: state.json, or rebuilt from the history when it is missing.
    func state(inFolder folder: String) throws(ArchiveError) -> ThreadState? {
        var stale: ThreadState?
        if let bytes = try DurableFile.read(folder + "/state.json"),
            let state = try? JSONDecoder().decode(ThreadState.self, from: Data(bytes))
        {
            // state.json is written after the history line, with the history's size then.
            guard let size = state.historyBytes, size != Self.size(of: folder + "/versions.jsonl") else { return state }
            stale = state
        }
        guard let bytes = try DurableFile.read(folder + "/versions.jsonl") else { return nil }
        let history = try History(bytes: bytes, file: folder + "/versions.jsonl")
        guard let key = history.key else { return nil }
        let snapshot = try history.snapshot(file: folder + "/versions.jsonl")
        if let stale, stale.versions == snapshot.version { return stale }
        var state = Self.state(of: snapshot, key: key, observed: nil)
        state.schedule = stale?.schedule
        state.historyBytes = history.validLength
        return state
    }

    /// A file's size (-1 when it cannot be read).
    static func size(of path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return -1 }
        return Int(info.st_size)
    }

    static func parseKey(_ text: String) -> ThreadKey? {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        return ThreadKey(host: String(text[..<slash]), id: String(text[text.index(after: slash)...]))
    }

    /// A thread named by `reference`: `host/id`, its URL, or a unique prefix of `host/id` or of the id.
    public func resolve(_ reference: String) throws(ArchiveError) -> ThreadKey {
        let all = states().states
        // Bytes, not Swift string equality: ids in two Unicode forms are two threads.
        func same(_ a: String?, _ b: String) -> Bool { a.map { $0.utf8.elementsEqual(b.utf8) } ?? false }
        func starts(_ a: String, _ prefix: String) -> Bool { a.utf8.starts(with: prefix.utf8) }
        if let exact = all.first(where: { same($0.key, reference) || same($0.url, reference) }) { return exact.threadKey }
        var candidates = all.filter { starts($0.key, reference) || starts($0.id, reference) }
        if candidates.isEmpty, let url = URLComponents(string: reference), let host = url.host {
            let bare = ThreadKey(host: host, id: "").host
            candidates = all.filter { $0.host == bare && reference.contains($0.id) }
        }
        switch candidates.count {
        case 1: return candidates[0].threadKey
        case 0: throw ArchiveError("\(reference): no such thread in \(root) (see 'threadkeeper list')")
        default:
            let names = candidates.prefix(5).map(\.key).joined(separator: ", ")
            throw ArchiveError("\(reference): matches \(candidates.count) threads (\(names)…); give more of it")
        }
    }

    /// The history of `key`, its first `through` versions decoded (all when nil; 0 reads only the count and
    /// the last hash).
    public func history(of key: ThreadKey, through: Int? = nil) throws(ArchiveError) -> History {
        let file = historyFile(of: key)
        guard let bytes = try DurableFile.read(file) else { throw ArchiveError("\(key): not in the archive") }
        return try History(bytes: bytes, file: file, through: through)
    }

    /// `key` as of `version` (the latest when nil), checked against its hash.
    public func snapshot(of key: ThreadKey, version: Int? = nil) throws(ArchiveError) -> ThreadSnapshot {
        let outline = try history(of: key, through: 0)
        if version == nil || version == outline.count, let latest = try latestFile(of: key), latest.hash == outline.lastHash {
            return latest
        }
        let wanted = version ?? outline.count
        guard wanted >= 1, wanted <= outline.count else {
            throw ArchiveError("\(key): no version \(wanted) (it has \(outline.count))")
        }
        return try history(of: key, through: wanted).snapshot(file: historyFile(of: key), version: wanted)
    }

    /// The two snapshots `from` and `to` of one history, replayed once.
    public func snapshots(of key: ThreadKey, _ from: Int, _ to: Int) throws(ArchiveError) -> (ThreadSnapshot, ThreadSnapshot) {
        let outline = try history(of: key, through: 0)
        for version in [from, to] where version < 1 || version > outline.count {
            throw ArchiveError("\(key): no version \(version) (it has \(outline.count))")
        }
        let history = try history(of: key, through: max(from, to))
        let file = historyFile(of: key)
        var found: [Int: ThreadSnapshot] = [:]
        try history.replay(file: file, through: max(from, to), checking: { $0 == from || $0 == to }) {
            snapshot throws(ArchiveError) in
            if snapshot.version == from || snapshot.version == to { found[snapshot.version] = snapshot }
            return true
        }
        return (found[from]!, found[to]!)
    }

    /// thread.json, if present and readable, with its hash checked. The check needs no encoding: the file is
    /// the canonical snapshot with `"hash"` put in among its keys, so without that member it is exactly the
    /// bytes the hash is of.
    func latestFile(of key: ThreadKey) throws(ArchiveError) -> ThreadSnapshot? {
        let file = snapshotFile(of: key)
        guard var bytes = try DurableFile.read(file) else { return nil }
        if bytes.last == 0x0A { bytes.removeLast() }
        guard let (unhashed, hash) = ArchiveWriter.withoutHash(bytes),
            Digest.sha256(unhashed) == hash,
            var snapshot = try? JSONDecoder().decode(ThreadSnapshot.self, from: Data(bytes))
        else { return nil }
        snapshot.hash = hash
        return snapshot
    }

    /// The state of `key`.
    public func state(of key: ThreadKey) throws(ArchiveError) -> ThreadState? {
        try state(inFolder: folder(of: key))
    }

    /// The state that describes `snapshot`, with `observed` (or the snapshot's own fetch) as the latest observation.
    static func state(of snapshot: ThreadSnapshot, key: ThreadKey, observed: Observation?) -> ThreadState {
        let first = snapshot.provenance.pages.first
        let observation = observed ?? Observation(
            fetchedAt: snapshot.provenance.fetchedAt, status: first?.status ?? 0, views: snapshot.counts.views,
            version: snapshot.version,
            pages: snapshot.provenance.pages.map {
                PageValidators(url: $0.url, status: $0.status, etag: $0.etag, lastModified: $0.lastModified)
            },
            fields: ExtractedFields.of(snapshot.livePosts.map(\.post)))
        var state = ThreadState(
            key: key, site: snapshot.site, title: snapshot.title, url: snapshot.url, story: snapshot.story?.canonical,
            versions: snapshot.version, posts: snapshot.livePosts.count, postsEver: snapshot.posts.count,
            lastChanged: snapshot.provenance.fetchedAt, observed: observation)
        state.forum = snapshot.forum
        return state
    }
}

extension ArchiveReader {
    /// The thread whose folder is `threads/<host>/<id>` as `ThreadKey.relativePath` names it (a web reader's
    /// URL path): both parts are checked to be names that path could have produced before any file is read,
    /// so no request text reaches the filesystem as a path; nil when no such thread is archived.
    public func key(relativePath host: String, _ id: String) -> ThreadKey? {
        func safe(_ part: String) -> Bool {
            !part.isEmpty && part.utf8.count <= 128 && part != "." && part != ".."
                && part.utf8.allSatisfy { byte in
                    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                        || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x7E  // - _ . ~
                }
        }
        guard safe(host), safe(id) else { return nil }
        guard let bytes = try? DurableFile.read("\(root)/threads/\(host)/\(id)/state.json"),
            let state = try? JSONDecoder().decode(ThreadState.self, from: Data(bytes))
        else { return nil }
        let key = state.threadKey
        return key.relativePath == "\(host)/\(id)" ? key : nil
    }
}
