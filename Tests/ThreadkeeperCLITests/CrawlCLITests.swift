import Foundation
import LoopbackServer
import Testing
import TestSupport
import Locking

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `threadkeeper crawl` as a process: stopped by SIGTERM between passes and mid-pass, and killed with
/// SIGKILL mid-pass then run again, against a forum a loopback server in this process serves.
@Suite("threadkeeper crawl: signals and kill -9", .serialized)
struct CrawlCLITests {
    @Test(
        "crawl --every 1s stops on SIGTERM after a pass: exit status 0 (every site reached) within seconds; verify passes",
        .timeLimit(.minutes(2)))
    func sigtermBetweenPasses() async throws {
        let forum = CrawlCLIForum(threads: 5)
        let folder = try TemporaryFolder()
        try await withServer(handler: forum.handler) { server in
            let config = try folder.write("config.json", CrawlCLIForum.config(archive: folder.path("archive"), seed: server.url("/forum")))
            let child = try CrawlChild(
                ["crawl", "--config", config, "--every", "1s", "--report-json", folder.path("report.json")], in: folder.url)
            defer { child.kill(SIGKILL) }

            // A pass completed: its report line (`crawl START → END`) is on stdout.
            let reported = await child.waitFor(.seconds(10)) {
                $0.stdoutText.split(separator: "\n").contains { $0.hasPrefix("crawl ") && $0.contains("→") }
            }
            #expect(reported, "no report line on stdout 10 s after the start (is stdout flushed after each pass?): \(child)")
            // Signal right after a pass ends (--report-json FILE is rewritten then), so the signal falls in
            // the second of sleep between passes, not inside a pass.
            let reportFile = folder.path("report.json")
            let wrote = await child.waitFor(.seconds(20)) { _ in FileManager.default.fileExists(atPath: reportFile) }
            try #require(wrote, "no pass completed: \(child)")
            let last = FileManager.default.contents(atPath: reportFile)
            let another = await child.waitFor(.seconds(5)) { _ in FileManager.default.contents(atPath: reportFile) != last }
            #expect(another, "no second pass within 5 s of the first with --every 1s: \(child)")
            try #require(child.isRunning, "crawl --every ended on its own: \(child)")

            let signalled = ContinuousClock.now
            child.kill(SIGTERM)
            let ending = await child.wait(timeout: .seconds(10))
            let stopping = ContinuousClock.now - signalled
            let end = try #require(ending, "still running 10 s after SIGTERM: \(child)")
            #expect(!end.signalled, "killed by the signal instead of stopping: \(child)")
            #expect(end.status == 0, "every site was reached, so the status is 0: \(child)")
            #expect(stopping < .seconds(5), "took \(stopping) to stop")
            #expect(child.stdoutText.contains("site loop: reached"), "\(child)")
            // --every 1s sleeps a second between passes: each pass starts at least 1 s after the previous ended.
            let passes = CrawlReportLine.all(in: child.stdoutText)
            #expect(!passes.isEmpty, "\(child)")
            let pauses = zip(passes, passes.dropFirst()).map { $1.start.timeIntervalSince($0.end) }
            #expect(
                pauses.allSatisfy { $0 >= 1 },
                "\(passes.count) passes; pauses between them (s): \(pauses): --every did not sleep between passes")
            #expect(!child.stdoutText.contains("(interrupted)"), "stopped between passes, nothing interrupted: \(child)")

            let verify = try await CLI.run(["verify", "--archive", folder.path("archive")], in: folder.url)
            #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
            #expect(verify.stdoutText.contains("5 threads"), "\(verify)")
        }
    }

    @Test(
        "crawl --every: a pass's report is on stdout (a file) when the pass ends, not when the process exits",
        .timeLimit(.minutes(2)))
    func reportIsFlushedAfterEachPass() async throws {
        let forum = CrawlCLIForum(threads: 3)
        let folder = try TemporaryFolder()
        try await withServer(handler: forum.handler) { server in
            let config = try folder.write("config.json", CrawlCLIForum.config(archive: folder.path("archive"), seed: server.url("/forum")))
            let report = folder.path("report.json")
            let child = try CrawlChild(["crawl", "--config", config, "--every", "1h", "--report-json", report], in: folder.url)
            defer { child.kill(SIGKILL) }
            // The JSON report is written right after the text report is printed.
            let passed = await child.waitFor(.seconds(30)) { _ in FileManager.default.fileExists(atPath: report) }
            try #require(passed, "no pass completed: \(child)")
            let shown = await child.waitFor(.seconds(2)) { $0.stdoutText.contains("site loop: reached") }
            #expect(shown, "the pass ended (report.json written) but its report is not on stdout: \(child)")
            #expect(child.isRunning, "\(child)")
            // SIGTERM during the hour's sleep ends it at once.
            let signalled = ContinuousClock.now
            child.kill(SIGTERM)
            let ending = await child.wait(timeout: .seconds(10))
            let end = try #require(ending, "still running 10 s after SIGTERM: \(child)")
            #expect(!end.signalled && end.status == 0, "\(child)")
            #expect(ContinuousClock.now - signalled < .seconds(5))
            #expect(CrawlReportLine.all(in: child.stdoutText).count == 1, "\(child)")
        }
    }

    @Test(
        "crawl --every stops on SIGTERM mid-pass: threads in flight are stored, the pass reports itself interrupted, verify passes",
        .timeLimit(.minutes(2)))
    func sigtermMidPass() async throws {
        let forum = CrawlCLIForum(threads: 30, responseDelay: .milliseconds(150))
        let folder = try TemporaryFolder()
        try await withServer(handler: forum.handler) { server in
            let config = try folder.write("config.json", CrawlCLIForum.config(archive: folder.path("archive"), seed: server.url("/forum")))
            let child = try CrawlChild(["crawl", "--config", config, "--every", "1h"], in: folder.url)
            defer { child.kill(SIGKILL) }
            let started = await child.waitFor(.seconds(30)) { _ in forum.threadRequests >= 4 }
            try #require(started, "the pass never got going: \(child)")
            let atSignal = forum.threadRequests
            child.kill(SIGTERM)
            let ending = await child.wait(timeout: .seconds(10))
            let end = try #require(ending, "still running 10 s after SIGTERM: \(child)")
            #expect(!end.signalled, "\(child)")
            #expect(end.status == 0, "the site was reached (its listing read), so the status is 0: \(child)")
            #expect(child.stdoutText.contains("(interrupted)"), "\(child)")
            // At most the 4 threads in flight (2 pages each at most) are finished after the signal.
            #expect(forum.threadRequests <= atSignal + 8, "the pass went on after SIGTERM: \(atSignal) → \(forum.threadRequests) thread pages")

            let verify = try await CLI.run(["verify", "--archive", folder.path("archive")], in: folder.url)
            #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
        }
    }

    @Test(
        "crawl --once killed with SIGKILL mid-pass, then run again, ends with the archive of an uninterrupted crawl",
        .timeLimit(.minutes(4)))
    func killNineThenResume() async throws {
        // 30 threads (1 to 5 posts, 3 a page: 42 pages), 70 ms a response, 2 at a time: a pass of about 1.5 s.
        let forum = CrawlCLIForum(threads: 30, responseDelay: .milliseconds(70))
        let folder = try TemporaryFolder()
        var random = SeededGenerator(seed: 0xC4A5_0F_5EED)
        try await withServer(handler: forum.handler) { server in
            // The reference: one uninterrupted crawl.
            let reference = folder.path("reference")
            let referenceConfig = try folder.write("reference.json", CrawlCLIForum.config(archive: reference, seed: server.url("/forum")))
            let whole = try await CLI.run(["crawl", "--once", "--config", referenceConfig], in: folder.url, timeout: .seconds(60))
            #expect(whole.exitedNormally && whole.status == 0, "\(whole)")
            let expected = try CrawlArchiveSummary(root: reference)
            #expect(expected.threads.count == 30, "\(expected.threads.keys.sorted())")
            #expect(expected.threads.values.allSatisfy { $0.versions == 1 })

            for round in 0..<3 {
                let archive = folder.path("killed-\(round)")
                let config = try folder.write("killed-\(round).json", CrawlCLIForum.config(archive: archive, seed: server.url("/forum")))
                forum.resetCount()
                let child = try CrawlChild(["crawl", "--once", "--config", config], in: folder.url)
                // Kill at a random moment of the pass: 0 to 1.2 s after its first thread request.
                let delay = Int.random(in: 0...1200, using: &random)
                let going = await child.waitFor(.seconds(30)) { _ in forum.threadRequests >= 1 }
                try #require(going, "round \(round): the pass never started: \(child)")
                try await Task.sleep(for: .milliseconds(delay))
                let killedMidPass = child.isRunning
                child.kill(SIGKILL)
                let ending = await child.wait(timeout: .seconds(10))
                #expect(killedMidPass && ending?.signalled == true, "round \(round): not killed mid-pass (after \(delay) ms): \(child)")
                let afterKill = try? CrawlArchiveSummary(root: archive)
                let stored = afterKill?.threads.count ?? 0

                let again = try await CLI.run(["crawl", "--once", "--config", config], in: folder.url, timeout: .seconds(60))
                #expect(again.exitedNormally && again.status == 0, "round \(round): \(again)")
                let summary = try CrawlArchiveSummary(root: archive)
                #expect(
                    summary == expected,
                    "round \(round) (killed after \(delay) ms, \(stored) threads stored): \(summary.difference(from: expected))\nafter the kill: \(afterKill?.difference(from: expected) ?? "no archive")\nresumed crawl: \(again)")

                let verify = try await CLI.run(["verify", "--archive", archive], in: folder.url)
                #expect(verify.exitedNormally && verify.status == 0, "round \(round) (killed after \(delay) ms): \(verify)")
                print("kill -9 round \(round): killed \(delay) ms into the pass with \(stored) threads stored; resumed: \(summary.threads.count) threads")
            }
            let verify = try await CLI.run(["verify", "--archive", reference], in: folder.url)
            #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
        }
    }
}

// MARK: - Support

/// What an archive holds, read from its files (`threads/HOST/ID/thread.json` and `versions.jsonl`): per
/// thread, the number of versions and the post keys of the latest.
struct CrawlArchiveSummary: Equatable {
    struct Thread: Equatable {
        var versions: Int
        var historyLines: Int
        var postKeys: [String]
        /// The files of the thread's folder.
        var files: [String]
    }

    var threads: [String: Thread] = [:]

    init(root: String) throws {
        let manager = FileManager.default
        let base = root + "/threads"
        for host in try manager.contentsOfDirectory(atPath: base).sorted() {
            for id in try manager.contentsOfDirectory(atPath: "\(base)/\(host)").sorted() {
                let folder = "\(base)/\(host)/\(id)"
                // A missing or unreadable file shows as version -1 / no lines / no keys, so a comparison names it.
                let snapshot = (try? Data(contentsOf: URL(fileURLWithPath: folder + "/thread.json")))
                    .flatMap { try? JSONObject.parse($0) } ?? [:]
                let history = (try? String(contentsOfFile: folder + "/versions.jsonl", encoding: .utf8)) ?? ""
                let posts = snapshot["posts"] as? [[String: Any]] ?? []
                threads["\(host)/\(id)"] = Thread(
                    versions: snapshot["version"] as? Int ?? -1,
                    historyLines: history.split(separator: "\n").count,
                    postKeys: posts.map { $0["key"] as? String ?? "?" },
                    files: ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted())
            }
        }
    }

    func difference(from other: CrawlArchiveSummary) -> String {
        var lines: [String] = []
        for key in Set(threads.keys).union(other.threads.keys).sorted() where threads[key] != other.threads[key] {
            lines.append("\(key): \(threads[key].map { "\($0)" } ?? "missing") vs \(other.threads[key].map { "\($0)" } ?? "missing")")
        }
        return lines.isEmpty ? "same" : lines.joined(separator: "; ")
    }
}

/// The `crawl START → END` line a pass's report begins with.
struct CrawlReportLine {
    var start: Date
    var end: Date

    static func all(in text: String) -> [CrawlReportLine] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("crawl ") else { return nil }
            let parts = line.dropFirst(6).split(separator: " ")
            guard parts.count >= 3, parts[1] == "→", let start = ISO8601DateFormatter().date(from: String(parts[0])),
                let end = ISO8601DateFormatter().date(from: String(parts[2]))
            else { return nil }
            return CrawlReportLine(start: start, end: end)
        }
    }
}


/// `threadkeeper ARGS…` running in the background, its output going to files that can be read while it runs.
final class CrawlChild: CustomStringConvertible {
    private let process = Process()
    private let capture: URL
    private let arguments: [String]

    init(_ arguments: [String], in directory: URL) throws {
        self.arguments = arguments
        capture = FileManager.default.temporaryDirectory.appendingPathComponent("threadkeeper-crawl-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        try Data().write(to: capture.appendingPathComponent("stdout"))
        try Data().write(to: capture.appendingPathComponent("stderr"))
        process.executableURL = try CLI.executable.get()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = CLI.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: capture.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: capture.appendingPathComponent("stderr"))
        try process.run()
    }

    deinit {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: capture)
    }

    var isRunning: Bool { process.isRunning }

    var stdoutText: String { (try? String(contentsOf: capture.appendingPathComponent("stdout"), encoding: .utf8)) ?? "" }
    var stderrText: String { (try? String(contentsOf: capture.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }

    /// Sends `signal` if the process still runs.
    func kill(_ signal: Int32) {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, signal) }
    }

    /// Polls `condition` every 10 ms for up to `timeout`; whether it came true.
    func waitFor(_ timeout: Duration, _ condition: (CrawlChild) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(self)
    }

    /// Waits up to `timeout` for the process to end: its exit status (or signal) and whether a signal ended it.
    func wait(timeout: Duration) async -> (status: Int32, signalled: Bool)? {
        guard await waitFor(timeout, { !$0.isRunning }) else { return nil }
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    var description: String {
        "threadkeeper \(arguments.joined(separator: " ")) (\(process.isRunning ? "running" : "ended, status \(process.terminationStatus)"))\n"
            + "  stdout: \(stdoutText.debugDescription)\n  stderr: \(String(stderrText.suffix(2000)).debugDescription)"
    }
}

/// A synthetic forum for the crawl CLI tests (read by the config-defined profile `tinyforum`): `/forum`
/// lists every thread (link, reply count, last-post time); `/t/ID` and `/t/ID?page=N` are thread pages of
/// 3 posts (id, author, time, text; a story link in the first; a next-page link). ETag on every page and
/// 304 to a matching `If-None-Match`. Counts the thread-page requests.
final class CrawlCLIForum: Sendable {
    private let count: Int
    private let responseDelay: Duration
    private let requests = Locked(0)

    init(threads count: Int, responseDelay: Duration = .zero) {
        self.count = count
        self.responseDelay = responseDelay
    }

    var threadRequests: Int { requests.withLock { $0 } }
    func resetCount() { requests.withLock { $0 = 0 } }

    var handler: LoopbackServer.Handler { { [self] in handle($0) } }

    private static let epoch = 1_750_087_020

    private func posts(of id: Int) -> [(id: Int, author: String, time: Int, text: String)] {
        (0..<(1 + id % 5)).map { index in
            (id * 100 + index + 1, ["alice", "bob", "carol", "dave"][(id + index) % 4], Self.epoch + id * 3600 + index * 600,
             "Post \(index + 1) of thread \(id), about the council budget vote.")
        }
    }

    private func handle(_ request: LoopbackRequest) -> LoopbackResponse {
        var body: String?
        if request.path == "/forum" {
            body = listing()
        } else if request.path.hasPrefix("/t/"), let id = Int(request.path.dropFirst(3)), (1...count).contains(id) {
            requests.withLock { $0 += 1 }
            let page = request.query.flatMap { $0.hasPrefix("page=") ? Int($0.dropFirst(5)) : nil } ?? 1
            body = threadPage(id, page: page)
        }
        var response: LoopbackResponse
        if let body {
            let etag = "\"cli-\(body.utf8.count)-\(body.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF_FFFF })\""
            if request.header("If-None-Match") == etag {
                response = .status(304, headers: [("ETag", etag)])
            } else {
                response = .text(body, headers: [("ETag", etag)])
            }
        } else {
            response = .text("<html><body>not here</body></html>", status: 404)
        }
        if responseDelay > .zero { response.steps.insert(.pause(responseDelay), at: 0) }
        return response
    }

    private static func iso(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    private func listing() -> String {
        let rows = (1...count).map { id in
            let posts = posts(of: id)
            return """
                <tr class="thread"><td><a class="thread-link" href="/t/\(id)">Thread \(id)</a></td>\
                <td class="replies">\(posts.count - 1)</td><td class="last"><time datetime="\(Self.iso(posts.last!.time))">\(Self.iso(posts.last!.time))</time></td></tr>
                """
        }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Loop Forum</title></head>
            <body id="tinyforum"><h1>Loop Forum</h1>
            <table id="threads"><tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table></body></html>

            """
    }

    private func threadPage(_ id: Int, page: Int) -> String? {
        let posts = posts(of: id)
        let pages = (posts.count + 2) / 3
        guard page >= 1, page <= pages else { return nil }
        let articles = posts.dropFirst((page - 1) * 3).prefix(3).map { post in
            let story = post.id == posts[0].id ? "<p><a href=\"https://www.news.example/story-\(id)?utm_source=loop\">Story \(id)</a></p>" : ""
            return """
                <article class="post" data-post-id="\(post.id)"><span class="author">\(post.author)</span> \
                <time datetime="\(Self.iso(post.time))">\(Self.iso(post.time))</time>\
                <div class="body">\(story)<p>\(post.text)</p></div></article>
                """
        }
        let next = page < pages ? "<p class=\"pager\"><a rel=\"next\" href=\"/t/\(id)?page=\(page + 1)\">Next</a></p>" : ""
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Thread \(id)</title></head>
            <body id="tinyforum" data-thread="\(id)">
            <h1 class="thread-title">Thread \(id)</h1>
            \(articles.joined(separator: "\n"))
            \(next)
            </body></html>

            """
    }

    /// A config.json for one site `loop` at `seed`, archiving into `archive`: the `tinyforum` profile given in
    /// `profiles`, no retries, robots off, no delay, two requests at a time.
    static func config(archive: String, seed: String) -> String {
        """
        {
          "archive": "\(archive)",
          "userAgent": "threadkeeper-cli-tests/0.1",
          "fetch": {"connectTimeout": 5, "timeout": 20, "stallTimeout": 10, "retries": 0, "maxRedirects": 5},
          "politeness": {"maxConcurrent": 4, "perHost": 2, "delay": 0, "robots": false},
          "schedule": {"minInterval": "15m", "maxInterval": "1d", "retireAfter": "30d"},
          "profiles": [{"name": "tinyforum", "timeZone": "UTC",
            "detect": {"markers": ["/html/body[@id='tinyforum']"], "listing": ["//table[@id='threads']"]},
            "thread": {"title": "//h1[@class='thread-title']",
              "id": {"xpath": "/html/body/@data-thread", "pattern": "^(\\\\d+)$"},
              "nextPage": "//p[@class='pager']/a[@rel='next']/@href",
              "posts": [{"node": "//article[@class='post']", "id": "@data-post-id", "author": ".//span[@class='author']",
                         "published": ".//time/@datetime", "publishedText": ".//time", "body": ".//div[@class='body']"}]},
            "listing": {"title": "//h1", "rows": "//table[@id='threads']/tbody/tr[@class='thread']",
              "url": ".//a[@class='thread-link']/@href", "threadTitle": ".//a[@class='thread-link']",
              "lastActivity": ".//td[@class='last']/time/@datetime", "counts": {"replies": ".//td[@class='replies']"}}}],
          "sites": [{"name": "loop", "profile": "tinyforum", "seeds": ["\(seed)"], "threadPages": 10}]
        }

        """
    }
}
