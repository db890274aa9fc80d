import Archive
import Foundation
import Model
import Testing

@Suite("Archive: storing versions")
struct ArchiveStoreTests {
    let folder = TemporaryFolder()

    func writer() throws -> ArchiveWriter { try ArchiveWriter(root: folder.path, software: "tests") }

    static let three = [
        Build.post("1", "ann", "First post, opening the thread."),
        Build.post("2", "bob", "A reply with some words."),
        Build.post("3", "cat", "Another reply."),
    ]

    @Test func aNewThreadIsVersionOneAndReadsBack() throws {
        let writer = try writer()
        let outcome = try writer.store(Build.capture([Build.thread(Self.three)]))
        let key = ThreadKey(host: "forum.example", id: "42")
        #expect(outcome == .new(key, ChangeSummary(added: 3, edited: 0, removed: 0, posts: 3, changedFields: [])))
        let snapshot = try writer.reader.snapshot(of: key)
        #expect(snapshot.version == 1)
        #expect(snapshot.posts.map(\.key) == ["id:1", "id:2", "id:3"])
        #expect(snapshot.provenance.pages.count == 1)
        #expect(snapshot.provenance.pages[0].etag == "\"e0\"")
        #expect(snapshot.hash?.hasPrefix("sha256:") == true)
        // thread.json is exactly the canonical snapshot with its hash.
        let file = try Data(contentsOf: URL(fileURLWithPath: writer.reader.folder(of: key) + "/thread.json"))
        #expect(file == (try CanonicalJSON.encode(snapshot)) + Data("\n".utf8))
    }

    @Test func anIdenticalFetchWritesNothing() throws {
        let writer = try writer()
        _ = try writer.store(Build.capture([Build.thread(Self.three)]))
        let before = folder.listing()
        let outcome = try writer.store(Build.capture([Build.thread(Self.three)]))
        #expect(outcome == .unchanged(ThreadKey(host: "forum.example", id: "42"), version: 1))
        #expect(folder.listing() == before)
    }

    @Test func viewsRelativeTimesAndPostCountsAreObservationsNotVersions() throws {
        let writer = try writer()
        var posts = Self.three
        posts[1] = Build.post("2", "bob", "A reply with some words.", time: "17 hrs ago", approximate: true)
        _ = try writer.store(Build.capture([Build.thread(posts, views: 100)]))
        posts[1] = Build.post("2", "bob", "A reply with some words.", time: "18 hrs ago", approximate: true)
        posts[1].published.iso = "2025-06-16T14:17:00Z"
        posts[2].author.postCount = 11
        let outcome = try writer.store(Build.capture([Build.thread(posts, views: 250)], at: 1_750_003_600))
        let key = ThreadKey(host: "forum.example", id: "42")
        #expect(outcome == .unchanged(key, version: 1))
        #expect(try writer.reader.history(of: key).records.count == 1)
        let state = try #require(try writer.reader.state(of: key))
        #expect(state.observed.views == 250)
        #expect(state.observed.fetchedAt == "2025-06-15T16:06:40Z")
        // The version keeps what it first saw.
        #expect(try writer.reader.snapshot(of: key).posts[1].post.published.text == "17 hrs ago")
    }

    @Test func sessionIDsInABodyAreNoChange() throws {
        let writer = try writer()
        var posts = Self.three
        posts[0].html = "<a href=\"viewtopic.php?t=1&amp;sid=0123456789abcdef0123456789abcdef\">x</a>"
        _ = try writer.store(Build.capture([Build.thread(posts)]))
        posts[0].html = "<a href=\"viewtopic.php?t=1&amp;sid=fedcba9876543210fedcba9876543210\">x</a>"
        let outcome = try writer.store(Build.capture([Build.thread(posts)]))
        #expect(outcome.version == 1)
        guard case .unchanged = outcome else {
            Issue.record("a new session id made a version: \(outcome)")
            return
        }
    }

    @Test func addedEditedAndRemovedPostsMakeExactlyThatVersion() throws {
        let writer = try writer()
        let key = ThreadKey(host: "forum.example", id: "42")
        _ = try writer.store(Build.capture([Build.thread(Self.three)]))
        var posts = Self.three
        posts.remove(at: 2)
        posts[1] = Build.post("2", "bob", "A reply with other words.")
        posts.append(Build.post("4", "dan", "Late to the thread."))
        let outcome = try writer.store(Build.capture([Build.thread(posts, replies: 2)], at: 1_750_000_600))
        #expect(outcome == .changed(key, version: 2, ChangeSummary(added: 1, edited: 1, removed: 1, posts: 3, changedFields: [])))
        let (v1, v2) = try writer.reader.snapshots(of: key, 1, 2)
        let diff = ThreadDiff(from: v1, to: v2)
        #expect(diff.added.map(\.key) == ["id:4"])
        #expect(diff.removed.map(\.key) == ["id:3"])
        #expect(diff.edited.map(\.key) == ["id:2"])
        #expect(diff.edited.first?.changed == ["text", "html"])
        let runs = diff.edited.first?.text.filter { $0.op != " " }.map { "\($0.op)\($0.text)" }
        #expect(runs == ["-some", "+other"])
        // The removed post stays, marked, in its place.
        #expect(v2.posts.map(\.key) == ["id:1", "id:2", "id:3", "id:4"])
        #expect(v2.posts[2].removedIn == 2)
        #expect(v1.posts.count == 3 && v1.posts.allSatisfy { $0.removedIn == nil })
    }

    @Test func everyVersionReconstructsByteIdentical() throws {
        let writer = try writer()
        let key = ThreadKey(host: "forum.example", id: "42")
        var posts = Self.three
        var stored: [Data] = []
        for round in 0..<6 {
            if round % 2 == 1 { posts.append(Build.post("\(10 + round)", "eve", "Round \(round).")) }
            if round == 2 { posts[2].counts.recommendations = 5 }
            if round == 4 { posts[0].text = "First post, edited." }
            if round == 5 { posts.remove(at: 1) }
            if round == 3 {
                // A reply inserted in the middle (threaded forums do this).
                posts.insert(Build.post("99", "fay", "An answer to the first post.", depth: 1), at: 1)
            }
            _ = try writer.store(Build.capture([Build.thread(posts)], at: 1_750_000_000 + Double(round) * 60))
            stored.append(try CanonicalJSON.encode(try writer.reader.snapshot(of: key)))
        }
        let history = try writer.reader.history(of: key)
        #expect(history.records.count == stored.count)
        #expect(history.records.contains { $0.order != nil }, "the inserted reply should record an order")
        for version in 1...stored.count {
            let rebuilt = try CanonicalJSON.encode(try writer.reader.snapshot(of: key, version: version))
            #expect(rebuilt == stored[version - 1], "version \(version)")
        }
        #expect(writer.reader.verify(repair: false).failures.isEmpty)
    }

    @Test func postsWithoutIDsKeepTheirKeysWhenAPostIsInserted() throws {
        let writer = try writer()
        let key = ThreadKey(host: "forum.example", id: "42")
        var posts = [Build.post(nil, "ann", "one"), Build.post(nil, "bob", "two"), Build.post(nil, "cat", "three")]
        _ = try writer.store(Build.capture([Build.thread(posts)]))
        posts.insert(Build.post(nil, "dan", "inserted"), at: 1)
        let outcome = try writer.store(Build.capture([Build.thread(posts, replies: 2)]))
        #expect(outcome == .changed(key, version: 2, ChangeSummary(added: 1, edited: 0, removed: 0, posts: 4, changedFields: [])))
    }

    @Test func aRemovedPostStaysInLaterVersions() throws {
        let writer = try writer()
        let key = ThreadKey(host: "forum.example", id: "42")
        _ = try writer.store(Build.capture([Build.thread(Self.three)]))
        let two = [Self.three[0], Self.three[2]]
        _ = try writer.store(Build.capture([Build.thread(two, replies: 2)]))
        _ = try writer.store(Build.capture([Build.thread(two + [Build.post("4", "dan", "New.")], replies: 2)]))
        _ = try writer.store(Build.capture([Build.thread([Build.post("4", "dan", "New.")] + two, replies: 2)]))
        let latest = try writer.reader.snapshot(of: key)
        #expect(latest.version == 4)
        #expect(latest.posts.first { $0.key == "id:2" }?.removedIn == 2)
        #expect(latest.posts.count == 4)
        #expect(writer.reader.verify(repair: false).failures.isEmpty)
    }

    @Test func aRemovedPostThatComesBackIsAnEdit() throws {
        let writer = try writer()
        let key = ThreadKey(host: "forum.example", id: "42")
        _ = try writer.store(Build.capture([Build.thread(Self.three)]))
        _ = try writer.store(Build.capture([Build.thread(Array(Self.three.prefix(2)), replies: 2)]))
        let outcome = try writer.store(Build.capture([Build.thread(Self.three, replies: 2)]))
        #expect(outcome == .changed(key, version: 3, ChangeSummary(added: 0, edited: 1, removed: 0, posts: 3, changedFields: [])))
        #expect(try writer.reader.snapshot(of: key).posts[2].removedIn == nil)
    }

    @Test func thisThreadLevelFieldsAreChanges() throws {
        let writer = try writer()
        let key = ThreadKey(host: "forum.example", id: "42")
        _ = try writer.store(Build.capture([Build.thread(Self.three)]))
        let outcome = try writer.store(Build.capture([Build.thread(Self.three, title: "A new title", replies: 7)]))
        #expect(outcome == .changed(key, version: 2, ChangeSummary(added: 0, edited: 0, removed: 0, posts: 3, changedFields: ["title", "replies"])))
    }

    /// Archives written when `site` was the config's site name (`du`) meet fetches whose `site` is the host:
    /// that alone is no change, and the next version stored for a real change records the host.
    @Test func aSiteNamedByTheOldRuleIsNoChange() throws {
        let writer = try writer()
        let key = ThreadKey(host: "forum.example", id: "42")
        var old = Build.thread(Self.three)
        old.site = "du"
        _ = try writer.store(Build.capture([old]))
        var now = Build.thread(Self.three)
        now.site = "forum.example"
        #expect(try writer.store(Build.capture([now], at: 1_750_003_600)) == .unchanged(key, version: 1))
        #expect(try writer.reader.snapshot(of: key).site == "du", "a stored version is never rewritten")
        let longer = Build.thread(Self.three + [Build.post("4", "dan", "A fourth post.")])
        var changed = longer
        changed.site = "forum.example"
        let outcome = try writer.store(Build.capture([changed], at: 1_750_007_200))
        #expect(outcome.version == 2)
        #expect(try writer.reader.snapshot(of: key).site == "forum.example")
        #expect(try writer.reader.snapshot(of: key, version: 1).site == "du")
        #expect(try writer.reader.state(of: key)?.site == "forum.example")
    }

    @Test func aVersionGrowsWithTheChangeNotWithTheThread() throws {
        let writer = try writer()
        let key = ThreadKey(host: "forum.example", id: "42")
        var posts = (1...2_000).map { Build.post("\($0)", "user\($0 % 37)", "Post number \($0) with a few words in it.") }
        _ = try writer.store(Build.capture([Build.thread(posts)]))
        let file = writer.reader.folder(of: key) + "/versions.jsonl"
        let first = try Data(contentsOf: URL(fileURLWithPath: file)).count
        posts += (2_001...2_003).map { Build.post("\($0)", "new", "Three more posts.") }
        _ = try writer.store(Build.capture([Build.thread(posts)]))
        let second = try Data(contentsOf: URL(fileURLWithPath: file)).count - first
        #expect(second * 100 < first, "version 2 took \(second) bytes for 3 new posts (version 1: \(first))")
    }

    @Test func identicalBodiesAreStoredOnceAsRevisits() throws {
        let writer = try writer()
        let key = ThreadKey(host: "forum.example", id: "42")
        _ = try writer.store(Build.capture([Build.thread(Self.three)], body: "<html>same</html>"))
        _ = try writer.store(Build.capture([Build.thread(Self.three, title: "Retitled")], body: "<html>same</html>"))
        let (v1, v2) = try writer.reader.snapshots(of: key, 1, 2)
        #expect(v1.provenance.pages[0].warc == v2.provenance.pages[0].warc)
        #expect(try writer.reader.body(of: v2.provenance.pages[0]) == Array("<html>same</html>".utf8))
    }
}

@Suite("Diff text")
struct DiffTextTests {
    @Test func aRewrittenPhraseIsOneRemovalAndOneAddition() {
        let old = "Where do the vans stop? Nobody at the meeting could say."
        let new = "Where do the vans stop? Found it: bays at both ends."
        let runs = PostEdit.coalesced(WordDiff.diff(old, new))
        let kept = runs.compactMap { if case .same(let t) = $0 { t } else { nil } }
        #expect(runs.count { if case .removed = $0 { true } else { false } } == 1, "\(runs)")
        #expect(runs.count { if case .added = $0 { true } else { false } } == 1, "\(runs)")
        // Kept + removed is the old text, kept + added the new one.
        var before = "", after = ""
        for run in runs {
            switch run {
            case .same(let t): before += t; after += t
            case .removed(let t): before += t
            case .added(let t): after += t
            }
        }
        #expect(before == old && after == new)
        #expect(kept.first == "Where do the vans stop? ")
    }
}
