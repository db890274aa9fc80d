import Foundation
import Testing

@Suite("threadkeeper archive verbs: what is a change")
struct ArchiveCLIChangeTests {
    @Test("relative-time drift (\"16 hrs ago\" → \"17 hrs ago\") on the DU reply list makes no version")
    func relativeTimeDriftDU() async throws {
        let sandbox = try ArchiveSandbox()
        let original = try DUThread.opOnlyPage()
        var drifted = original
        for (old, new) in [(">17 hrs ago<", ">18 hrs ago<"), (">16 hrs ago<", ">17 hrs ago<"),
                           (">14 hrs ago<", ">15 hrs ago<"), (">9 hrs ago<", ">10 hrs ago<")] {
            drifted = try replacingAll(old, with: new, in: drifted)
        }
        let first = try sandbox.write("op-only.html", bytes: original)
        let later = try sandbox.write("op-only-later.html", bytes: drifted)

        let stored = try await sandbox.importPages([first], fetchedAt: "2025-06-17T08:17:00Z")
        #expect(stored.status == 0, "\(stored)")
        #expect(stored.stdoutLines.first?.hasPrefix("new\t\(DUThread.key)\tv1\t") == true, "\(stored)")
        // The page really shows relative times: without them this test would prove nothing.
        let snapshot = try await sandbox.run(["show", "--json", DUThread.key]).json()
        let posts = try #require(snapshot["posts"] as? [[String: Any]])
        let relative = posts.filter { $0["publishedApproximate"] as? Bool == true }
        #expect(relative.count >= 3, "posts with relative times: \(relative.map { $0["publishedText"] ?? "?" })")
        let threadJSON = try sandbox.read("threads/\(DUThread.key)/thread.json")

        let again = try await sandbox.importPages([later], fetchedAt: "2025-06-17T09:17:00Z")
        #expect(again.exitedNormally && again.status == 0, "\(again)")
        #expect(again.stdoutLines == ["unchanged\t\(DUThread.key)\tv1"], "\(again)")
        #expect(try sandbox.versionRecords(DUThread.key).count == 1)
        #expect(try sandbox.read("threads/\(DUThread.key)/thread.json") == threadJSON, "thread.json is not rewritten")

        // The fetch is kept as the latest observation.
        let state = try JSONObject.parse(try await sandbox.run(["list", "--json"]).stdout)
        #expect(state["versions"] as? Int == 1)
        #expect((state["observed"] as? [String: Any])?["fetchedAt"] as? String == "2025-06-17T09:17:00Z", "\(state)")
    }

    @Test("relative times that drift unevenly on posts without ids (fingerprint keys) make no version")
    func relativeTimeDriftFingerprints() async throws {
        let sandbox = try ArchiveSandbox()
        try sandbox.write("config.json", SyntheticForum.config)
        let first = try sandbox.write("t1.html", bytes: SyntheticForum.page())
        var posts = SyntheticForum.defaultPosts
        posts[0].time = "19 hrs ago"
        posts[1].time = "4 hrs ago"
        let later = try sandbox.write("t2.html", bytes: SyntheticForum.page(posts: posts))
        let config = ["--config", "config.json"]

        let stored = try await sandbox.importPages(
            [first], url: SyntheticForum.url, fetchedAt: "2025-06-17T08:17:00Z", extra: config)
        #expect(stored.stdoutLines == ["new\tforum.example.org/4242\tv1\t2 posts (+2 ~0 -0)"], "\(stored)")
        let snapshot = try await sandbox.run(["show", "--json", "forum.example.org/4242"]).json()
        let keys = (snapshot["posts"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        #expect(keys.count == 2 && keys.allSatisfy { $0.hasPrefix("fp:") }, "fingerprint keys: \(keys)")

        let again = try await sandbox.importPages(
            [later], url: SyntheticForum.url, fetchedAt: "2025-06-17T09:17:00Z", extra: config)
        #expect(again.exitedNormally && again.status == 0, "\(again)")
        #expect(again.stdoutLines == ["unchanged\tforum.example.org/4242\tv1"], "\(again)")
        #expect(try sandbox.versionRecords("forum.example.org/4242").count == 1)
    }

    @Test("a views-only change and a new session id in a link make no version; a reply count does")
    func viewsAndSessionIDs() async throws {
        let sandbox = try ArchiveSandbox()
        try sandbox.write("config.json", SyntheticForum.config)
        let config = ["--config", "config.json"]
        let key = "forum.example.org/4242"
        func store(_ name: String, _ page: [UInt8], at time: String) async throws -> Outcome {
            let file = try sandbox.write(name, bytes: page)
            return try await sandbox.importPages([file], url: SyntheticForum.url, fetchedAt: time, extra: config)
        }

        let first = try await store("v1.html", SyntheticForum.page(views: "1,204"), at: "2025-06-17T08:17:00Z")
        #expect(first.stdoutLines == ["new\t\(key)\tv1\t2 posts (+2 ~0 -0)"], "\(first)")
        let threadJSON = try sandbox.read("threads/\(key)/thread.json")
        #expect(try JSONObject.parse(Data(threadJSON))["counts"].flatMap { $0 as? [String: Any] }?["views"] as? Int == 1204)

        let views = try await store("views.html", SyntheticForum.page(views: "1,310"), at: "2025-06-17T09:17:00Z")
        #expect(views.exitedNormally && views.status == 0, "\(views)")
        #expect(views.stdoutLines == ["unchanged\t\(key)\tv1"], "a views-only change: \(views)")
        let state = try JSONObject.parse(try await sandbox.run(["list", "--json"]).stdout)
        let observed = state["observed"] as? [String: Any]
        #expect(observed?["views"] as? Int == 1310, "the new view count is the latest observation: \(state)")
        #expect(observed?["fetchedAt"] as? String == "2025-06-17T09:17:00Z", "\(state)")

        var posts = SyntheticForum.defaultPosts
        posts[1].body = posts[1].body.replacingOccurrences(of: "0123456789abcdef0123", with: "fedcba9876543210fedc")
        let session = try await store(
            "session.html", SyntheticForum.page(views: "1,310", posts: posts), at: "2025-06-17T10:17:00Z")
        #expect(session.stdoutLines == ["unchanged\t\(key)\tv1"], "a new session id in a link: \(session)")
        #expect(try sandbox.read("threads/\(key)/thread.json") == threadJSON, "thread.json is not rewritten")
        #expect(try sandbox.versionRecords(key).count == 1)

        let replies = try await store(
            "replies.html", SyntheticForum.page(views: "1,400", replies: 2, posts: posts), at: "2025-06-17T11:17:00Z")
        #expect(replies.stdoutLines == ["changed\t\(key)\tv2\t2 posts (+0 ~0 -0, replies)"], "\(replies)")
        let history = try await sandbox.run(["history", key])
        #expect(history.stdoutLines.count == 2, "\(history)")
        #expect(history.stdoutLines.last == "v2\t2025-06-17T11:17:00Z\t2 posts\t+0 ~0 -0\treplies", "\(history)")
    }

    @Test("posts added, one edited and one removed: diff, history and show say exactly that")
    func addedEditedRemoved() async throws {
        let sandbox = try ArchiveSandbox()
        let first = try sandbox.write("before.html", bytes: try DUThread.page())
        let second = try sandbox.write("after.html", bytes: try DUThread.changedPage())
        let v1 = try await sandbox.importPages([first], fetchedAt: "2025-06-17T08:17:00Z")
        #expect(v1.status == 0, "\(v1)")
        let v2 = try await sandbox.importPages([second], fetchedAt: "2025-06-17T10:17:00Z")
        #expect(v2.exitedNormally && v2.status == 0, "\(v2)")
        #expect(v2.stderr.isEmpty, "\(v2)")
        #expect(v2.stdoutLines == ["changed\t\(DUThread.key)\tv2\t5 posts (+1 ~1 -1)"], "\(v2)")

        // diff --json (default: the last two versions, the same as naming them).
        let diff = try await sandbox.run(["diff", "--json", DUThread.key])
        #expect(diff.exitedNormally && diff.status == 0, "\(diff)")
        #expect(diff.stderr.isEmpty, "\(diff)")
        let named = try await sandbox.run(["diff", "--json", DUThread.key, "1", "2"])
        #expect(named.stdout == diff.stdout, "diff KEY 1 2 is the default: \(named)")
        let object = try diff.json()
        #expect(object["from"] as? Int == 1)
        #expect(object["to"] as? Int == 2)
        #expect((object["fields"] as? [Any])?.isEmpty == true, "no thread field changed: \(object["fields"] ?? "nil")")
        let added = try #require(object["added"] as? [[String: Any]])
        let removed = try #require(object["removed"] as? [[String: Any]])
        let edited = try #require(object["edited"] as? [[String: Any]])
        #expect(added.map { $0["key"] as? String } == ["id:20384500"], "added: \(added.map { $0["key"] ?? "?" })")
        #expect(added.first?["text"] as? String == "Just read it. Bookmarked for the council meeting.")
        #expect(removed.map { $0["key"] as? String } == ["id:20384215"], "removed: \(removed.map { $0["key"] ?? "?" })")
        #expect(edited.map { $0["key"] as? String } == ["id:20384061"], "edited: \(edited.map { $0["key"] ?? "?" })")
        let edit = try #require(edited.first)
        #expect((edit["changed"] as? [String])?.contains("text") == true, "\(edit["changed"] ?? "nil")")
        let runs = try #require(edit["text"] as? [[String: Any]], "no text runs: \(edit)")
        func words(_ op: String) -> [String] {
            runs.filter { $0["op"] as? String == op }.compactMap { $0["text"] as? String }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        #expect(words("-") == ["scary"], "removed words: \(runs)")
        #expect(words("+") == ["frightening"], "added words: \(runs)")
        let kept = runs.filter { $0["op"] as? String == " " }.compactMap { $0["text"] as? String }.joined()
        #expect(kept.contains("Casual is the") && kept.contains("word here."), "kept text: \(runs)")
        #expect(((edit["before"] as? [String: Any])?["text"] as? String)?.contains("scary") == true)
        #expect(((edit["after"] as? [String: Any])?["text"] as? String)?.contains("frightening") == true)

        // The plain diff names the same posts and words.
        let plain = try await sandbox.run(["diff", "--color=never", DUThread.key])
        #expect(plain.exitedNormally && plain.status == 0, "\(plain)")
        for word in ["scary", "frightening", "LateArrival", "Bluethroughu"] {
            #expect(plain.stdoutText.contains(word), "plain diff shows \(word): \(plain)")
        }
        #expect(!plain.stdout.contains(0x1B), "--color=never writes no escape sequences: \(plain)")

        let history = try await sandbox.run(["history", DUThread.key])
        #expect(history.stdoutLines == [
            "v1\t2025-06-17T08:17:00Z\t5 posts\t+5 ~0 -0",
            "v2\t2025-06-17T10:17:00Z\t5 posts\t+1 ~1 -1",
        ], "\(history)")

        // The history line stores the change, not the thread.
        let records = try sandbox.versionRecords(DUThread.key)
        try #require(records.count == 2)
        #expect((records[1]["added"] as? [Any])?.count == 1)
        #expect((records[1]["edited"] as? [Any])?.count == 1)
        #expect(records[1]["removed"] as? [String] == ["id:20384215"])

        // Version 1 is still the original five posts.
        let old = try await sandbox.run(["show", "--json", "--version", "1", DUThread.key])
        #expect(old.status == 0, "\(old)")
        let oldPosts = try #require(try old.json()["posts"] as? [[String: Any]])
        #expect(oldPosts.map { $0["key"] as? String } == DUThread.postKeys.map(Optional.some))
        #expect(oldPosts.allSatisfy { $0["removedIn"] is NSNull })
        #expect((oldPosts[1]["text"] as? String)?.contains("Casual is the scary word here.") == true)

        // The latest keeps the removed post, marked.
        let latest = try await sandbox.run(["show", "--json", DUThread.key])
        let latestPosts = try #require(try latest.json()["posts"] as? [[String: Any]])
        #expect(latestPosts.count == 6, "\(latestPosts.map { $0["key"] ?? "?" })")
        let byKey = Dictionary(latestPosts.compactMap { post in (post["key"] as? String).map { ($0, post) } }) { a, _ in a }
        #expect(byKey["id:20384215"]?["removedIn"] as? Int == 2, "the removed post is marked removedIn 2")
        #expect(latestPosts.filter { $0["removedIn"] is Int }.count == 1)
        #expect((byKey["id:20384061"]?["text"] as? String)?.contains("frightening") == true)
        #expect(byKey["id:20384500"]?["removedIn"] is NSNull)

        let verify = try await sandbox.run(["verify"])
        #expect(verify.status == 0 && verify.stderr.isEmpty, "\(verify)")
    }

    @Test("a post removed in one version stays, marked removed, in every later version, and the history replays")
    func removedPostStaysRemoved() async throws {
        let sandbox = try ArchiveSandbox()
        let v2Page = try replacingOnce(DUThread.reply3Row, with: "", in: try replacingOnce(DUThread.reply3Block, with: "", in: try DUThread.page()))
        let v3Page = try replacingOnce("Plate readers in my county", with: "License plate readers in my county", in: v2Page)
        for (index, page) in [try DUThread.page(), v2Page, v3Page].enumerated() {
            let file = try sandbox.write("v\(index + 1).html", bytes: page)
            let outcome = try await sandbox.importPages([file], fetchedAt: "2025-06-17T0\(index + 1):17:00Z")
            #expect(outcome.status == 0, "\(outcome)")
        }
        let history = try await sandbox.run(["history", DUThread.key])
        #expect(history.stdoutLines == [
            "v1\t2025-06-17T01:17:00Z\t5 posts\t+5 ~0 -0",
            "v2\t2025-06-17T02:17:00Z\t4 posts\t+0 ~0 -1",
            "v3\t2025-06-17T03:17:00Z\t4 posts\t+0 ~1 -0",
        ], "\(history)")

        for version in [2, 3] {
            let show = try await sandbox.run(["show", "--json", "--version", "\(version)", DUThread.key])
            #expect(show.exitedNormally && show.status == 0, "\(show)")
            let posts = (try? show.json()["posts"] as? [[String: Any]]) ?? []
            #expect(posts.map { $0["key"] as? String } == DUThread.postKeys.map(Optional.some), "version \(version): \(posts.map { $0["key"] ?? "?" })")
            let removed = posts.first { $0["key"] as? String == "id:20384215" }
            #expect(removed?["removedIn"] as? Int == 2, "version \(version) keeps the removed post, marked removedIn 2")
        }

        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 0, "every version replays: \(verify)")
        #expect(verify.stderr.isEmpty, "\(verify)")
        let diff = try await sandbox.run(["diff", "--json", DUThread.key, "1", "3"])
        #expect(diff.exitedNormally && diff.status == 0, "\(diff)")
        #expect(((try? diff.json()["removed"] as? [[String: Any]]) ?? []).map { $0["key"] as? String } == ["id:20384215"], "\(diff)")
    }
}
