public import Model
public import Foundation

/// What one fetch of a thread gave: its extracted pages and the responses they came from, in order.
public struct ThreadCapture: Sendable {
    /// The extracted pages, in thread order (at least one).
    public var pages: [Discussion]
    /// The responses, one per page, in the same order.
    public var responses: [CapturedResponse]
    /// The profile that extracted them.
    public var profile: String?
    /// The program that extracted them (`threadkeeper 0.1.0`).
    public var tool: String

    public init(pages: [Discussion], responses: [CapturedResponse], profile: String?, tool: String) {
        self.pages = pages
        self.responses = responses
        self.profile = profile
        self.tool = tool
    }

    /// The thread's key: the host of its URL and the profile's thread id.
    public var key: ThreadKey? {
        let merged = pages.first
        guard let url = merged?.url ?? responses.first?.url else { return nil }
        return ThreadKey(url: url, id: pages.lazy.compactMap(\.id).first)
    }
}

/// One HTTP exchange as fetched: kept as WARC request and response records.
public struct CapturedResponse: Sendable {
    public var url: String
    public var status: Int
    public var fetchedAt: Date
    public var requestHeaders: [HeaderField]
    public var responseHeaders: [HeaderField]
    /// The body after content decoding.
    public var body: [UInt8]

    public init(
        url: String, status: Int, fetchedAt: Date, requestHeaders: [HeaderField] = [],
        responseHeaders: [HeaderField] = [], body: [UInt8]
    ) {
        self.url = url
        self.status = status
        self.fetchedAt = fetchedAt
        self.requestHeaders = requestHeaders
        self.responseHeaders = responseHeaders
        self.body = body
    }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        responseHeaders.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// One HTTP header field.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What `store` did with a capture.
public enum StoreOutcome: Sendable, Hashable {
    /// The thread was not archived before; version 1 holds it.
    case new(ThreadKey, ChangeSummary)
    /// The discussion changed: version `Int` records how.
    case changed(ThreadKey, version: Int, ChangeSummary)
    /// Nothing that counts as a change: only the latest observation was updated (if it differed).
    case unchanged(ThreadKey, version: Int)

    public var key: ThreadKey {
        switch self {
        case .new(let key, _), .changed(let key, _, _), .unchanged(let key, _): key
        }
    }

    public var version: Int {
        switch self {
        case .new: 1
        case .changed(_, let version, _), .unchanged(_, let version): version
        }
    }
}

/// The one writer of an archive: holds its lock while open. Each `store` is durable when it returns.
public final class ArchiveWriter {
    public let reader: ArchiveReader
    private let lock: ArchiveLock
    private let warcFileLimit: Int
    private let software: String
    private var warc: WARCWriter?
    /// Told of each new version once it is durable (a search index keeps current this way). It runs on the
    /// storing thread, and nothing it does can fail or undo the store.
    public var onNewVersion: ((ThreadSnapshot) -> Void)?

    /// Opens (creating when needed) the archive at `root` for writing; waits up to `lockTimeout` for another
    /// writer to finish, then fails naming its PID.
    public init(
        root: String, software: String, lockTimeout: Duration = .seconds(3), warcFileLimit: Int = 1 << 30
    ) throws(ArchiveError) {
        let formatFile = ArchiveReader.formatFile(root)
        if let bytes = try DurableFile.read(formatFile) {
            try ArchiveReader.checkFormat(bytes, file: formatFile)  // before anything is written, the lock included
        }
        try DurableFile.makeFolder(root)
        lock = try ArchiveLock(path: "\(root)/lock", timeout: lockTimeout)
        if let bytes = try DurableFile.read(formatFile) {
            try ArchiveReader.checkFormat(bytes, file: formatFile)
        } else {
            try DurableFile.replace(formatFile, with: Array("{\"format\":\(ArchiveReader.format)}\n".utf8), scratch: ArchiveReader.scratchFolder(of: root))
        }
        reader = try ArchiveReader(root: root)
        DurableFile.empty(reader.scratchFolder)  // what a writer killed mid-replace left
        self.warcFileLimit = warcFileLimit
        self.software = software
    }

    /// Stores `capture`: a new version when the discussion changed (raw responses to WARC, the version record
    /// appended to the history, thread.json replaced), otherwise only the observation in state.json, and only
    /// when it differs. Either way nothing stored before is touched.
    /// `schedule`, when given, says what to record as the thread's revisit schedule, knowing whether the
    /// fetch changed the thread.
    public func store(_ capture: ThreadCapture, schedule: ((_ changed: Bool) -> RevisitSchedule)? = nil)
        throws(ArchiveError) -> StoreOutcome
    {
        guard !capture.pages.isEmpty, capture.pages.count == capture.responses.count else {
            throw ArchiveError("store: \(capture.pages.count) pages but \(capture.responses.count) responses")
        }
        guard let key = capture.key else {
            throw ArchiveError("\(capture.responses[0].url): cannot key this thread (no host)")
        }
        let folder = reader.folder(of: key)
        let historyFile = reader.historyFile(of: key)
        // Only the outline (count, last hash, torn tail): the lines are decoded when thread.json is behind.
        let history = try DurableFile.read(historyFile).map { bytes throws(ArchiveError) in
            try History(bytes: bytes, file: historyFile, through: 0)
        }
        if let history, history.tornTail > 0 {
            // A write cut short by a crash: cut it off before appending after it.
            try DurableFile.truncate(historyFile, to: history.validLength)
        }
        let (previous, threadFileIsCurrent) = try latest(of: key, history: history)
        let (merged, keys) = Discussion.merging(capture.pages)
        let version = (previous?.version ?? 0) + 1
        var metadata = ThreadMetadata(
            site: merged.site, url: merged.url ?? capture.responses[0].url, title: merged.title, forum: merged.forum,
            story: merged.story, counts: merged.counts)
        if let previous, ChangeRule.changedFields(previous.metadata, metadata).isEmpty {
            metadata.url = previous.url
        }
        let fetchedAt = ISOTime.string(capture.responses[0].fetchedAt)
        guard let (draft, posts) = ChangeRule.delta(
            from: previous, to: metadata, posts: merged.posts, keys: keys, version: version)
        else {
            let previous = previous!
            if !threadFileIsCurrent {
                // Killed after the history line and before thread.json last time: finish that write now.
                try DurableFile.replace(
                    reader.snapshotFile(of: key), with: try canonical(previous, file: folder) + [UInt8(ascii: "\n")], scratch: reader.scratchFolder)
            }
            try writeState(
                key: key, snapshot: previous,
                observed: observation(capture, posts: merged.posts, views: merged.counts.views, version: previous.version),
                schedule: schedule?(false))
            return .unchanged(key, version: previous.version)
        }

        try DurableFile.makeFolder(folder)
        invalidateStoryIndex()
        let pages = try captureResponses(capture.responses, previous: previous)
        let provenance = Provenance(fetchedAt: fetchedAt, tool: capture.tool, profile: capture.profile, pages: pages)
        var snapshot = ThreadSnapshot(key: key.description, version: version, posts: posts, provenance: provenance)
        snapshot.metadata = draft.thread
        let unhashed = try canonical(snapshot, file: folder)
        let hash = Digest.sha256(unhashed)
        snapshot.hash = hash
        let record = VersionRecord(
            key: key.description, version: version, hash: hash, provenance: provenance, thread: draft.thread, added: draft.added,
            edited: draft.edited, removed: draft.removed, order: draft.order, summary: draft.summary)
        try DurableFile.append(historyFile, try canonical(record, file: historyFile) + [UInt8(ascii: "\n")])
        try DurableFile.replace(reader.snapshotFile(of: key), with: Self.withHash(unhashed, hash) + [UInt8(ascii: "\n")], scratch: reader.scratchFolder)
        try writeState(
            key: key, snapshot: snapshot,
            observed: observation(capture, posts: merged.posts, views: merged.counts.views, version: version),
            schedule: schedule?(true))
        onNewVersion?(snapshot)
        return previous == nil ? .new(key, draft.summary) : .changed(key, version: version, draft.summary)
    }

    /// Records a fetch that found the thread unchanged without extracting it (every page answered 304).
    public func observeUnchanged(_ key: ThreadKey, fetchedAt: Date, status: Int, schedule: RevisitSchedule? = nil)
        throws(ArchiveError)
    {
        let written = try DurableFile.read(reader.stateFile(of: key))
            .flatMap { try? JSONDecoder().decode(ThreadState.self, from: Data($0)) }
        if written?.historyBytes != ArchiveReader.size(of: reader.historyFile(of: key)) {
            // state.json is written last: missing or behind the history, thread.json may be behind too.
            let history = try reader.history(of: key, through: 0)
            let (latest, current) = try self.latest(of: key, history: history)
            if let latest, !current {
                try DurableFile.replace(
                    reader.snapshotFile(of: key), with: try canonical(latest, file: reader.folder(of: key)) + [0x0A], scratch: reader.scratchFolder)
            }
        }
        guard var state = try reader.state(of: key) else { throw ArchiveError("\(key): not in the archive") }
        state.observed.fetchedAt = ISOTime.string(fetchedAt)
        state.observed.status = status
        if let schedule { state.schedule = schedule }
        try DurableFile.replace(reader.stateFile(of: key), with: try canonical(state, file: reader.stateFile(of: key)) + [0x0A], scratch: reader.scratchFolder)
    }

    /// Flushes and closes the WARC file; the lock is released when the writer goes away.
    public func close() throws(ArchiveError) {
        defer { warc = nil }
        do {
            try warc?.close()
        } catch {
            throw ArchiveError("\(reader.warcFolder): \(error)")
        }
    }

    // MARK: - Steps

    /// The latest snapshot: thread.json when it matches the last record, else replayed from the history
    /// (a crash between appending the record and replacing thread.json leaves it one version behind).
    private func latest(of key: ThreadKey, history: History?) throws(ArchiveError)
        -> (snapshot: ThreadSnapshot?, threadFileIsCurrent: Bool)
    {
        guard let history, history.count > 0 else { return (nil, true) }
        if let file = try reader.latestFile(of: key), file.hash == history.lastHash { return (file, true) }
        return (try reader.history(of: key).snapshot(file: reader.historyFile(of: key)), false)
    }

    private func observation(_ capture: ThreadCapture, posts: [Post], views: Int?, version: Int) -> Observation {
        Observation(
            fetchedAt: ISOTime.string(capture.responses[0].fetchedAt), status: capture.responses[0].status,
            views: views, version: version,
            pages: capture.responses.map {
                PageValidators(url: $0.url, status: $0.status, etag: $0.header("ETag"), lastModified: $0.header("Last-Modified"))
            },
            fields: ExtractedFields.of(posts))
    }

    private func writeState(key: ThreadKey, snapshot: ThreadSnapshot, observed: Observation, schedule: RevisitSchedule?)
        throws(ArchiveError)
    {
        let file = reader.stateFile(of: key)
        var state = ArchiveReader.state(of: snapshot, key: key, observed: observed)
        state.historyBytes = ArchiveReader.size(of: reader.historyFile(of: key))
        state.schedule = schedule ?? (try? reader.state(inFolder: reader.folder(of: key)))?.flatMap { $0 }?.schedule
        let bytes = try canonical(state, file: file) + [UInt8(ascii: "\n")]
        if let existing = try DurableFile.read(file), existing == bytes { return }
        try DurableFile.replace(file, with: bytes, scratch: reader.scratchFolder)
    }

    /// Writes each response to WARC (a body the previous version already holds as a `revisit` record) and
    /// fsyncs, so a version never references bytes that are not on disk.
    private func captureResponses(_ responses: [CapturedResponse], previous: ThreadSnapshot?) throws(ArchiveError)
        -> [PageCapture]
    {
        let writer = try openWARC()
        var known: [String: PageCapture] = [:]
        for page in previous?.provenance.pages ?? [] {
            if let digest = page.bodyDigest, page.warc != nil { known[digest] = page }
        }
        var pages: [PageCapture] = []
        for response in responses {
            let digest = Digest.sha256(response.body)
            let exchange = WARCCapture(
                url: response.url, date: response.fetchedAt,
                requestHeaders: response.requestHeaders.map { WARCHeaderField(name: $0.name, value: $0.value) },
                status: response.status,
                responseHeaders: response.responseHeaders.map { WARCHeaderField(name: $0.name, value: $0.value) },
                body: response.body)
            let location: WARCLocation
            do {
                if let original = known[digest], let originalWARC = original.warc,
                    let originalDate = ISOTime.date(original.fetchedAt)
                {
                    let ref = WARCRecordRef(
                        file: originalWARC.file, offset: originalWARC.offset, length: originalWARC.length,
                        payloadDigest: WARCFormat.digest(response.body), recordID: originalWARC.recordID)
                    _ = try writer.writeRevisit(exchange, original: ref, originalURL: original.url, originalDate: originalDate)
                    location = originalWARC
                } else {
                    let ref = try writer.writeExchange(exchange)
                    location = WARCLocation(file: ref.file, offset: ref.offset, length: ref.length, recordID: ref.recordID)
                }
            } catch {
                throw ArchiveError("\(reader.warcFolder): cannot write the capture of \(response.url): \(error)")
            }
            let page = PageCapture(
                url: response.url, status: response.status, fetchedAt: ISOTime.string(response.fetchedAt),
                etag: response.header("ETag"), lastModified: response.header("Last-Modified"), bodyDigest: digest,
                warc: location)
            known[digest] = page
            pages.append(page)
        }
        do {
            try writer.sync()
        } catch {
            throw ArchiveError("\(reader.warcFolder): cannot sync: \(error)")
        }
        return pages
    }

    private func openWARC() throws(ArchiveError) -> WARCWriter {
        if let warc { return warc }
        do {
            let writer = try WARCWriter(
                directory: URL(fileURLWithPath: reader.warcFolder), maxFileBytes: warcFileLimit, software: software)
            warc = writer
            return writer
        } catch {
            throw ArchiveError("\(reader.warcFolder): \(error)")
        }
    }

    private func canonical(_ value: some Encodable, file: String) throws(ArchiveError) -> [UInt8] {
        do {
            return try CanonicalJSON.bytes(value)
        } catch {
            throw ArchiveError("\(file): cannot encode: \(error)")
        }
    }

    /// The canonical bytes of a snapshot with `"hash"` put in its place among the sorted keys, without encoding
    /// it again: the top-level keys before `key` are `counts`, `forum`, `hash`, and none of the values before it
    /// holds an object with a `key` member, so the first `,"key":` is the top-level one.
    /// The reverse of `withHash`: the canonical bytes without the top-level `"hash"` member, and its value.
    static func withoutHash(_ bytes: [UInt8]) -> (unhashed: [UInt8], hash: String)? {
        let marker = Array(",\"hash\":\"".utf8)
        guard let found = ByteSearch.firstRange(of: marker, in: bytes[...]),
            let end = bytes[found.upperBound...].firstIndex(of: UInt8(ascii: "\""))
        else { return nil }
        let hash = String(decoding: bytes[found.upperBound..<end], as: UTF8.self)
        return (Array(bytes[..<found.lowerBound]) + Array(bytes[(end + 1)...]), hash)
    }

    static func withHash(_ unhashed: [UInt8], _ hash: String) -> [UInt8] {
        let marker = Array(",\"key\":".utf8)
        guard let at = ByteSearch.firstRange(of: marker, in: unhashed[...])?.lowerBound else { return unhashed }
        return Array(unhashed[..<at]) + Array(",\"hash\":\"\(hash)\"".utf8) + Array(unhashed[at...])
    }
}
