import Foundation
import Testing

@Suite("threadkeeper archive verbs: damage is found, torn writes are mended, WARC files are readable by warcio")
struct ArchiveCLIDamageTests {
    /// A sandbox whose archive holds two versions of the DU thread.
    private func twoVersions() async throws -> ArchiveSandbox {
        let sandbox = try ArchiveSandbox()
        let first = try sandbox.write("before.html", bytes: try DUThread.page())
        let second = try sandbox.write("after.html", bytes: try DUThread.changedPage())
        let v1 = try await sandbox.importPages([first], fetchedAt: "2025-06-17T08:17:00Z")
        let v2 = try await sandbox.importPages([second], fetchedAt: "2025-06-17T10:17:00Z")
        try #require(v1.status == 0 && v2.status == 0, "\(v1)\n\(v2)")
        let verify = try await sandbox.run(["verify"])
        try #require(verify.status == 0, "the undamaged archive verifies: \(verify)")
        return sandbox
    }

    private var history: String { "threads/\(DUThread.key)/versions.jsonl" }

    /// Flips bits of the byte at `offset` of `relative` in the archive.
    private func flip(_ sandbox: ArchiveSandbox, _ relative: String, at offset: Int, mask: UInt8 = 0x20) throws {
        var bytes = try sandbox.read(relative)
        try #require(offset < bytes.count)
        bytes[offset] ^= mask
        try Data(bytes).write(to: URL(fileURLWithPath: sandbox.path(relative)))
    }

    @Test("a flipped byte in versions.jsonl is reported by verify, naming the file")
    func flippedHistoryByte() async throws {
        let sandbox = try await twoVersions()
        // Inside a post's text in version 1's line: the line is still JSON, only the content differs.
        let bytes = try sandbox.read(history)
        let at = try #require(bytes.firstRange(of: Array("Casual is the scary".utf8))?.lowerBound)
        try flip(sandbox, history, at: at + 14)  // "scary" → "Scary"

        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 1, "\(verify)")
        #expect(verify.stderrLines.contains { $0.contains("versions.jsonl") }, "a line names versions.jsonl: \(verify)")
        #expect(verify.stdoutLines.last?.hasSuffix(": ok") == false, "\(verify)")
    }

    @Test("a flipped byte that breaks a versions.jsonl line's JSON is reported by verify")
    func flippedHistoryStructure() async throws {
        let sandbox = try await twoVersions()
        let bytes = try sandbox.read(history)
        let at = try #require(bytes.firstRange(of: Array("\"added\":[".utf8))?.lowerBound)
        try flip(sandbox, history, at: at + 9, mask: 0x01)  // "[" → "Z"

        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 1, "\(verify)")
        #expect(verify.stderrLines.contains { $0.contains("versions.jsonl") }, "a line names versions.jsonl: \(verify)")
    }

    @Test("a flipped byte in the WARC file is reported by verify, naming the file")
    func flippedWARCByte() async throws {
        let sandbox = try await twoVersions()
        let records = try sandbox.versionRecords(DUThread.key)
        let provenance = try #require(records[0]["provenance"] as? [String: Any])
        let warc = try #require((provenance["pages"] as? [[String: Any]])?.first?["warc"] as? [String: Any])
        let file = try #require(warc["file"] as? String)
        let offset = try #require(warc["offset"] as? Int)
        let length = try #require(warc["length"] as? Int)
        // In the middle of the compressed body of version 1's response record.
        try flip(sandbox, "warc/\(file)", at: offset + length / 2, mask: 0x40)

        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 1, "\(verify)")
        #expect(verify.stderrLines.contains { $0.contains(file) }, "a line names \(file): \(verify)")
    }

    @Test("a torn last line of versions.jsonl is reported, ignored by show and history, and trimmed by verify --repair")
    func tornHistoryLine() async throws {
        let sandbox = try await twoVersions()
        let intact = try sandbox.read(history)
        let lines = intact.split(separator: 0x0A)
        let half = Array(lines[1].prefix(lines[1].count / 2))
        try Data(intact + half).write(to: URL(fileURLWithPath: sandbox.path(history)))

        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 1, "\(verify)")
        #expect(verify.stderrLines.contains { $0.contains("versions.jsonl") && $0.contains("torn") }, "\(verify)")

        let show = try await sandbox.run(["show", "--json", DUThread.key])
        #expect(show.exitedNormally && show.status == 0, "\(show)")
        #expect(try show.json()["version"] as? Int == 2, "\(show)")
        let old = try await sandbox.run(["show", "--json", "--version", "1", DUThread.key])
        #expect(old.exitedNormally && old.status == 0, "\(old)")
        #expect(try old.json()["version"] as? Int == 1, "\(old)")
        let historyRun = try await sandbox.run(["history", DUThread.key])
        #expect(historyRun.exitedNormally && historyRun.status == 0, "\(historyRun)")
        #expect(historyRun.stdoutLines.count == 2, "the torn line is not a version: \(historyRun)")
        let list = try await sandbox.run(["list"])
        #expect(list.status == 0 && list.stdoutText.contains("2 versions"), "\(list)")

        let repair = try await sandbox.run(["verify", "--repair"])
        #expect(repair.exitedNormally && repair.status == 0, "\(repair)")
        #expect(repair.stdoutLines.contains { $0.hasPrefix("repaired:") && $0.contains("versions.jsonl") }, "\(repair)")
        #expect(try sandbox.read(history) == intact, "--repair cuts the torn tail off, and only it")

        let after = try await sandbox.run(["verify"])
        #expect(after.exitedNormally && after.status == 0, "\(after)")
        #expect(after.stderr.isEmpty, "\(after)")
    }

    @Test("the next import after a torn last line cuts it off and appends its version after the good ones")
    func importAfterTornLine() async throws {
        let sandbox = try await twoVersions()
        let intact = try sandbox.read(history)
        try Data(intact + Array("{\"version\":3,\"hash\":\"sha256:00".utf8)).write(to: URL(fileURLWithPath: sandbox.path(history)))
        let third = try sandbox.write(
            "third.html",
            bytes: try replacingOnce("Plate readers in my county", with: "License plate readers in my county", in: try DUThread.changedPage()))
        let stored = try await sandbox.importPages([third], fetchedAt: "2025-06-17T12:17:00Z")
        #expect(stored.exitedNormally && stored.status == 0, "\(stored)")
        #expect(stored.stdoutLines == ["changed\t\(DUThread.key)\tv3\t5 posts (+0 ~1 -0)"], "\(stored)")
        let records = try sandbox.versionRecords(DUThread.key)
        #expect(records.map { $0["version"] as? Int } == [1, 2, 3])
        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
    }

    @Test("WARC files pass warcio check and warcio index; versions reference their response records; revisits for identical bodies")
    func warcioReadsTheWARCFiles() async throws {
        let probe = try await runTool("warcio", ["--help"])
        guard probe.status == 0 else {
            Issue.record("warcio is not installed (pip install warcio): the WARC files must be checked by an independent reader")
            return
        }
        let sandbox = try await twoVersions()
        // A thread of two pages whose first page is fetched again unchanged: its body is stored as a revisit.
        try sandbox.write("config.json", SyntheticForum.config)
        let page1 = try sandbox.write("p1.html", bytes: SyntheticForum.page())
        let page2 = try sandbox.write(
            "p2.html", bytes: SyntheticForum.page(posts: [.init(author: "cat", time: "1 hr ago", body: "Page two.")]))
        let page2b = try sandbox.write(
            "p2b.html",
            bytes: SyntheticForum.page(posts: [
                .init(author: "cat", time: "1 hr ago", body: "Page two."), .init(author: "dan", time: "now", body: "More."),
            ]))
        let config = ["--config", "config.json"]
        let s1 = try await sandbox.importPages([page1, page2], url: SyntheticForum.url, extra: config)
        let s2 = try await sandbox.importPages(
            [page1, page2b], url: SyntheticForum.url, fetchedAt: "2025-06-17T09:17:00Z", extra: config)
        #expect(s1.status == 0 && s2.status == 0, "\(s1)\n\(s2)")
        #expect(s2.stdoutLines.first?.hasPrefix("changed\tforum.example.org/4242\tv2\t") == true, "\(s2)")

        let files = sandbox.warcFiles()
        try #require(!files.isEmpty, "no WARC files in \(sandbox.archive)/warc")
        var indexed: [[String: Any]] = []
        for file in files {
            let check = try await runTool("warcio", ["check", "-v", file])
            #expect(check.status == 0, "warcio check: \(check)")
            #expect(!check.stdoutText.contains("digest fail"), "\(check)")
            let index = try await runTool(
                "warcio", ["index", "-f", "warc-type,warc-record-id,offset,length,warc-target-uri,filename", file])
            #expect(index.status == 0, "warcio index: \(index)")
            for line in index.stdoutText.split(separator: "\n") {
                var entry = try JSONObject.parse(String(line))
                entry["file"] = (file as NSString).lastPathComponent
                indexed.append(entry)
            }
        }
        let types = Set(indexed.compactMap { $0["warc-type"] as? String })
        #expect(types.isSuperset(of: ["warcinfo", "request", "response", "revisit"]), "record types: \(types.sorted())")

        // Every page of every version points at a response record that warcio finds at that offset and length.
        for key in [DUThread.key, "forum.example.org/4242"] {
            for record in try sandbox.versionRecords(key) {
                let pages = (record["provenance"] as? [String: Any])?["pages"] as? [[String: Any]] ?? []
                #expect(!pages.isEmpty)
                for page in pages {
                    let warc = try #require(page["warc"] as? [String: Any], "\(key) v\(record["version"] ?? "?"): no WARC reference")
                    let match = indexed.first {
                        $0["file"] as? String == warc["file"] as? String
                            && $0["offset"] as? String == (warc["offset"] as? Int).map(String.init)
                    }
                    #expect(match?["warc-type"] as? String == "response", "\(key) v\(record["version"] ?? "?"): \(warc) → \(match ?? [:])")
                    #expect(match?["length"] as? String == (warc["length"] as? Int).map(String.init), "\(warc) → \(match ?? [:])")
                    #expect(match?["warc-record-id"] as? String == warc["recordID"] as? String, "\(warc) → \(match ?? [:])")
                }
            }
        }
    }
}
