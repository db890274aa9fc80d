public import Archive
import Foundation
import GRDB
public import Model

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The full-text index of an archive: SQLite FTS5 (through GRDB) over every post of every thread's latest
/// snapshot, with its text, its author's name and its thread's title.
///
/// Derived data: the archive stays the truth. A missing, damaged or outdated index is built again from the
/// archive; one that is behind it is brought up to date. The file is in WAL mode, so a crawl can update it
/// while `serve` searches it.
public final class SearchIndex: Sendable {
    /// The archive the index is of.
    public let archive: ArchiveReader
    /// The index file.
    public let path: String
    /// What `open` did: built it from scratch (and why) or caught up with the archive.
    public let opened: IndexReport
    let pool: DatabasePool

    private init(archive: ArchiveReader, path: String, pool: DatabasePool, opened: IndexReport) {
        self.archive = archive
        self.path = path
        self.pool = pool
        self.opened = opened
    }

    /// Opens the index of `archive` at `path` (default: `<archive>/index/search.sqlite`; when the archive
    /// folder is not writable, a file per archive under `$XDG_CACHE_HOME/threadkeeper/` or
    /// `~/.cache/threadkeeper/`). A missing file, one that is damaged (fails to open, is not a database, fails
    /// `PRAGMA quick_check`) or of another schema version is built again from the archive; otherwise the index
    /// catches up with the archive. A SQLite database of another program at `path` is refused, not replaced.
    public static func open(archive: ArchiveReader, at path: String? = nil) throws(SearchError) -> SearchIndex {
        let start = ContinuousClock.now
        let file = path ?? IndexLocation.defaultPath(archiveRoot: archive.root)
        let folder = (file as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        } catch {
            throw SearchError(.index, "\(file): cannot create its folder: \(error.localizedDescription)")
        }
        var reason = "missing"
        if access(file, F_OK) == 0 {
            do {
                let pool = try openPool(file)
                switch try pool.read(IndexSchema.check) {
                case .usable:
                    var report = try catchUp(pool: pool, archive: archive, file: file)
                    report.duration = ContinuousClock.now - start
                    return SearchIndex(archive: archive, path: file, pool: pool, opened: report)
                case .foreign:
                    try? pool.close()
                    throw SearchError(.index, "\(file): a SQLite database of another program, not a search index; not replacing it")
                case .rebuild(let why):
                    try? pool.close()
                    reason = why
                }
            } catch let error as SearchError {
                throw error
            } catch {
                reason = "unreadable: \(SearchError.cause(error))"
            }
            removeDatabase(file)
        }
        var report = try buildFresh(file, archive: archive)
        report.reason = reason
        let pool: DatabasePool
        do {
            pool = try openPool(file)
        } catch {
            throw SearchError.index(file, "open", error)
        }
        report.duration = ContinuousClock.now - start
        return SearchIndex(archive: archive, path: file, pool: pool, opened: report)
    }

    /// The index of `archive` when one was built at `path` (or the default place), opened as `open` does;
    /// nil when there is none: writers keep an existing index current but never start one.
    public static func existing(archive: ArchiveReader, at path: String? = nil) throws(SearchError) -> SearchIndex? {
        let file = path ?? IndexLocation.defaultPath(archiveRoot: archive.root)
        guard access(file, F_OK) == 0 else { return nil }
        return try open(archive: archive, at: file)
    }

    /// Reindexes every thread whose archived version differs from the one indexed, and drops threads the
    /// archive no longer has. Compares each thread's state.json (version count, history size, time of the
    /// latest version), so an index that disagrees with the archive is corrected whatever it says.
    public func catchUp() throws(SearchError) -> IndexReport {
        try Self.catchUp(pool: pool, archive: archive, file: path)
    }

    /// Indexes `snapshot` (just stored) in place of what the index had of its thread; nothing when the index
    /// already has that exact snapshot.
    public func update(_ snapshot: ThreadSnapshot) throws(SearchError) {
        guard let slash = snapshot.key.firstIndex(of: "/") else {
            throw SearchError(.archive, "\(snapshot.key): not a thread key (host/id)")
        }
        let key = ThreadKey(host: String(snapshot.key[..<slash]), id: String(snapshot.key[snapshot.key.index(after: slash)...]))
        let state = (try? archive.state(of: key)) ?? nil
        let stamp = state.flatMap { $0.versions == snapshot.version ? IndexRows.stamp($0) : nil }
        do {
            try pool.write { db in
                let row = try Row.fetchOne(
                    db, sql: "SELECT hash, stamp FROM thread WHERE host = ? AND threadID = ?", arguments: [key.host, key.id])
                if let row, snapshot.hash != nil {
                    let (hash, indexedStamp): (String?, String?) = (row["hash"], row["stamp"])
                    if hash == snapshot.hash, indexedStamp == stamp { return }
                }
                _ = try IndexRows.replace(snapshot, key: key, stamp: stamp, in: db, fts: true)
            }
        } catch {
            throw SearchError.index(path, "update \(key)", error)
        }
    }

    /// Builds the index again from the whole archive, in one transaction (searches see the old index until it
    /// is done).
    public func rebuild() throws(SearchError) -> IndexReport {
        let start = ContinuousClock.now
        var report: IndexReport
        do {
            report = try pool.write { db in
                try db.execute(sql: "DELETE FROM post; DELETE FROM thread")
                return try Self.fill(db, archive: archive, file: path)
            }
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        } catch {
            throw SearchError.index(path, "rebuild", error)
        }
        report.reason = "asked"
        report.duration = ContinuousClock.now - start
        return report
    }

    // MARK: - Building

    static func openPool(_ file: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.label = "search-index"
        // A rebuild in another process holds the write lock for a while.
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        return try DatabasePool(path: file, configuration: configuration)
    }

    /// Builds the whole index into a temporary file (no journal: a failure throws the file away) and links it
    /// into place, so no one ever opens a half-built index; if another process got there first, its index is
    /// used and ours dropped.
    static func buildFresh(_ file: String, archive: ArchiveReader) throws(SearchError) -> IndexReport {
        let temporary = "\(file).building-\(getpid())"
        removeDatabase(temporary)
        defer { removeDatabase(temporary) }
        var report: IndexReport
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
            }
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            report = try queue.write { db in
                try IndexSchema.create(db)
                return try fill(db, archive: archive, file: file)
            }
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try queue.close()
        } catch {
            throw SearchError.index(file, "build", error)
        }
        guard fsyncFile(temporary) else { throw SearchError(.index, "\(file): build: cannot sync \(temporary)") }
        if link(temporary, file) != 0, errno != EEXIST {
            throw SearchError(.index, "\(file): cannot put the built index in place: \(String(cString: strerror(errno)))")
        }
        _ = fsyncFile((file as NSString).deletingLastPathComponent)
        return report
    }

    /// Indexes every thread of `archive` (the FTS index once, at the end) into an empty index.
    static func fill(_ db: Database, archive: ArchiveReader, file: String) throws -> IndexReport {
        var report = IndexReport(file: file, rebuilt: true)
        let (states, problems) = archive.states()
        report.problems = problems
        for state in states {
            do {
                let snapshot = try archive.snapshot(of: state.threadKey)
                report.posts += try IndexRows.replace(
                    snapshot, key: state.threadKey, stamp: stamp(state, snapshot), in: db, fts: false)
                report.threads += 1
            } catch let error as ArchiveError {
                report.problems.append(error.description)
            }
        }
        try db.execute(sql: "INSERT INTO post_fts (post_fts) VALUES ('rebuild'); INSERT INTO post_fts (post_fts) VALUES ('optimize')")
        report.reindexed = report.threads
        return report
    }

    /// The stamp to record for `snapshot` read after `state`: none when a store came in between (the next
    /// catch-up then indexes the thread again).
    static func stamp(_ state: ThreadState, _ snapshot: ThreadSnapshot) -> String? {
        state.versions == snapshot.version ? IndexRows.stamp(state) : nil
    }

    static func catchUp(pool: DatabasePool, archive: ArchiveReader, file: String) throws(SearchError) -> IndexReport {
        let start = ContinuousClock.now
        var report = IndexReport(file: file, rebuilt: false)
        let (states, problems) = archive.states()
        report.problems = problems
        do {
            let indexed = try pool.read { db in
                var indexed: [ThreadKey: (id: Int64, stamp: String?)] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, host, threadID, stamp FROM thread") {
                    indexed[ThreadKey(host: row["host"], id: row["threadID"])] = (row["id"], row["stamp"])
                }
                return indexed
            }
            let live = Set(states.map(\.threadKey))
            var gone = indexed.filter { !live.contains($0.key) }.map(\.value.id)
            let stale = states.filter { state in indexed[state.threadKey].map { $0.stamp != IndexRows.stamp(state) } ?? true }
            // Snapshots are read outside the write transaction, a batch at a time.
            for batchStart in stride(from: 0, to: stale.count, by: 100) {
                var batch: [(ThreadState, ThreadSnapshot)] = []
                for state in stale[batchStart..<min(batchStart + 100, stale.count)] {
                    do {
                        batch.append((state, try archive.snapshot(of: state.threadKey)))
                    } catch {
                        report.problems.append(error.description)
                        if let id = indexed[state.threadKey]?.id { gone.append(id) }
                    }
                }
                try pool.write { db in
                    for (state, snapshot) in batch {
                        _ = try IndexRows.replace(snapshot, key: state.threadKey, stamp: stamp(state, snapshot), in: db, fts: true)
                    }
                }
                report.reindexed += batch.count
            }
            if !gone.isEmpty {
                try pool.write { db in
                    for id in gone { try IndexRows.remove(thread: id, in: db, fts: true) }
                }
            }
            report.dropped = gone.count
            (report.threads, report.posts) = try pool.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM thread") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM post") ?? 0)
            }
        } catch {
            throw SearchError.index(file, "catch up", error)
        }
        report.duration = ContinuousClock.now - start
        return report
    }

    /// Removes a database file and its WAL, shared-memory and journal files.
    static func removeDatabase(_ file: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(file + suffix) }
    }

}

/// Flushes a file or folder to disk.
private func fsyncFile(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return fsync(fd) == 0
}
