import Foundation
import Testing
import TestSupport
import Locking

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Support for the archive verbs' end-to-end tests (ArchiveCLI*Tests): a temporary archive per test, the
// Democratic Underground fixture page and pages derived from it, synthetic pages of a profile defined in
// config, file-tree snapshots, and subprocesses (python3, warcio, flock holders, children to kill).

/// A temporary folder holding one archive (`ROOT/archive`) that every command is pointed at with
/// `--archive`; the tool runs with the folder as its working directory, so no repository `config.json` is read.
final class ArchiveSandbox {
    let folder: TemporaryFolder
    /// The archive's absolute path.
    let archive: String

    init(archiveName: String = "archive") throws {
        folder = try TemporaryFolder()
        archive = folder.path(archiveName)
    }

    var url: URL { folder.url }

    /// Runs `threadkeeper arguments… --archive ARCHIVE`.
    func run(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> Outcome {
        try await runThreadkeeper(arguments + ["--archive", archive], in: folder.url, timeout: timeout)
    }

    /// `threadkeeper import FILES --url URL --fetched-at TIME [extra] --archive ARCHIVE`.
    func importPages(
        _ files: [String], url: String = DUThread.url, fetchedAt: String = DUThread.fetchedAt, extra: [String] = []
    ) async throws -> Outcome {
        try await run(["import"] + files + ["--url", url, "--fetched-at", fetchedAt] + extra)
    }

    /// Writes `bytes` to `name` in the sandbox (not in the archive) and returns its name.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        try folder.write(name, bytes: bytes)
        return name
    }

    /// Writes `text` to `name` in the sandbox and returns its name.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    /// The absolute path of `relative` inside the archive.
    func path(_ relative: String) -> String { "\(archive)/\(relative)" }

    /// The bytes of `relative` inside the archive.
    func read(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    /// The folder of `key` (`host/id` of a plain key) relative to the archive.
    static func threadFolder(_ key: String) -> String { "threads/\(key)" }

    /// The lines of `versions.jsonl` of the plain key `key`, parsed.
    func versionRecords(_ key: String) throws -> [[String: Any]] {
        let text = String(decoding: try read(Self.threadFolder(key) + "/versions.jsonl"), as: UTF8.self)
        return try text.split(separator: "\n").map { try JSONObject.parse(String($0)) }
    }

    /// Every `threads/HOST/ID` folder of the archive, relative to it.
    func threadFolders() -> [String] {
        treeEntries(under: archive).filter { $0.hasPrefix("threads/") && $0.split(separator: "/").count == 3 }
    }

    /// Every WARC file of the archive (absolute paths, sorted).
    func warcFiles() -> [String] {
        let folder = path("warc")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".warc.gz") }.sorted().map { "\(folder)/\($0)" }
    }
}

/// The Democratic Underground thread of the extractor's fixtures (`du/du-thread-view-all.html`): five posts
/// (the opening post and four replies, the last hidden by a jury), ISO-8859-1, read in place.
enum DUThread {
    static let url = "https://www.democraticunderground.com/100220384040"
    static let key = "democraticunderground.com/100220384040"
    static let fetchedAt = "2025-06-17T08:17:00Z"
    static let title = "Emails Reveal the Casual Surveillance Alliance Between ICE and Local Police -- 404Media"
    /// The post keys of the page, in order.
    static let postKeys = ["id:20384040", "id:20384061", "id:20384088", "id:20384215", "id:20384377"]

    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ExtractTests/Fixtures/du")

    /// The "View all" page: every reply in full.
    static func page() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("du-thread-view-all.html")))
    }

    /// The "original post only" page: replies only as rows of the reply list, with relative times.
    static func opOnlyPage() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("du-thread-op-only.html")))
    }

    /// The full block of reply #3 (Bluethroughu, pid 20384215), from its `reply-border` to the next one.
    static let reply3Block = """
        <div class="reply-border">
        <a name="post3" id="post3"></a>
        <div class="reply-inner">
          <p class="post-author2"><a href="/~Bluethroughu" class="author2">Bluethroughu</a> <span class="post-count">(31,007 posts)</span></p>
          <h3 class="post-title">3. <a href="/?com=view_post&amp;forum=1002&amp;pid=20384215">Response to Ferrets are Cool (Reply #2)</a></h3>
          <p class="post-time"><span class="time-absolute">Mon Jun 16, 2025, 07:05 PM</span> <span class="time-relative">9 hrs ago</span></p>
          <div class="post-message"><p>Same here. Nobody asked the voters.</p></div>
          <div class="recommends">
            <p class="recommends-head">Recommendations</p>
            <p class="recommends-count">0 members have recommended this reply (displayed in chronological order):</p>
          </div>
        </div>
        </div>

        """

    /// Reply #3's row in the reply list.
    static let reply3Row = """
        <tr class="bg-dark"><td class="reply-title" style="padding-left: 60px;"><a href="/?com=view_post&amp;forum=1002&amp;pid=20384215">Response to Ferrets are Cool (Reply #2)</a></td><td class="reply-author"><a href="/~Bluethroughu">Bluethroughu</a></td><td class="reply-time">9 hrs ago</td><td class="reply-num">#3</td></tr>

        """

    /// A new reply #5 (pid 20384500) in the markup of the others.
    static let reply5Block = """
        <div class="reply-border">
        <a name="post5" id="post5"></a>
        <div class="reply-inner">
          <p class="post-author2"><a href="/~LateArrival" class="author2">LateArrival</a> <span class="post-count">(1,042 posts)</span></p>
          <h3 class="post-title">5. <a href="/?com=view_post&amp;forum=1002&amp;pid=20384500">Late to this</a></h3>
          <p class="post-time"><span class="time-absolute">Tue Jun 17, 2025, 03:55 AM</span> <span class="time-relative">22 mins ago</span></p>
          <div class="post-message"><p>Just read it. Bookmarked for the council meeting.</p></div>
          <div class="recommends">
            <p class="recommends-head">Recommendations</p>
            <p class="recommends-count">0 members have recommended this reply (displayed in chronological order):</p>
          </div>
        </div>
        </div>

        """

    /// Where the reply list starts: a new full reply goes before it.
    static let replyListStart = "<div class=\"reply-list-container\">"

    /// The page one crawl later: reply #3 gone (block and list row), reply #1's "scary" now "frightening",
    /// a new reply #5 (pid 20384500) after the others.
    static func changedPage() throws -> [UInt8] {
        var page = try page()
        page = try replacingOnce(reply3Block, with: "", in: page)
        page = try replacingOnce(reply3Row, with: "", in: page)
        page = try replacingOnce("Casual is the scary word here.", with: "Casual is the frightening word here.", in: page)
        page = try replacingOnce(replyListStart, with: reply5Block + replyListStart, in: page)
        return page
    }
}

/// A page cannot be derived: the text to replace is not there exactly once.
struct FixtureSurgeryError: Error, CustomStringConvertible {
    var needle: String
    var count: Int
    var description: String { "expected exactly one \(needle.debugDescription) in the page, found \(count)" }
}

/// `bytes` with the one occurrence of `old` (UTF-8; ASCII for the Latin-1 fixture) replaced by `new`.
func replacingOnce(_ old: String, with new: String, in bytes: [UInt8]) throws -> [UInt8] {
    try replacingOnce(Array(old.utf8), with: Array(new.utf8), in: bytes, name: old)
}

/// `bytes` with the one occurrence of `old` replaced by `new`.
func replacingOnce(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8], name: String? = nil) throws -> [UInt8] {
    let count = bytes.ranges(of: old).count
    guard count == 1, let range = bytes.firstRange(of: old) else {
        throw FixtureSurgeryError(needle: name ?? String(decoding: old, as: UTF8.self), count: count)
    }
    var result = bytes
    result.replaceSubrange(range, with: new)
    return result
}

/// Every occurrence of `old` replaced by `new`, requiring at least one.
func replacingAll(_ old: String, with new: String, in bytes: [UInt8]) throws -> [UInt8] {
    let needle = Array(old.utf8)
    let count = bytes.ranges(of: needle).count
    guard count > 0 else { throw FixtureSurgeryError(needle: old, count: 0) }
    return bytes.replacing(needle, with: Array(new.utf8))
}

/// A thread profile defined in config (`synthetic`) and pages for it, written for these tests: the thread id
/// is the text of `div#tid` (so a test can make it anything), posts have no ids (their keys are
/// fingerprints), times are as shown, and the thread shows a view counter.
enum SyntheticForum {
    static let profile = """
        {"name": "synthetic", "description": "A forum that exists only in the CLI archive tests",
         "detect": {"markers": ["/html/body[@id='synthetic']"]},
         "thread": {"title": "//h1", "id": "//div[@id='tid']",
           "counts": {"views": {"xpath": "//span[@class='views']", "pattern": "(\\\\d[\\\\d,]*)"},
                      "replies": "//span[@class='replies']"},
           "posts": [{"node": "//div[@class='post']", "author": "span[@class='author']",
                      "publishedText": "span[@class='time']", "body": "div[@class='body']"}]}}
        """

    /// A configuration with the `synthetic` profile and no sites.
    static let config = """
        {"profiles": [\(profile)], "sites": []}

        """

    struct Post {
        var author: String
        var time: String
        var body: String
    }

    static let defaultPosts = [
        Post(author: "ann", time: "17 hrs ago", body: "First words about the story."),
        Post(author: "bob", time: "3 hrs ago", body: "Second words, with <a href=\"https://news.example.com/story?PHPSESSID=0123456789abcdef0123\">a link</a>."),
    ]

    /// A thread page. `id` is written as it is (raw bytes, not escaped): a test passes what it wants the
    /// profile to read.
    static func page(
        id: [UInt8] = Array("4242".utf8), title: String = "A synthetic thread", views: String = "1,204",
        replies: Int = 1, posts: [Post] = defaultPosts
    ) -> [UInt8] {
        let head = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(title)</title></head>
            <body id="synthetic"><h1>\(title)</h1><div id="tid">
            """
        let rest = """
            </div>
            <p><span class="views">\(views) views</span> <span class="replies">\(replies)</span></p>
            \(posts.map { "<div class=\"post\"><span class=\"author\">\($0.author)</span> <span class=\"time\">\($0.time)</span><div class=\"body\">\($0.body)</div></div>" }.joined(separator: "\n"))
            </body></html>

            """
        return Array(head.utf8) + id + Array(rest.utf8)
    }

    static let url = "https://forum.example.org/t/4242"
}

/// A page of schema.org JSON-LD written for these tests: a `DiscussionForumPosting` whose text carries what
/// `body` says (JSON escapes decoded by the extractor, so control characters reach the archive as they are).
enum JSONLDThread {
    static let url = "https://talk.example.net/board/synthetic-77"

    static func page(headline: String, body: String, reply: String = "About time.") -> [UInt8] {
        Array(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Synthetic JSON-LD thread</title>
            <link rel="canonical" href="\(url)">
            <script type="application/ld+json">
            {"@context": "https://schema.org", "@type": "DiscussionForumPosting", "@id": "\(url)#post-1",
             "headline": "\(headline)", "url": "\(url)",
             "author": {"@type": "Person", "name": "ann"}, "datePublished": "2024-03-05T09:15:00Z",
             "articleBody": "\(body)",
             "comment": [{"@type": "Comment", "@id": "\(url)#post-2", "author": "bob",
                          "datePublished": "2024-03-05T10:02:00Z", "text": "\(reply)"}]}
            </script></head><body><h1>Synthetic JSON-LD thread</h1></body></html>

            """.utf8)
    }
}

// MARK: - File trees

/// Size and modification time (to the nanosecond) of one file or folder.
struct FileStamp: Equatable, CustomStringConvertible {
    var isFolder: Bool
    var size: Int
    var seconds: Int
    var nanoseconds: Int

    var description: String { "\(isFolder ? "folder" : "file") size \(size) mtime \(seconds).\(nanoseconds)" }
}

/// Every file and folder below `root` (paths relative to it), with its stamp; symbolic links are not followed.
func stamps(under root: String) -> [String: FileStamp] {
    var result: [String: FileStamp] = [:]
    for relative in treeEntries(under: root) {
        var info = stat()
        guard lstat("\(root)/\(relative)", &info) == 0 else { continue }
        result[relative] = FileStamp(
            isFolder: (info.st_mode & S_IFMT) == S_IFDIR, size: Int(info.st_size),
            seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
    }
    return result
}

/// Every path below `root`, relative to it, found by walking with `readdir` (no symbolic link followed).
func treeEntries(under root: String) -> [String] {
    var result: [String] = []
    func walk(_ relative: String) {
        let path = relative.isEmpty ? root : "\(root)/\(relative)"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names.sorted() {
            let child = relative.isEmpty ? name : "\(relative)/\(name)"
            result.append(child)
            var info = stat()
            if lstat("\(root)/\(child)", &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { walk(child) }
        }
    }
    walk("")
    return result
}

/// The canonical absolute path of `path` (symbolic links resolved), or nil when it cannot be resolved.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// Whether `path` is a symbolic link.
func isSymbolicLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
}

// MARK: - Subprocesses

/// A program run to its end: status and output.
struct ToolRun: Sendable, CustomStringConvertible {
    var command: [String]
    var status: Int32
    var stdout: Data
    var stderr: Data

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    var description: String {
        "\(command.joined(separator: " ")): status \(status)\n  stdout: \(stdoutText.prefix(2000).debugDescription)\n  stderr: \(stderrText.prefix(2000).debugDescription)"
    }
}

/// A program that may not be installed.
struct MissingTool: Error, CustomStringConvertible {
    var description: String
}

/// Why a child process could not be started.
struct SpawnError: Error, CustomStringConvertible {
    var description: String
}

/// A child process the test controls: it can be killed at any moment and waited for.
///
/// Started with `posix_spawn` and reaped by a thread of its own blocked in `waitpid`, not with Foundation's
/// `Process`: on Linux that one notices a child's end through a socket the child inherits, and a child that
/// crashes (the Swift runtime then starts a backtracer) or is killed has been seen to leave it waiting forever.
final class ChildProcess: Sendable {
    let pid: Int32
    private let ended: AsyncStream<(status: Int32, signalled: Bool)>
    private let capture: URL
    private let finished = EndFlag()

    /// Starts `executable arguments…` (an absolute path) in `directory` with stdin from /dev/null, stdout
    /// and stderr to files, and exactly `environment`.
    init(_ executable: String, _ arguments: [String], in directory: URL, environment: [String: String]) throws {
        capture = FileManager.default.temporaryDirectory.appendingPathComponent("threadkeeper-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        let stdoutPath = capture.appendingPathComponent("stdout").path
        let stderrPath = capture.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard let addChdir = SpawnExtensions.addChdir, let addClosefrom = SpawnExtensions.addClosefrom else {
            throw SpawnError(description: "posix_spawn_file_actions_addchdir_np or _addclosefrom_np is missing (glibc 2.34+)")
        }
        guard addChdir(&actions, directory.path) == 0, addClosefrom(&actions, 3) == 0 else {
            throw SpawnError(description: "cannot prepare the spawn of \(executable)")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
        let child = pid

        let (stream, continuation) = AsyncStream<(status: Int32, signalled: Bool)>.makeStream()
        ended = stream
        let flag = finished
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1, errno == EINTR {}
            flag.set()
            let signal = status & 0x7F
            if signal != 0, signal != 0x7F {
                continuation.yield((signal, true))
            } else {
                continuation.yield(((status >> 8) & 0xFF, false))
            }
            continuation.finish()
        }
    }

    deinit {
        if !finished.isSet { sendSignal(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: capture)
    }

    /// Whether the child has ended (and been reaped).
    var hasEnded: Bool { finished.isSet }

    /// Sends `signal` (default SIGKILL) unless the child has ended.
    func kill(_ signal: Int32 = SIGKILL) {
        if !finished.isSet { sendSignal(pid, signal) }
    }

    /// Waits for the child to end: its exit status (or signal) and whether a signal ended it.
    func wait() async -> (status: Int32, signalled: Bool) {
        for await ending in ended { return ending }
        return (-1, true)
    }

    /// What the child wrote to stdout so far.
    var stdout: Data { (try? Data(contentsOf: capture.appendingPathComponent("stdout"))) ?? Data() }
    /// What the child wrote to stderr so far.
    var stderr: Data { (try? Data(contentsOf: capture.appendingPathComponent("stderr"))) ?? Data() }
}

/// glibc's spawn extensions that Swift's Glibc module does not declare (they need `_GNU_SOURCE`).
private enum SpawnExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let addChdir: AddChdir? = unsafeBitCast(
        dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np"), to: AddChdir?.self)
    static let addClosefrom: AddClosefrom? = unsafeBitCast(
        dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np"), to: AddClosefrom?.self)
}

/// Runs the built `threadkeeper arguments…` in `directory` (like `CLI.run`, but spawned and reaped by
/// `ChildProcess`; the Swift runtime's crash backtracer is off, so a crash ends quickly), killing it after `timeout`.
func runThreadkeeper(_ arguments: [String], in directory: URL, timeout: Duration = .seconds(60)) async throws -> Outcome {
    let executable = try CLI.executable.get()
    var environment = CLI.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    let start = ContinuousClock.now
    let child = try ChildProcess(executable.path, arguments, in: directory, environment: environment)
    let timedOut = EndFlag()
    let watchdog = Task {
        try await Task.sleep(for: timeout)
        timedOut.set()
        child.kill(SIGKILL)
    }
    let ending = await child.wait()
    watchdog.cancel()
    return Outcome(
        arguments: arguments, status: ending.status, signalled: ending.signalled, timedOut: timedOut.isSet,
        elapsed: ContinuousClock.now - start, stdout: child.stdout, stderr: child.stderr)
}

/// A flag one thread sets and others read.
final class EndFlag: Sendable {
    private let value = Locked(false)

    func set() { value.withLock { $0 = true } }

    var isSet: Bool { value.withLock { $0 } }
}

/// `kill(2)`.
func sendSignal(_ pid: Int32, _ signal: Int32) {
    _ = kill(pid, signal)
}

/// Runs `program arguments…` (looked up on PATH) in `directory` and waits for it, killing it after `timeout`.
func runTool(
    _ program: String, _ arguments: [String], in directory: URL? = nil, timeout: Duration = .seconds(120)
) async throws -> ToolRun {
    let child = try ChildProcess(
        "/usr/bin/env", [program] + arguments, in: directory ?? FileManager.default.temporaryDirectory,
        environment: ProcessInfo.processInfo.environment)
    let watchdog = Task {
        try await Task.sleep(for: timeout)
        child.kill()
    }
    let ending = await child.wait()
    watchdog.cancel()
    return ToolRun(
        command: [program] + arguments, status: ending.signalled ? -1 : ending.status, stdout: child.stdout,
        stderr: child.stderr)
}

/// `sha256:` and the hex SHA-256 of `bytes` (computed by python3's hashlib: the test target has no hash library).
func sha256(_ bytes: [UInt8]) async throws -> String {
    let folder = try TemporaryFolder()
    let file = try folder.write("data", bytes: bytes)
    let run = try await runTool(
        "python3", ["-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", file])
    guard run.status == 0 else { throw MissingTool(description: "python3 could not hash: \(run)") }
    return "sha256:" + run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
}


/// The bytes of `text` without the first `,"hash":"sha256:…"` member: the canonical JSON a snapshot's hash covers.
func withoutHash(_ bytes: [UInt8]) -> [UInt8]? {
    let marker = Array(",\"hash\":\"sha256:".utf8)
    guard let start = bytes.firstRange(of: marker) else { return nil }
    let valueEnd = start.upperBound + 64
    guard valueEnd < bytes.count, bytes[valueEnd] == UInt8(ascii: "\"") else { return nil }
    var result = bytes
    result.removeSubrange(start.lowerBound...valueEnd)
    return result
}
