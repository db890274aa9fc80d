import Foundation
import Testing

/// Bytes a terminal acts on: C0 controls but tab and newline, DEL, C1 controls (UTF-8 `C2 80`–`C2 9F`), and
/// the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), as UTF-8.
private func rawControls(in data: Data) -> [String] {
    let bytes = [UInt8](data)
    var found: Set<String> = []
    for (index, byte) in bytes.enumerated() {
        if (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F {
            found.insert(String(format: "U+%04X", byte))
        }
        if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
            found.insert(String(format: "U+%04X", bytes[index + 1]))
        }
        if byte == 0xE2, index + 2 < bytes.count {
            let scalar = 0x2000 | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
            if bytes[index + 1] & 0xC0 == 0x80, (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar) {
                found.insert(String(format: "U+%04X", scalar))
            }
        }
    }
    return found.sorted()
}

@Suite("threadkeeper archive verbs: hostile remote text")
struct ArchiveCLIHostileTests {
    @Test("control characters put into a DU post are escaped by read")
    func controlCharactersInDUPost() async throws {
        let sandbox = try ArchiveSandbox()
        // ESC [2J (clear screen), BEL, a right-to-left override (as a character reference: the page is
        // ISO-8859-1) and a raw 0x9B byte (CSI in ISO-8859-1's C1 range).
        let hostile: [UInt8] = Array("Casual ".utf8) + [0x1B] + Array("[2J is ".utf8) + [0x07]
            + Array(" the &#x202E; scary ".utf8) + [0x9B] + Array("31m word here.".utf8)
        let page = try replacingOnce(Array("Casual is the scary word here.".utf8), with: hostile, in: try DUThread.page())
        let file = try sandbox.write("hostile.html", bytes: page)
        let stored = try await sandbox.importPages([file])
        #expect(stored.status == 0, "\(stored)")

        // What reached the archive: the extractor may drop controls the HTML parser refuses, but the
        // override survives as a character, so read has something to escape.
        let snapshot = try await sandbox.run(["show", "--json", DUThread.key]).json()
        let text = try #require((snapshot["posts"] as? [[String: Any]])?[1]["text"] as? String)
        #expect(text.unicodeScalars.contains("\u{202E}"), "the override reached the archive: \(text.debugDescription)")

        let read = try await sandbox.run(["read", DUThread.key])
        #expect(read.exitedNormally && read.status == 0, "\(read)")
        #expect(rawControls(in: read.stdout).isEmpty, "read wrote raw \(rawControls(in: read.stdout)): \(read)")
        #expect(read.stdoutText.contains("\\u{202E}"), "the override is shown escaped: \(read)")
        for scalar in text.unicodeScalars where scalar.value == 0x1B || scalar.value == 0x07 || (0x80...0x9F).contains(scalar.value) {
            let escape = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            #expect(read.stdoutText.contains(escape), "\(escape) is shown escaped: \(read)")
        }
    }

    @Test("ESC, BEL, C1 and bidi overrides that reach the archive are never written raw by read, list, diff or show")
    func controlCharactersReachingTheArchive() async throws {
        let sandbox = try ArchiveSandbox()
        // JSON-LD escapes are decoded by the extractor, so these characters are stored as they are.
        let headline = "Title \\u001b]0;pwned\\u0007 \\u202e end"
        let body = "Opening \\u001b[2J words \\u0007 here \\u202e end \\u009b31m."
        let first = try sandbox.write("v1.html", bytes: JSONLDThread.page(headline: headline, body: body))
        let second = try sandbox.write(
            "v2.html", bytes: JSONLDThread.page(headline: headline, body: body, reply: "About time \\u001b[2J\\u2066 now."))
        let s1 = try await sandbox.importPages([first], url: JSONLDThread.url, fetchedAt: "2025-01-01T00:00:00Z")
        let s2 = try await sandbox.importPages([second], url: JSONLDThread.url, fetchedAt: "2025-01-02T00:00:00Z")
        #expect(s1.status == 0 && s2.status == 0, "\(s1)\n\(s2)")
        let list = try await sandbox.run(["list", "--json"])
        let key = try #require(try JSONObject.parse(list.stdout)["key"] as? String, "\(list)")

        // The archive really holds the raw characters (JSON escapes them, so the check is meaningful).
        let folders = sandbox.threadFolders()
        try #require(folders.count == 1, "\(folders)")
        let stored = try JSONObject.parse(Data(try sandbox.read(folders[0] + "/thread.json")))
        let text = try #require((stored["posts"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(text.unicodeScalars.contains("\u{1B}") && text.unicodeScalars.contains("\u{07}"), "\(text.debugDescription)")
        #expect(text.unicodeScalars.contains("\u{202E}") && text.unicodeScalars.contains("\u{9B}"), "\(text.debugDescription)")

        let read = try await sandbox.run(["read", key])
        #expect(read.exitedNormally && read.status == 0, "\(read)")
        #expect(rawControls(in: read.stdout).isEmpty, "read wrote raw \(rawControls(in: read.stdout))")
        for escape in ["\\u{1B}[2J", "\\u{7}", "\\u{202E}", "\\u{9B}31m", "\\u{1B}]0;pwned"] {
            #expect(read.stdoutText.contains(escape), "read shows \(escape): \(read)")
        }

        let plainList = try await sandbox.run(["list"])
        #expect(plainList.status == 0, "\(plainList)")
        #expect(rawControls(in: plainList.stdout).isEmpty, "list wrote raw \(rawControls(in: plainList.stdout))")
        #expect(plainList.stdoutText.contains("\\u{1B}]0;pwned\\u{7}"), "the title is shown escaped: \(plainList)")

        for color in ["never", "always"] {
            let diff = try await sandbox.run(["diff", "--color=\(color)", key])
            #expect(diff.exitedNormally && diff.status == 0, "\(diff)")
            let text = diff.stdoutText.replacing(/\x{1B}\[[0-9;]*m/, with: "")  // the diff's own colours
            #expect(rawControls(in: Data(text.utf8)).isEmpty, "diff --color=\(color) wrote raw \(rawControls(in: Data(text.utf8)))")
            #expect(diff.stdoutText.contains("\\u{1B}[2J"), "the edit is shown escaped: \(diff)")
        }

        let history = try await sandbox.run(["history", key])
        #expect(rawControls(in: history.stdout).isEmpty, "history wrote raw \(rawControls(in: history.stdout))")

        // show prints the snapshot as JSON for a person to read (indented) or for a program (--json). JSON
        // escapes C0 controls; C1 controls and bidi overrides must not reach the terminal raw either.
        for arguments in [["show", key], ["show", "--json", key]] {
            let show = try await sandbox.run(arguments)
            #expect(show.exitedNormally && show.status == 0, "\(show)")
            #expect(rawControls(in: show.stdout).isEmpty, "\(arguments.dropLast().joined(separator: " ")) wrote raw \(rawControls(in: show.stdout))")
        }
    }

    @Test("thread ids that try to escape the archive stay inside it, each in its own folder")
    func pathEscapes() async throws {
        let folder = try TemporaryFolder()
        let sentinel = try folder.makeFolder("sentinel")
        let archive = "\(sentinel)/archive"
        try folder.write("config.json", SyntheticForum.config)

        let long = String(repeating: "a", count: 500)
        let ids: [[UInt8]] = [
            "..", "../../etc", "../../../../../../../../../tmp/escaped", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc", ".", "/",
            "a/b", "..\\..\\windows", "~", "threads", "lock",
            long, String(long.dropLast()) + "b", String(repeating: "../", count: 170),
            "abc", "ABC", "AbC", "\u{430}bc", "\u{FF41}\u{FF42}\u{FF43}", "abc\u{200B}", "caf\u{E9}", "cafe\u{301}",
            // NUL as a character reference (a raw NUL byte makes the page binary: see below).
            "nul&#0;../../etc", "nul&#x0;x",
        ].map { Array($0.utf8) }

        var keys: [String] = []
        for (index, id) in ids.enumerated() {
            let name = "page\(index).html"
            try folder.write(name, bytes: SyntheticForum.page(id: id))
            let outcome = try await runThreadkeeper(
                ["import", name, "--url", SyntheticForum.url, "--fetched-at", DUThread.fetchedAt, "--config", "config.json",
                 "--archive", archive], in: folder.url)
            let shown = String(decoding: id, as: UTF8.self).debugDescription
            #expect(outcome.exitedNormally && outcome.status == 0, "id \(shown): \(outcome)")
            let columns = outcome.stdoutLines.first?.split(separator: "\t", omittingEmptySubsequences: false) ?? []
            #expect(columns.first == "new", "id \(shown) is a thread of its own: \(outcome)")
            if columns.count > 1 { keys.append(String(columns[1])) }
        }
        // A raw NUL byte in the page: refused as not HTML (one line, nothing stored) or stored like any id.
        try folder.write("nul.html", bytes: SyntheticForum.page(id: Array("nul".utf8) + [0] + Array("../../etc".utf8)))
        let nul = try await runThreadkeeper(
            ["import", "nul.html", "--url", SyntheticForum.url, "--fetched-at", DUThread.fetchedAt, "--config", "config.json",
             "--archive", archive], in: folder.url)
        #expect(nul.exitedNormally, "\(nul)")
        var extra = 1
        if nul.status == 0 {
            let columns = nul.stdoutLines.first?.split(separator: "\t", omittingEmptySubsequences: false) ?? []
            #expect(columns.first == "new", "\(nul)")
            if columns.count > 1 { keys.append(String(columns[1])) }
            extra += 1
        } else {
            expectOneLineFailure(nul, naming: ["nul.html"])
        }

        // A host that is itself `..` (percent-encoded in the URL).
        try folder.write("host.html", bytes: SyntheticForum.page(id: Array("..".utf8)))
        let host = try await runThreadkeeper(
            ["import", "host.html", "--url", "https://%2e%2e/t/1", "--fetched-at", DUThread.fetchedAt, "--config",
             "config.json", "--archive", archive], in: folder.url)
        #expect(host.exitedNormally && host.status == 0, "\(host)")

        // Nothing appeared outside the archive: the sentinel folder holds only it, the sandbox only our files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: sentinel) == ["archive"])
        let sandboxEntries = Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path))
        let ours = Set(["config.json", "sentinel", "host.html", "nul.html"] + ids.indices.map { "page\($0).html" })
        #expect(sandboxEntries == ours, "unexpected: \(sandboxEntries.subtracting(ours).sorted())")

        // Every path in the archive is a real file or folder inside it, with a plain name.
        let root = try #require(realPath(archive))
        let entries = treeEntries(under: archive)
        for entry in entries {
            let path = "\(archive)/\(entry)"
            #expect(!isSymbolicLink(path), "\(entry) is a symbolic link")
            let resolved = realPath(path) ?? ""
            #expect(resolved.hasPrefix(root + "/"), "\(entry) resolves to \(resolved), outside \(root)")
            for component in entry.split(separator: "/") {
                #expect(component != "." && component != "..", "\(entry)")
                #expect(component.utf8.count <= 100, "a short name: \(entry)")
                #expect(component.wholeMatch(of: /[a-z0-9._~-]+/) != nil, "a plain name: \(entry.debugDescription)")
            }
        }

        // Distinct ids, distinct folders: threads/HOST/ID, one per import.
        let threadFolders = entries.filter { $0.hasPrefix("threads/") && $0.split(separator: "/").count == 3 }
        #expect(threadFolders.count == ids.count + extra, "thread folders: \(threadFolders)")
        // Compared as bytes: Swift's String equality would make canonically equivalent ids (café, cafe\u{301}) one.
        #expect(Set(keys.map { Array($0.utf8) }).count == keys.count, "keys: \(keys.map(\.debugDescription))")
        #expect(keys.count == ids.count + extra - 1, "keys: \(keys.map(\.debugDescription))")
        let list = try await runThreadkeeper(["list", "--json", "--archive", archive], in: folder.url)
        #expect(list.status == 0, "\(list)")
        #expect(list.stdoutLines.count == ids.count + extra, "\(list)")

        // Each thread can be shown by the key import printed (all but the one with NUL, which no argument can carry).
        for key in keys where !key.contains("\u{0}") {
            let show = try await runThreadkeeper(["show", "--json", key, "--archive", archive], in: folder.url)
            #expect(show.exitedNormally && show.status == 0, "show \(key.debugDescription): \(show)")
            let shown = (try? show.json()["key"] as? String) ?? ""
            #expect(Array(shown.utf8) == Array(key.utf8), "show \(key.debugDescription) shows \(shown.debugDescription)")
        }

        let verify = try await runThreadkeeper(["verify", "--archive", archive], in: folder.url)
        #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
    }
}
