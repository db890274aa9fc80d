import CorpusSupport
import Foundation
import Testing

@Suite("threadkeeper parse: good pages")
struct ParseTests {
    @Test("a phpBB topic parses to thread JSON with its title and posts")
    func parsesThread() async throws {
        let folder = try TemporaryFolder()
        try folder.write("topic.html", bytes: Fixtures.phpbbTopic())
        let outcome = try await CLI.run(["parse", "topic.html"], in: folder.url)
        #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.isEmpty, "\(outcome)")

        let json = try outcome.json()
        #expect(json["kind"] as? String == "thread")
        #expect(json["profile"] as? String == "phpbb")
        #expect(json["title"] as? String == Fixtures.phpbbTitle)
        #expect(json["forum"] as? [String] == ["Board index", "News and politics"])
        #expect(json["url"] as? String == "https://forum.example.org/viewtopic.php?t=4242")
        let story = try #require(json["story"] as? [String: Any])
        #expect(story["canonical"] as? String == "https://news.example.com/story")

        let posts = try #require(json["posts"] as? [[String: Any]])
        try #require(posts.count == 2)
        let authors = posts.map { ($0["author"] as? [String: Any])?["name"] as? String }
        #expect(authors == ["alice", "bob"])
        #expect((posts[0]["author"] as? [String: Any])?["postCount"] as? Int == 1234)
        #expect(posts[0]["published"] as? String == "2024-03-01T10:15:00Z")
        #expect(posts[0]["publishedText"] as? String == "Fri Mar 01, 2024 10:15 am")
        #expect(posts[0]["text"] as? String == "Have you read this story? Caf\u{E9} au lait.")
        #expect(posts[1]["text"] as? String == "Yes, I did.")
        #expect(posts.map { $0["position"] as? Int } == [1, 2])
    }

    @Test("output is canonical: two runs give byte-identical JSON with sorted keys")
    func canonicalOutput() async throws {
        let folder = try TemporaryFolder()
        try folder.write("topic.html", bytes: Fixtures.phpbbTopic())
        let arguments = ["parse", "--fetched-at", "2024-03-02T00:00:00Z", "topic.html"]
        let first = try await CLI.run(arguments, in: folder.url)
        let second = try await CLI.run(arguments, in: folder.url)
        #expect(first.status == 0 && second.status == 0, "\(first)\n\(second)")
        #expect(!first.stdout.isEmpty)
        #expect(first.stdout == second.stdout)

        let keys = first.stdoutLines.compactMap { line -> String? in
            // Top-level keys of the indented output: two spaces, then "key".
            guard line.hasPrefix("  \""), !line.hasPrefix("   ") else { return nil }
            return String(line.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(keys.count > 5)
        #expect(keys == keys.sorted(), "\(keys)")
    }

    @Test("--compact prints the JSON on one line")
    func compact() async throws {
        let folder = try TemporaryFolder()
        try folder.write("topic.html", bytes: Fixtures.phpbbTopic())
        let outcome = try await CLI.run(["parse", "--compact", "topic.html"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdoutLines.count == 1, "\(outcome)")
        #expect(try outcome.json()["title"] as? String == Fixtures.phpbbTitle)

        let pretty = try await CLI.run(["parse", "topic.html"], in: folder.url)
        #expect(pretty.stdoutLines.count > 1)
        let compactObject = try outcome.json() as NSDictionary
        let prettyObject = try pretty.json() as NSDictionary
        #expect(compactObject == prettyObject, "--compact changes the layout, not the data")
    }

    @Test("--explain prints the profile chosen and one line per field with its matches")
    func explain() async throws {
        let folder = try TemporaryFolder()
        try folder.write("topic.html", bytes: Fixtures.phpbbTopic())
        let outcome = try await CLI.run(["parse", "--explain", "topic.html"], in: folder.url)
        #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.isEmpty, "\(outcome)")
        let lines = outcome.stdoutLines
        #expect(lines.contains { $0.contains("profile") && $0.contains("phpbb") }, "\(outcome)")
        let titleLine = lines.first { $0.contains("title") && $0.contains("topic-title") }
        #expect(titleLine?.contains("1 node") == true, "\(outcome)")
        #expect(titleLine?.contains(Fixtures.phpbbTitle) == true, "\(outcome)")
        for field in ["author", "body", "published"] {
            #expect(lines.contains { $0.contains(field) }, "no line for \(field): \(outcome)")
        }
        #expect(lines.contains { $0.contains("alice") }, "sample values are shown")
    }

    @Test("a profile from --config applies to a page with --profile")
    func configProfile() async throws {
        let folder = try TemporaryFolder()
        try folder.write("config.json", Fixtures.loopbackConfig(seeds: []))
        try folder.write("forum.html", Fixtures.loopForumListing(count: 3))
        let outcome = try await CLI.run(
            ["parse", "--config", "config.json", "--url", "http://127.0.0.1:9/forum", "forum.html"], in: folder.url)
        #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
        let json = try outcome.json()
        #expect(json["kind"] as? String == "listing")
        #expect(json["profile"] as? String == "loopforum")
        #expect(json["title"] as? String == "Loop Forum")
        let threads = try #require(json["threads"] as? [[String: Any]])
        #expect(threads.map { $0["title"] as? String } == ["Thread 1", "Thread 2", "Thread 3"])
        #expect(threads.first?["url"] as? String == "http://127.0.0.1:9/t/1")
    }

    @Test(
        "a real corpus page parses to its labelled title and post count",
        .enabled(if: CorpusPage.first != nil, "../shared/corpus is absent: this test reads one of its real pages"))
    func corpusPage() async throws {
        let page = try #require(CorpusPage.first)
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["parse", "--compact", page.path], in: folder.url)
        #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
        let json = try outcome.json()
        #expect(json["kind"] as? String == "thread")
        #expect(json["title"] as? String == page.title)
        #expect((json["posts"] as? [Any])?.count == page.posts)
    }
}

/// One labelled thread page of `../shared/corpus`, read in place (never copied).
struct CorpusPage: Sendable {
    var path: String
    var title: String
    var posts: Int

    /// The first labelled XenForo or phpBB thread page with a title, or nil without the corpus.
    static let first: CorpusPage? = Corpus.labels.lazy.compactMap { label -> CorpusPage? in
        guard ["xenforo", "phpbb"].contains(label.engine), label.kind == "thread", let title = label.title,
            Corpus.contains(label.file)
        else { return nil }
        return CorpusPage(path: Corpus.path(label.file), title: title, posts: label.posts)
    }.first
}
