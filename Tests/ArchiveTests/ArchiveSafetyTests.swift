import Archive
import Foundation
import Model
import Testing

@Suite("Archive: keys, locks, formats, damage")
struct ArchiveSafetyTests {
    let folder = TemporaryFolder()

    @Test(arguments: [
        "..", ".", "../../etc/passwd", "/etc/passwd", "%2e%2e", "%2e%2e%2fetc", "a\u{0}b", String(repeating: "x", count: 500),
        "аbc", "ABC", "abc", "C:\\windows", "a/../../b", "~root", "",
    ])
    func threadIDsNeverNameAPathOutsideTheArchive(_ id: String) {
        let path = ThreadKey(host: "forum.example", id: id).relativePath
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        #expect(parts.count == 2, "\(path)")
        for part in parts {
            #expect(!part.isEmpty && part != "." && part != "..", "\(path)")
            #expect(part.utf8.count <= 64, "\(path)")
            #expect(part.unicodeScalars.allSatisfy { "abcdefghijklmnopqrstuvwxyz0123456789_-.~".unicodeScalars.contains($0) }, "\(path)")
            #expect(!part.hasPrefix("."), "\(path)")
        }
    }

    @Test func idsThatDifferOnlyInCaseOrByLookAlikesGetDifferentFolders() {
        let ids = ["abc", "ABC", "Abc", "аbc", "abc.", "abc%20", "abc "]
        let paths = Set(ids.map { ThreadKey(host: "forum.example", id: $0).relativePath.lowercased() })
        #expect(paths.count == ids.count)
    }

    @Test func hostilHostsAreMadeSafeToo() {
        for host in ["..", "a/b", "x\u{0}", "EXAMPLE.com", "www.example.com"] {
            let path = ThreadKey(host: host, id: "1").relativePath
            #expect(!path.hasPrefix("..") && path.split(separator: "/").count == 2, "\(path)")
        }
        #expect(ThreadKey(host: "WWW.Example.com", id: "1").relativePath == "example.com/1")
    }

    @Test func aSecondWriterWaitsThenNamesTheHolder() throws {
        let first = try ArchiveWriter(root: folder.path, software: "tests")
        let start = ContinuousClock.now
        #expect {
            _ = try ArchiveWriter(root: folder.path, software: "tests", lockTimeout: .milliseconds(300))
        } throws: { error in
            "\(error)".contains("locked by process \(getpid())")
        }
        #expect(ContinuousClock.now - start >= .milliseconds(300))
        _ = first
    }

    @Test func theLockOfAWriterThatWentAwayIsTakenOver() throws {
        do { _ = try ArchiveWriter(root: folder.path, software: "tests") }
        _ = try ArchiveWriter(root: folder.path, software: "tests", lockTimeout: .zero)
    }

    @Test func aNewerFormatIsRefusedAndNothingIsWritten() throws {
        try Data("{\"format\":99}\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/archive.json"))
        #expect {
            _ = try ArchiveWriter(root: folder.path, software: "tests")
        } throws: { error in
            "\(error)".contains("archive format 99 is newer")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/threads"))
        #expect(throws: ArchiveError.self) { try ArchiveReader(root: folder.path) }
    }

    @Test func aTornLastLineIsIgnoredThenCutOff() throws {
        let writer = try ArchiveWriter(root: folder.path, software: "tests")
        let key = ThreadKey(host: "forum.example", id: "42")
        _ = try writer.store(Build.capture([Build.thread(ArchiveStoreTests.three)]))
        let file = writer.reader.folder(of: key) + "/versions.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"added\":[{\"id\":\"9".utf8))
        try handle.close()
        #expect(try writer.reader.history(of: key).tornTail > 0)
        #expect(try writer.reader.snapshot(of: key).version == 1)
        let report = writer.reader.verify(repair: false)
        #expect(report.failures.count == 1 && report.failures[0].message.contains("torn"))
        // The next store cuts it off before appending.
        _ = try writer.store(Build.capture([Build.thread(ArchiveStoreTests.three, title: "T2")]))
        #expect(try writer.reader.history(of: key).tornTail == 0)
        #expect(writer.reader.verify(repair: false).failures.isEmpty)
    }

    @Test func aThreadFileBehindItsHistoryIsRebuilt() throws {
        let writer = try ArchiveWriter(root: folder.path, software: "tests")
        let key = ThreadKey(host: "forum.example", id: "42")
        _ = try writer.store(Build.capture([Build.thread(ArchiveStoreTests.three)]))
        let threadFile = URL(fileURLWithPath: writer.reader.folder(of: key) + "/thread.json")
        let old = try Data(contentsOf: threadFile)
        _ = try writer.store(Build.capture([Build.thread(ArchiveStoreTests.three, title: "T2")]))
        try old.write(to: threadFile)  // as if killed between the history append and the rename
        #expect(try writer.reader.snapshot(of: key).title == "T2")
        let outcome = try writer.store(Build.capture([Build.thread(ArchiveStoreTests.three, title: "T3")]))
        #expect(outcome.version == 3)
        #expect(writer.reader.verify(repair: true).failures.isEmpty)
    }

    @Test func flippedBytesInHistoryAndWARCAreReported() throws {
        let writer = try ArchiveWriter(root: folder.path, software: "tests")
        let key = ThreadKey(host: "forum.example", id: "42")
        _ = try writer.store(Build.capture([Build.thread(ArchiveStoreTests.three)]))
        try writer.close()
        #expect(writer.reader.verify(repair: false).failures.isEmpty)

        let history = writer.reader.folder(of: key) + "/versions.jsonl"
        try flip(history, at: "A reply with some words")
        let problems = writer.reader.verify(repair: false).failures
        #expect(problems.contains { $0.file == history && $0.message.contains("hash") }, "\(problems)")
        try flip(history, at: "A reply with some wordr")  // flip it back

        let warc = writer.reader.warcFolder + "/threadkeeper-00001.warc.gz"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: warc))
        bytes[bytes.count - 30] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: warc))
        let warcProblems = writer.reader.verify(repair: false).failures
        #expect(warcProblems.contains { $0.file == warc }, "\(warcProblems)")
        #expect(warcProblems.contains { $0.file == history && $0.message.contains("warc") }, "\(warcProblems)")
    }

    /// Changes the last byte of the first occurrence of `text` in `path` by one bit.
    private func flip(_ path: String, at text: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let range = try #require(bytes.firstRange(of: Array(text.utf8)))
        bytes[range.upperBound - 1] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
