import Archive
import Foundation
import GRDB
import Model
import Testing

@testable import Search

@Suite("Search: the index follows the archive")
struct SearchIndexTests {
    let archive = TemporaryArchive()

    static let queries = [
        "cameras", "\"flock cameras\"", "surveil*", "cameras -flock", "tomatoes OR zebras", "cafe", "cameras site:hn",
        "author:bob", "cameras from:2025-06 to:2025-06",
    ]

    func answers(_ index: SearchIndex) throws -> [SearchResults] {
        try Self.queries.map { try index.search(SearchQuery($0)) }
    }

    @Test func aNewIndexIsBuiltAtTheDefaultPlace() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let index = try archive.index()
        #expect(index.path == archive.indexFile)
        #expect(index.opened.rebuilt)
        #expect(index.opened.reason == "missing")
        #expect(index.opened.threads == 3)
        #expect(index.opened.posts == 7)
        #expect(FileManager.default.fileExists(atPath: archive.indexFile))
        // Opening again only catches up, and there is nothing to catch up with.
        let again = try archive.index()
        #expect(!again.opened.rebuilt)
        #expect(again.opened.reindexed == 0)
        #expect(try answers(again) == answers(index))
    }

    @Test func aDeletedIndexIsRebuiltWithTheSameResults() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let before = try answers(try archive.index())
        #expect(before.allSatisfy { $0.total > 0 })
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: archive.indexFile + suffix) }
        let index = try archive.index()
        #expect(index.opened.rebuilt)
        #expect(index.opened.reason == "missing")
        #expect(try answers(index) == before)
    }

    @Test func aCorruptIndexIsRebuilt() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let before = try answers(try archive.index())
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: archive.indexFile + suffix) }
        var garbage = [UInt8](repeating: 0, count: 8_192)
        for index in garbage.indices { garbage[index] = UInt8(truncatingIfNeeded: index &* 131 &+ 7) }
        try Data(garbage).write(to: URL(fileURLWithPath: archive.indexFile))
        let index = try archive.index()
        #expect(index.opened.rebuilt)
        #expect(index.opened.reason?.hasPrefix("unreadable") == true, "\(index.opened.reason ?? "")")
        #expect(try answers(index) == before)
    }

    @Test func anIndexWithDamagedPagesIsRebuilt() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let before = try answers(try archive.index())
        // Keep the header (so it opens) and overwrite the pages after it.
        let handle = try #require(FileHandle(forUpdatingAtPath: archive.indexFile))
        try handle.seek(toOffset: 4_096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 16_384))
        try handle.close()
        let index = try archive.index()
        #expect(index.opened.rebuilt)
        #expect(try answers(index) == before)
    }

    @Test func anIndexOfAnotherSchemaVersionIsRebuilt() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let before = try answers(try archive.index())
        let queue = try DatabaseQueue(path: archive.indexFile)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 999") }
        try queue.close()
        let index = try archive.index()
        #expect(index.opened.reason == "schema version 999, not \(IndexSchema.version)")
        #expect(try answers(index) == before)
    }

    @Test func anotherProgramsDatabaseIsRefusedNotReplaced() throws {
        try archive.store(Build.sample()[0])
        let file = archive.root + "/other.sqlite"
        let queue = try DatabaseQueue(path: file)
        try queue.write { db in try db.execute(sql: "CREATE TABLE precious (x); INSERT INTO precious VALUES (1)") }
        try queue.close()
        #expect {
            _ = try SearchIndex.open(archive: try archive.reader(), at: file)
        } throws: { error in
            (error as? SearchError)?.description == "\(file): a SQLite database of another program, not a search index; not replacing it"
        }
        let check = try DatabaseQueue(path: file)
        #expect(try check.read { db in try Int.fetchOne(db, sql: "SELECT x FROM precious") } == 1)
    }

    @Test func updateIndexesANewVersion() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let index = try archive.index()
        var thread = Build.sample()[2]
        thread.posts.append(Build.post("32", "fred", "Giraffes prefer tall cameras.", at: "2025-06-21T08:00:00Z"))
        thread.posts[1].position = 2
        let snapshot = try archive.store(thread, at: 1_750_003_600)
        #expect(snapshot.version == 2)
        #expect(try index.search(SearchQuery("giraffes")).total == 0)
        try index.update(snapshot)
        #expect(try index.search(SearchQuery("giraffes")).keys == ["id:32"])
        #expect(try index.search(SearchQuery("tomatoes")).keys == ["id:31"])
        // Nothing left over: the thread's posts are indexed once.
        #expect(try index.search(SearchQuery("cameras site:du")).total == 4)
        // A catch-up after the update finds nothing to do.
        #expect(try index.catchUp().reindexed == 0)
    }

    @Test func removedPostsAreFoundAndFlagged() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let index = try archive.index()
        var thread = Build.sample()[0]
        thread.posts.remove(at: 1)  // bob's post is gone from the forum
        try index.update(try archive.store(thread, at: 1_750_003_600))
        let results = try index.search(SearchQuery("counted"))
        #expect(results.keys == ["id:12"])
        #expect(results.hits.first?.removed == true)
        #expect(try index.search(SearchQuery("everywhere")).hits.first?.removed == false)
    }

    @Test func catchUpFindsVersionsStoredWithoutUpdate() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let index = try archive.index()
        var thread = Build.sample()[1]
        thread.title = "Licence plate readers and giraffes"
        try archive.store(thread, at: 1_750_003_600)
        #expect(try index.search(SearchQuery("giraffes")).total == 0)
        let report = try index.catchUp()
        #expect(report.reindexed == 1)
        #expect(report.threads == 3)
        #expect(try index.search(SearchQuery("giraffes")).keys.sorted() == ["id:21", "id:22", "id:22/c1"])
        #expect(try index.search(SearchQuery("\"plate readers\"")).total == 3)
        // Opening the index catches up too.
        try archive.store(Build.thread("4", title: "Okapis", [Build.post("41", "gil", "Okapi sighting.")]), at: 1_750_007_200)
        let reopened = try archive.index()
        #expect(reopened.opened.reindexed == 1)
        #expect(try reopened.search(SearchQuery("okapi*")).keys == ["id:41"])
    }

    @Test func threadsGoneFromTheArchiveAreDropped() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let index = try archive.index()
        let reader = try archive.reader()
        try FileManager.default.removeItem(atPath: reader.folder(of: ThreadKey(host: "news.ycombinator.com", id: "2")))
        let report = try index.catchUp()
        #expect(report.dropped == 1)
        #expect(report.threads == 2)
        #expect(try index.search(SearchQuery("cameras")).keys.sorted() == ["id:11", "id:12", "id:31"])
    }

    @Test func anExplicitRebuildGivesTheSameResults() throws {
        for thread in Build.sample() { try archive.store(thread) }
        let index = try archive.index()
        let before = try answers(index)
        let report = try index.rebuild()
        #expect(report.rebuilt)
        #expect(report.threads == 3)
        #expect(report.posts == 7)
        #expect(try answers(index) == before)
    }

    @Test func anUnwritableArchiveKeepsItsIndexInTheCache() throws {
        let path = IndexLocation.defaultPath(
            archiveRoot: "/proc/threadkeeper-no-such-archive", environment: ["XDG_CACHE_HOME": "/tmp/cache-x", "HOME": "/root"])
        #expect(path.hasPrefix("/tmp/cache-x/threadkeeper/search-"))
        #expect(path.hasSuffix(".sqlite"))
        let home = IndexLocation.defaultPath(archiveRoot: "/proc/threadkeeper-no-such-archive", environment: ["HOME": "/home/u"])
        #expect(home == path.replacingOccurrences(of: "/tmp/cache-x", with: "/home/u/.cache"))
    }

    @Test func controlCharactersInPostsCannotForgeMatches() throws {
        try archive.store(Build.thread("9", title: "Odd", [Build.post("91", "mallory", "plain \u{2}fake\u{3} marker and lemurs")]))
        let hit = try #require(try archive.index().search(SearchQuery("lemurs")).hits.first)
        #expect(hit.snippet == [SnippetRun("plain  fake  marker and ", isMatch: false), SnippetRun("lemurs", isMatch: true)])
    }
}
