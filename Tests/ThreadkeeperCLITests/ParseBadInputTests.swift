import Foundation
import Testing

/// One bad page for `threadkeeper parse`: its bytes, and what the one-line error must say.
struct BadPage: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var bytes: [UInt8]
    /// Words of the cause the message must contain.
    var cause: [String]

    var testDescription: String { name }
}

private let badPages: [BadPage] = [
    BadPage(name: "empty file", file: "empty.html", bytes: [], cause: ["empty"]),
    BadPage(name: "whitespace only", file: "blank.html", bytes: Array(" \n\t \r\n   \n".utf8), cause: ["empty"]),
    BadPage(name: "PNG bytes", file: "picture.html", bytes: Fixtures.pngBytes, cause: ["not an HTML page"]),
    BadPage(name: "NUL bytes", file: "zeros.html", bytes: [UInt8](repeating: 0, count: 4096), cause: ["not an HTML page"]),
    BadPage(
        name: "NUL bytes inside markup", file: "nul-inside.html",
        bytes: Array("<html><body><p>".utf8) + [UInt8](repeating: 0, count: 64) + Array("</p></body></html>".utf8),
        cause: ["not an HTML page"]),
    BadPage(
        name: "a page of an unknown engine without schema.org markup", file: "holiday.html",
        bytes: Array(Fixtures.unknownEnginePage.utf8), cause: ["no profile recognises", "--profile"]),
]

@Suite("threadkeeper parse: bad input")
struct ParseBadInputTests {
    @Test("a bad page gives one line naming the file and the cause, exit status 1", arguments: badPages)
    func refusesBadPage(_ page: BadPage) async throws {
        let folder = try TemporaryFolder()
        try folder.write(page.file, bytes: page.bytes)
        let outcome = try await CLI.run(["parse", page.file], in: folder.url)
        expectOneLineFailure(outcome, naming: [page.file] + page.cause)
        #expect(outcome.stdout.isEmpty, "\(outcome)")
    }

    @Test("a 50 MiB page fails fast: more than the limit")
    func refusesHugePage() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("huge.html", bytes: [])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let chunk = Data(String(repeating: "<p>lorem ipsum dolor sit amet</p>\n", count: 32 * 1024).utf8)
        try handle.write(contentsOf: Data("<html><body>".utf8))
        var written = 0
        while written < 50 * 1024 * 1024 {
            try handle.write(contentsOf: chunk)
            written += chunk.count
        }
        try handle.write(contentsOf: Data("</body></html>".utf8))
        try handle.close()

        // "Fast" is the watchdog's bound: reading 50 MiB into a tree would take far longer and far more
        // memory than refusing it by its size.
        let outcome = try await CLI.run(["parse", "huge.html"], in: folder.url, timeout: .seconds(15))
        expectOneLineFailure(outcome, naming: ["huge.html", "more than the limit"])
        #expect(outcome.stdout.isEmpty)
    }

    @Test("100,000 nested <div> elements: no crash; parsed or refused in one line")
    func deeplyNestedPage() async throws {
        let folder = try TemporaryFolder()
        let depth = 100_000
        // The phpBB markers make a profile apply, so the extractor walks the deep tree too.
        let page =
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Deep</title></head><body id=\"phpbb\">"
            + String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
            + "</body></html>"
        try folder.write("nested.html", page)
        let outcome = try await CLI.run(["parse", "nested.html"], in: folder.url, timeout: .seconds(30))
        #expect(outcome.exitedNormally, "crashed or hung: \(outcome)")
        if outcome.status == 0 {
            #expect(outcome.stderr.isEmpty, "\(outcome)")
            #expect((try? outcome.json()) != nil, "stdout is not one JSON object: \(outcome)")
        } else {
            expectOneLineFailure(outcome, naming: ["nested.html"])
        }

        let bare = String(repeating: "<div>", count: depth) + String(repeating: "</div>", count: depth)
        try folder.write("bare.html", bare)
        let bareOutcome = try await CLI.run(["parse", "bare.html"], in: folder.url, timeout: .seconds(30))
        #expect(bareOutcome.exitedNormally, "crashed or hung: \(bareOutcome)")
        expectOneLineFailure(bareOutcome, naming: ["bare.html"])
    }

    @Test("invalid UTF-8 in a page declaring utf-8: no crash; valid text around it survives")
    func invalidUTF8() async throws {
        let folder = try TemporaryFolder()
        let body: [UInt8] =
            Array("Caf\u{E9} before ".utf8) + [0xFF, 0xFE, 0x20, 0xC3, 0x28, 0x20, 0xED, 0xA0, 0x80, 0x20, 0xE2, 0x82]
            + Array(" caf\u{E9} after \u{2713}".utf8)
        try folder.write("invalid.html", bytes: Fixtures.phpbbTopic(secondBody: body))
        let outcome = try await CLI.run(["parse", "invalid.html"], in: folder.url)
        #expect(outcome.exitedNormally, "crashed or hung: \(outcome)")
        if outcome.status == 0 {
            #expect(outcome.stderr.isEmpty, "\(outcome)")
            #expect(String(data: outcome.stdout, encoding: .utf8) != nil, "stdout is not valid UTF-8")
            let json = try outcome.json()
            let posts = try #require(json["posts"] as? [[String: Any]])
            try #require(posts.count == 2)
            let text = try #require(posts[1]["text"] as? String)
            #expect(text.hasPrefix("Caf\u{E9} before "), "\(text.debugDescription)")
            #expect(text.hasSuffix(" caf\u{E9} after \u{2713}"), "\(text.debugDescription)")
            #expect(posts[0]["text"] as? String == "Have you read this story? Caf\u{E9} au lait.")
        } else {
            expectOneLineFailure(outcome, naming: ["invalid.html"])
        }
    }

    @Test("a path that is not a readable page: one line naming it, exit status 1", arguments: [
        ("no such file", "missing.html", "no such file"),
        ("a directory", "folder", "directory"),
    ])
    func unreadablePath(_ name: String, _ file: String, _ cause: String) async throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder("folder")
        let outcome = try await CLI.run(["parse", file], in: folder.url)
        expectOneLineFailure(outcome, naming: [file, cause])
        #expect(outcome.stdout.isEmpty)
    }

    @Test(
        "a file without read permission: one line naming it, exit status 1",
        .disabled(if: runningAsRoot, "running as root: mode 000 does not deny reading"))
    func unreadableFile() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("secret.html", bytes: Fixtures.phpbbTopic())
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        let outcome = try await CLI.run(["parse", "secret.html"], in: folder.url)
        expectOneLineFailure(outcome, naming: ["secret.html"])
        #expect(outcome.stdout.isEmpty)
    }

    @Test("--profile nosuch: one line naming the unknown profile")
    func unknownProfile() async throws {
        let folder = try TemporaryFolder()
        try folder.write("topic.html", bytes: Fixtures.phpbbTopic())
        let outcome = try await CLI.run(["parse", "--profile", "nosuch", "topic.html"], in: folder.url)
        // Naming a profile that does not exist is a failure (1) or bad usage (2); either way one line.
        #expect(outcome.status == 1 || outcome.status == 2, "\(outcome)")
        expectOneLineFailure(outcome, status: outcome.status, naming: ["nosuch", "profile"])
        #expect(outcome.stdout.isEmpty)
    }

    @Test("--profile naming a profile that does not fit the page: one line naming the file and the profile")
    func wrongProfile() async throws {
        let folder = try TemporaryFolder()
        try folder.write("topic.html", bytes: Fixtures.phpbbTopic())
        let outcome = try await CLI.run(["parse", "--profile", "xenforo", "topic.html"], in: folder.url)
        expectOneLineFailure(outcome, naming: ["topic.html", "xenforo"])
        #expect(outcome.stdout.isEmpty)
    }

    @Test("bad option values are bad usage: exit status 2", arguments: [
        (["--fetched-at", "garbage"], "garbage"),
        (["--url", "ftp://x"], "ftp://x"),
    ])
    func badOptionValue(_ option: [String], _ named: String) async throws {
        let folder = try TemporaryFolder()
        try folder.write("topic.html", bytes: Fixtures.phpbbTopic())
        let outcome = try await CLI.run(["parse"] + option + ["topic.html"], in: folder.url)
        expectBadUsage(outcome, naming: [option[0], named])
    }

    @Test("several files, one bad: the good ones print as JSON Lines, the bad one gives one line, exit 1")
    func oneBadAmongSeveral() async throws {
        let folder = try TemporaryFolder()
        try folder.write("first.html", bytes: Fixtures.phpbbTopic())
        try folder.write("broken.html", bytes: Fixtures.pngBytes)
        try folder.write("third.html", bytes: Fixtures.phpbbTopic(secondBody: Array("Another reply.".utf8)))
        let outcome = try await CLI.run(["parse", "first.html", "broken.html", "third.html"], in: folder.url)
        expectOneLineFailure(outcome, naming: ["broken.html"])
        #expect(!(outcome.stderrLines.first ?? "").contains("first.html"))
        let lines = outcome.stdoutLines
        try #require(lines.count == 2, "\(outcome)")
        let first = try JSONObject.parse(lines[0])
        let third = try JSONObject.parse(lines[1])
        #expect(first["title"] as? String == Fixtures.phpbbTitle)
        let thirdPosts = try #require(third["posts"] as? [[String: Any]])
        #expect(thirdPosts.last?["text"] as? String == "Another reply.")
    }

    @Test("several files, all missing: one line each, nothing on stdout")
    func allMissing() async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["parse", "a.html", "b.html"], in: folder.url)
        #expect(outcome.exitedNormally)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderrLines.count == 2, "\(outcome)")
        #expect(outcome.stderrLines.first?.contains("a.html") == true)
        #expect(outcome.stderrLines.last?.contains("b.html") == true)
    }
}
