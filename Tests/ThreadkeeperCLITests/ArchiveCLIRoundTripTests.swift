import Foundation
import Testing

@Suite("threadkeeper archive verbs: import, list, show, history, verify, export")
struct ArchiveCLIRoundTripTests {
    @Test("import → list → show → history → verify → read on the Democratic Underground thread")
    func roundTrip() async throws {
        let sandbox = try ArchiveSandbox()
        let page = try sandbox.write("thread.html", bytes: try DUThread.page())

        let imported = try await sandbox.importPages([page])
        #expect(imported.exitedNormally && imported.status == 0, "\(imported)")
        #expect(imported.stderr.isEmpty, "\(imported)")
        #expect(imported.stdoutLines == ["new\t\(DUThread.key)\tv1\t5 posts (+5 ~0 -0)"], "\(imported)")

        let list = try await sandbox.run(["list"])
        #expect(list.exitedNormally && list.status == 0, "\(list)")
        #expect(list.stderr.isEmpty, "\(list)")
        try #require(list.stdoutLines.count == 1, "\(list)")
        let columns = list.stdoutLines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(columns.count == 6, "\(list)")
        #expect(Array(columns.dropFirst()) == [DUThread.key, DUThread.title, "1 version", "5 posts", DUThread.fetchedAt], "\(list)")

        let listJSON = try await sandbox.run(["list", "--json"])
        #expect(listJSON.status == 0, "\(listJSON)")
        try #require(listJSON.stdoutLines.count == 1, "\(listJSON)")
        let state = try JSONObject.parse(listJSON.stdoutLines[0])
        #expect(state["key"] as? String == DUThread.key, "\(listJSON)")
        #expect(state["versions"] as? Int == 1, "\(listJSON)")
        #expect(state["posts"] as? Int == 5, "\(listJSON)")

        let show = try await sandbox.run(["show", "--json", DUThread.key])
        #expect(show.exitedNormally && show.status == 0, "\(show)")
        #expect(show.stderr.isEmpty, "\(show)")
        #expect(show.stdoutLines.count == 1, "--json is one line: \(show)")
        let snapshot = try show.json()
        #expect(snapshot["key"] as? String == DUThread.key)
        #expect(snapshot["version"] as? Int == 1)
        #expect(snapshot["title"] as? String == DUThread.title)
        #expect(snapshot["url"] as? String == DUThread.url)
        #expect(snapshot["forum"] as? [String] == ["Latest Discussions", "General Discussion"])
        let hash = try #require(snapshot["hash"] as? String, "no hash: \(show)")
        #expect(hash.wholeMatch(of: /sha256:[0-9a-f]{64}/) != nil, "hash \(hash)")
        let posts = try #require(snapshot["posts"] as? [[String: Any]], "\(show)")
        #expect(posts.count == 5)
        let keys = posts.map { $0["key"] as? String }
        #expect(keys == DUThread.postKeys.map(Optional.some), "post keys: \(keys)")
        #expect(posts.allSatisfy { $0["removedIn"] is NSNull }, "no post is removed in version 1")
        #expect((posts.first?["author"] as? [String: Any])?["name"] as? String == "erronis")
        let provenance = try #require(snapshot["provenance"] as? [String: Any])
        #expect(provenance["fetchedAt"] as? String == DUThread.fetchedAt)
        let pages = try #require(provenance["pages"] as? [[String: Any]])
        #expect(pages.count == 1)
        #expect(pages.first?["url"] as? String == DUThread.url)
        #expect(pages.first?["status"] as? Int == 200)
        #expect(pages.first?["warc"] is [String: Any], "the version references its raw capture: \(pages)")

        // The indented form is the same data; the thread can be named by URL or by a unique prefix.
        let pretty = try await sandbox.run(["show", DUThread.key])
        #expect(pretty.status == 0 && pretty.stdoutLines.count > 1, "\(pretty)")
        #expect(try pretty.json() as NSDictionary == snapshot as NSDictionary)
        for reference in [DUThread.url, "democraticunderground.com/1002203", "100220384040"] {
            let named = try await sandbox.run(["show", "--json", reference])
            #expect(named.status == 0 && named.stdout == show.stdout, "show \(reference): \(named)")
        }

        let history = try await sandbox.run(["history", DUThread.key])
        #expect(history.exitedNormally && history.status == 0, "\(history)")
        #expect(history.stderr.isEmpty, "\(history)")
        #expect(history.stdoutLines == ["v1\t\(DUThread.fetchedAt)\t5 posts\t+5 ~0 -0"], "\(history)")
        let historyJSON = try await sandbox.run(["history", "--json", DUThread.key])
        #expect(historyJSON.status == 0 && historyJSON.stdoutLines.count == 1, "\(historyJSON)")
        let line = try JSONObject.parse(historyJSON.stdoutLines.first ?? "")
        #expect(line["version"] as? Int == 1)
        #expect(line["hash"] as? String == hash, "history and show agree on the hash")

        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
        #expect(verify.stderr.isEmpty, "\(verify)")
        #expect(verify.stdoutLines.last?.hasSuffix(": ok") == true, "\(verify)")

        let read = try await sandbox.run(["read", DUThread.key])
        #expect(read.exitedNormally && read.status == 0, "\(read)")
        for expected in [DUThread.title, "erronis", "SheltieLover", "Casual is the scary word here."] {
            #expect(read.stdoutText.contains(expected), "read shows \(expected.debugDescription): \(read)")
        }

        // The latest snapshot is one self-contained JSON file; the layout is the documented one.
        let threadJSON = try JSONObject.parse(Data(try sandbox.read("threads/\(DUThread.key)/thread.json")))
        #expect(threadJSON["hash"] as? String == hash)
        #expect(try sandbox.versionRecords(DUThread.key).count == 1)
        #expect(sandbox.warcFiles().count == 1)
    }

    @Test("an unchanged re-import (same page, same fetch time) writes nothing")
    func unchangedReimportWritesNothing() async throws {
        let sandbox = try ArchiveSandbox()
        let page = try sandbox.write("thread.html", bytes: try DUThread.page())
        let first = try await sandbox.importPages([page])
        #expect(first.status == 0, "\(first)")

        // The lock file is the writer's lock: each writer writes its PID into it while it holds it, and
        // empties it when it lets go. Everything else must stay as it is.
        let before = stamps(under: sandbox.archive).filter { $0.key != "lock" }
        #expect(before.count >= 8, "the archive holds its files: \(before.keys.sorted())")
        try await Task.sleep(for: .milliseconds(1100))

        let again = try await sandbox.importPages([page])
        #expect(again.exitedNormally && again.status == 0, "\(again)")
        #expect(again.stderr.isEmpty, "\(again)")
        #expect(again.stdoutLines == ["unchanged\t\(DUThread.key)\tv1"], "\(again)")

        let after = stamps(under: sandbox.archive).filter { $0.key != "lock" }
        #expect(Set(after.keys) == Set(before.keys), "files added or removed: \(Set(after.keys).symmetricDifference(before.keys))")
        for (path, stamp) in before.sorted(by: { $0.key < $1.key }) {
            #expect(after[path] == stamp, "\(path) changed: \(stamp) → \(after[path].map(String.init(describing:)) ?? "gone")")
        }
        #expect(try sandbox.read("lock").isEmpty, "the lock file is emptied when the writer lets go")

        let history = try await sandbox.run(["history", DUThread.key])
        #expect(history.stdoutLines.count == 1, "\(history)")
    }

    @Test("every version reconstructs byte-identical canonical JSON with its recorded hash")
    func versionsReconstructExactly() async throws {
        let sandbox = try ArchiveSandbox()
        let original = try DUThread.page()
        let changed = try DUThread.changedPage()
        let third = try replacingOnce(
            "Plate readers in my county", with: "License plate readers in my county", in: changed)
        let pages = [original, changed, third]
        for (index, bytes) in pages.enumerated() {
            let name = try sandbox.write("page\(index + 1).html", bytes: bytes)
            let outcome = try await sandbox.importPages([name], fetchedAt: "2025-06-1\(7 + index)T08:17:00Z")
            #expect(outcome.status == 0, "\(outcome)")
            #expect(outcome.stdoutLines.first?.contains("\tv\(index + 1)\t") == true, "\(outcome)")
        }

        let records = try sandbox.versionRecords(DUThread.key)
        try #require(records.count == 3)
        for version in 1...3 {
            let show = try await sandbox.run(["show", "--json", "--version", "\(version)", DUThread.key])
            #expect(show.exitedNormally && show.status == 0, "\(show)")
            let recorded = try #require(records[version - 1]["hash"] as? String)
            let snapshot = try show.json()
            #expect(snapshot["version"] as? Int == version)
            #expect(snapshot["hash"] as? String == recorded, "version \(version) carries its recorded hash")
            // Output is the canonical bytes plus a newline; without its hash member they hash to the record's hash.
            var bytes = [UInt8](show.stdout)
            #expect(bytes.last == 0x0A)
            bytes.removeLast()
            let unhashed = try #require(withoutHash(bytes), "no hash member in \(show)")
            #expect(try await sha256(unhashed) == recorded, "version \(version): the shown bytes are not the hashed bytes")

            let again = try await sandbox.run(["show", "--json", "--version", "\(version)", DUThread.key])
            #expect(again.stdout == show.stdout, "version \(version) is shown the same way twice")
        }

        // The latest version as shown, replayed from history, and thread.json are the same bytes.
        let threadJSON = try sandbox.read("threads/\(DUThread.key)/thread.json")
        let latest = try await sandbox.run(["show", "--json", DUThread.key])
        let named = try await sandbox.run(["show", "--json", "--version", "3", DUThread.key])
        #expect([UInt8](latest.stdout) == threadJSON, "show --json is thread.json byte for byte")
        #expect([UInt8](named.stdout) == threadJSON, "show --version 3 is thread.json byte for byte")

        // Version 3 still holds the post removed in version 2, marked (a removed post is never dropped).
        let posts = try #require(try latest.json()["posts"] as? [[String: Any]])
        #expect(posts.count == 6, "version 3's posts: \(posts.map { $0["key"] ?? "?" })")
        #expect(posts.first { $0["key"] as? String == "id:20384215" }?["removedIn"] as? Int == 2)

        // verify replays every version from versions.jsonl and checks each hash.
        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
        #expect(verify.stderr.isEmpty, "\(verify)")

        // Without thread.json, show must replay the latest version from the history: the same bytes.
        let snapshotFile = sandbox.path("threads/\(DUThread.key)/thread.json")
        try FileManager.default.moveItem(atPath: snapshotFile, toPath: snapshotFile + ".aside")
        let rebuilt = try await sandbox.run(["show", "--json", DUThread.key])
        #expect(rebuilt.exitedNormally && rebuilt.status == 0, "replaying version 3: \(rebuilt)")
        #expect([UInt8](rebuilt.stdout) == threadJSON, "version 3 replayed from versions.jsonl is thread.json byte for byte")
    }

    @Test("export --format jsonl: one JSON object per post, each with its thread and version")
    func exportJSONLines() async throws {
        let sandbox = try ArchiveSandbox()
        let first = try sandbox.write("page1.html", bytes: try DUThread.page())
        let second = try sandbox.write("page2.html", bytes: try DUThread.changedPage())
        #expect(try await sandbox.importPages([first]).status == 0)
        #expect(try await sandbox.importPages([second], fetchedAt: "2025-06-18T08:17:00Z").status == 0)
        try sandbox.write("synthetic.json", SyntheticForum.config)
        let synthetic = try sandbox.write("synthetic.html", bytes: SyntheticForum.page())
        let other = try await sandbox.importPages(
            [synthetic], url: SyntheticForum.url, extra: ["--config", "synthetic.json"])
        #expect(other.status == 0, "\(other)")

        let one = try await sandbox.run(["export", "--format", "jsonl", DUThread.key])
        #expect(one.exitedNormally && one.status == 0, "\(one)")
        #expect(one.stderr.isEmpty, "\(one)")
        let lines = try one.stdoutLines.map { try JSONObject.parse($0) }
        #expect(lines.count == 6, "5 posts shown plus the removed one: \(one)")
        #expect(lines.allSatisfy { $0["thread"] as? String == DUThread.key }, "\(one)")
        #expect(lines.allSatisfy { $0["version"] as? Int == 2 }, "\(one)")
        #expect(Set(lines.compactMap { $0["key"] as? String }).count == 6, "each post once: \(one)")
        #expect(lines.filter { $0["removedIn"] as? Int == 2 }.compactMap { $0["key"] as? String } == ["id:20384215"])

        let all = try await sandbox.run(["export", "--format", "jsonl"])
        #expect(all.status == 0, "\(all)")
        let everything = try all.stdoutLines.map { try JSONObject.parse($0) }
        #expect(everything.count == 8, "both threads: \(all)")
        #expect(everything.allSatisfy { $0["thread"] is String && $0["version"] is Int }, "\(all)")
        #expect(everything.filter { $0["thread"] as? String == "forum.example.org/4242" }.count == 2, "\(all)")
    }

    @Test("an archive of a newer format is refused with a clear message and nothing is written")
    func newerFormatRefused() async throws {
        let sandbox = try ArchiveSandbox()
        try FileManager.default.createDirectory(atPath: sandbox.archive, withIntermediateDirectories: true)
        let header = Array("{\"format\": 99}\n".utf8)
        try Data(header).write(to: URL(fileURLWithPath: sandbox.path("archive.json")))
        let page = try sandbox.write("thread.html", bytes: try DUThread.page())

        let imported = try await sandbox.importPages([page])
        expectOneLineFailure(imported, naming: ["archive.json", "newer"])
        #expect(imported.stdout.isEmpty, "\(imported)")
        #expect(try sandbox.read("archive.json") == header, "archive.json is left as it was")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("threads")), "no threads folder is created")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("warc")), "no WARC folder is created")
        // Taking the writer's lock may create the (empty) lock file; nothing else may appear.
        let entries = Set(treeEntries(under: sandbox.archive))
        #expect(entries.isSubset(of: ["archive.json", "lock"]), "written: \(entries.sorted())")
        if entries.contains("lock") { #expect(try sandbox.read("lock").isEmpty) }

        for arguments in [["list"], ["verify"], ["show", DUThread.key]] {
            let reader = try await sandbox.run(arguments)
            expectOneLineFailure(reader, naming: ["newer"])
        }
    }

    @Test("a one-letter relative archive folder (--archive a) works")
    func oneLetterArchiveFolder() async throws {
        let folder = try TemporaryFolder()
        try folder.write("thread.html", bytes: try DUThread.page())
        let imported = try await runThreadkeeper(
            ["import", "thread.html", "--url", DUThread.url, "--fetched-at", DUThread.fetchedAt, "--archive", "a"],
            in: folder.url)
        #expect(imported.exitedNormally && imported.status == 0, "\(imported)")
        #expect(imported.stdoutLines == ["new\t\(DUThread.key)\tv1\t5 posts (+5 ~0 -0)"], "\(imported)")
        let verify = try await runThreadkeeper(["verify", "--archive", "a"], in: folder.url)
        #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
    }
}
