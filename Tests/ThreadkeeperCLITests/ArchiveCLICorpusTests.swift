import CorpusSupport
import Foundation
import Testing

/// The labelled thread pages of `../shared/corpus` (read in place, never copied), or none without it.
private let corpusThreads: [(file: String, url: String?)] = Corpus.labels.compactMap { label in
    label.kind == "thread" && Corpus.contains(label.file) ? (label.file, label.url) : nil
}

/// `value` (from JSONSerialization) written again with sorted keys, for comparing; `null` for nil.
private func sortedJSON(_ value: Any?) -> String {
    guard let value, !(value is NSNull) else { return "null" }
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else {
        return "\(value)"
    }
    return String(decoding: data, as: UTF8.self)
}

@Suite("threadkeeper archive verbs: the corpus")
struct ArchiveCLICorpusTests {
    @Test(
        "every corpus thread page round-trips: import → show gives what parse extracts; a re-import is unchanged",
        .enabled(if: !corpusThreads.isEmpty, "../shared/corpus is absent: this test reads its labelled thread pages"))
    func corpusRoundTrip() async throws {
        let sandbox = try ArchiveSandbox()
        let fetchedAt = "2025-06-17T08:17:00Z"
        var keys: [String] = []
        for (file, labelledURL) in corpusThreads {
            let path = Corpus.path(file)
            // Where the page's address is not known, a neutral one: the profile is then found by the markup.
            let url = labelledURL ?? "https://corpus.invalid/\(file)"
            let parse = try await runThreadkeeper(
                ["parse", "--compact", "--url", url, "--fetched-at", fetchedAt, path], in: sandbox.url)
            try #require(parse.status == 0, "\(file): \(parse)")
            let extracted = try parse.json()

            let imported = try await sandbox.importPages([path], url: url, fetchedAt: fetchedAt)
            #expect(imported.exitedNormally && imported.status == 0, "\(file): \(imported)")
            let columns = imported.stdoutLines.first?.split(separator: "\t", omittingEmptySubsequences: false) ?? []
            #expect(columns.first == "new", "\(file): a thread of its own: \(imported)")
            guard columns.count > 1 else { continue }
            let key = String(columns[1])
            keys.append(key)

            let show = try await sandbox.run(["show", "--json", key])
            #expect(show.exitedNormally && show.status == 0, "\(file): \(show)")
            let snapshot = try show.json()
            #expect(snapshot["version"] as? Int == 1, "\(file)")
            #expect(snapshot["title"] as? String == extracted["title"] as? String, "\(file): title")
            for field in ["forum", "story", "counts"] {
                let stored = sortedJSON(snapshot[field])
                let parsed = sortedJSON(extracted[field])
                #expect(stored == parsed, "\(file): \(field) \(stored) ≠ parsed \(parsed)")
            }
            let storedPosts = snapshot["posts"] as? [[String: Any]] ?? []
            let parsedPosts = extracted["posts"] as? [[String: Any]] ?? []
            #expect(storedPosts.count == parsedPosts.count, "\(file): \(storedPosts.count) posts stored, \(parsedPosts.count) extracted")
            for (index, (stored, parsed)) in zip(storedPosts, parsedPosts).enumerated() {
                var post = stored
                #expect(post.removeValue(forKey: "key") is String, "\(file): post \(index + 1) has a key")
                #expect(post.removeValue(forKey: "removedIn") is NSNull, "\(file): post \(index + 1)")
                #expect(sortedJSON(post) == sortedJSON(parsed), "\(file): post \(index + 1) differs from the extraction")
            }
        }
        #expect(Set(keys.map { Array($0.utf8) }).count == keys.count, "each page is its own thread: \(keys)")

        // Storing the same pages again changes nothing.
        for (file, labelledURL) in corpusThreads {
            let path = Corpus.path(file)
            let again = try await sandbox.importPages([path], url: labelledURL ?? "https://corpus.invalid/\(file)", fetchedAt: fetchedAt)
            #expect(again.stdoutLines.first?.hasPrefix("unchanged\t") == true, "\(file): \(again)")
        }
        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
        #expect(verify.stderr.isEmpty, "\(verify)")
    }
}
