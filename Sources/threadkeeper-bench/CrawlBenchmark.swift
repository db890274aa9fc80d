import Archive
import Dispatch
import Foundation
import Locking

#if canImport(Glibc)
    import Glibc
#endif

/// `threadkeeper-bench crawl [--threads N] [--posts N] [--per-listing N] [--concurrency N] [--curl-rounds N]
/// [--threadkeeper PATH] [--nginx PATH] [--curl PATH] [--dir PATH] [--keep]`: a whole crawl against nginx.
///
/// Generates a synthetic forum (listing pages of `--per-listing` rows, `--threads` thread pages of `--posts`
/// posts, each first post linking one of a few hundred news stories), serves it with nginx on 127.0.0.1 and
/// runs the built `threadkeeper crawl --once` over it with politeness off: the first pass archives every
/// thread (threads/s, peak memory from `wait4`), `curl --parallel` downloads the same thread URLs (the
/// baseline), and a second pass over the unchanged forum, every thread due again, measures the share of 304s
/// and its time against the first.
enum CrawlBenchmark {
    struct Options {
        var threads = 2000
        var posts = 20
        var perListing = 100
        var concurrency = 16
        var curlRounds = 3
        var threadkeeper: String?
        var nginx: String?
        var curl = "/usr/bin/curl"
        var directory: String?
        var keep = false
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What a child process did: exit status, wall time, CPU time and peak resident memory.
    struct Run {
        var status: Int32
        var seconds: Double
        var userSeconds: Double
        var systemSeconds: Double
        /// `ru_maxrss`: peak resident set, kB.
        var maxResidentKB: Int
        /// When it started, in seconds since 1970 (the clock of nginx's log).
        var started: Double
    }

    static func run(arguments: [String]) async throws {
        let options = try parse(arguments)
        let nginx = try findNginx(options.nginx)
        let threadkeeper = try findThreadkeeper(options.threadkeeper)
        guard FileManager.default.isExecutableFile(atPath: options.curl) else {
            throw Failure(description: "crawl: curl not found at \(options.curl) (apt-get install -y curl, or pass --curl PATH)")
        }

        let root = options.directory ?? (NSTemporaryDirectory() + "threadkeeper-bench-crawl-\(getpid())")
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = chmod(root, 0o755)
        defer { if !options.keep { try? FileManager.default.removeItem(atPath: root) } }

        // The forum, on disk.
        let site = "\(root)/www"
        let listingCount = (options.threads + options.perListing - 1) / options.perListing
        let pageBytes = try generateForum(at: site, options: options, listings: listingCount)

        // nginx on a free loopback port.
        let port = try freePort()
        let server = try Nginx.start(binary: nginx, root: root, site: site, port: port)
        defer { server.stop() }
        let interrupt = stopOnSignals(nginx: server.pid, folder: options.keep ? nil : root)
        defer { for source in interrupt { source.cancel() } }
        let base = "http://127.0.0.1:\(port)"
        try await server.waitUntilReady(url: "\(base)/robots.txt", curl: options.curl)

        print(
            "crawl benchmark: \(options.threads) threads of \(options.posts) posts "
                + "(\(pageBytes / options.threads) bytes a page on average, \(formatBytes(pageBytes)) in all), "
                + "\(listingCount) listing pages of \(options.perListing) rows, served by \(nginxVersion(nginx)) on \(base); "
                + "politeness off, \(options.concurrency) transfers at once")
        print("threadkeeper: \(threadkeeper)")
        print("work folder: \(root)\(options.keep ? " (kept)" : "")")

        // The configuration: politeness off, every thread due again one second after its visit.
        let archive = "\(root)/archive"
        let config = "\(root)/config.json"
        try writeConfig(
            to: config, archive: archive, seed: "\(base)/forum/1.html", listings: listingCount, options: options)
        let threadURLs = (1...options.threads).map { "\(base)/t/\(threadID($0)).html" }

        // Pass 1: every thread is new.
        let log1 = server.logOffset()
        let first = try spawn(
            threadkeeper, ["crawl", "--once", "--config", config, "--report-json", "\(root)/pass1.json"],
            stdout: "\(root)/pass1.out", stderr: "\(root)/pass1.err")
        let requests1 = server.requests(since: log1)
        let report1 = try readReport("\(root)/pass1.json")
        guard first.status == 0 else {
            throw Failure(description: "crawl: pass 1 exited with status \(first.status); see \(root)/pass1.out and pass1.err (use --keep)")
        }
        let stored1 = report1.newThreads + report1.newVersions
        guard stored1 == options.threads, report1.errors == 0 else {
            throw Failure(
                description: "crawl: pass 1 stored \(stored1) of \(options.threads) threads with \(report1.errors) errors: "
                    + (report1.failures.first ?? "see \(root)/pass1.out"))
        }
        let archived = (try ArchiveReader(root: archive)).states().states
        let archivedPosts = archived.reduce(0) { $0 + $1.posts }

        // The baseline: curl downloading the same thread pages.
        var curlRuns: [Run] = []
        for _ in 1...options.curlRounds {
            curlRuns.append(try runCurl(threadURLs, curl: options.curl, concurrency: options.concurrency, root: root))
        }

        // Pass 2: nothing changed; every thread's revisit (minInterval 1s) is due after a short wait.
        try await Task.sleep(for: .seconds(2.5))
        let log2 = server.logOffset()
        let second = try spawn(
            threadkeeper, ["crawl", "--once", "--config", config, "--report-json", "\(root)/pass2.json"],
            stdout: "\(root)/pass2.out", stderr: "\(root)/pass2.err")
        let requests2 = server.requests(since: log2)
        let report2 = try readReport("\(root)/pass2.json")
        guard second.status == 0 else {
            throw Failure(description: "crawl: pass 2 exited with status \(second.status); see \(root)/pass2.out and pass2.err (use --keep)")
        }

        // Figures.
        let threads = Double(options.threads)
        let oursRate = threads / first.seconds
        let curlBest = curlRuns.map(\.seconds).min() ?? 1
        let curlMedian = median(curlRuns.map(\.seconds))
        let threadRequests1 = requests1.filter { $0.path.hasPrefix("/t/") }
        let threadRequests2 = requests2.filter { $0.path.hasPrefix("/t/") }
        let notModified2 = threadRequests2.count { $0.status == 304 }
        let share = threadRequests2.isEmpty ? 0 : Double(notModified2) / Double(threadRequests2.count)
        let phase1 = phases(requests1)

        print("")
        print("pass 1 (all \(options.threads) threads new): \(report1.summary)")
        print(
            String(
                format: "  wall %.2f s → %.0f threads/s (process start, %d listing pages, %d threads fetched, extracted and archived)",
                first.seconds, oursRate, listingCount, options.threads))
        if let phase1 {
            print(
                String(
                    format: "  by nginx's clock: start-up %.2f s, listing pages %.2f s, thread pages %.2f s (%.0f threads/s), after the last request %.2f s",
                    phase1.firstRequest - first.started, phase1.listings, phase1.threads,
                    Double(threadRequests1.count) / max(phase1.threads, 0.001),
                    max(0, first.started + first.seconds - phase1.firstRequest - phase1.total)))
        }
        print(
            String(
                format: "  CPU: user %.2f s + system %.2f s = %.2f s (%.2f cores busy on average)",
                first.userSeconds, first.systemSeconds, first.userSeconds + first.systemSeconds,
                (first.userSeconds + first.systemSeconds) / first.seconds))
        print("  archive: \(archived.count) threads, \(archivedPosts) posts, \(formatBytes(bytes(under: archive))) on disk")
        print(
            String(
                format: "curl %@ --parallel --parallel-max %d, the same %d thread URLs, %d round(s): best %.3f s (%.0f pages/s), median %.3f s (%.0f pages/s); CPU %.2f s; peak memory %@",
                curlVersion(options.curl), options.concurrency, options.threads, options.curlRounds, curlBest, threads / curlBest,
                curlMedian, threads / curlMedian, (curlRuns.first.map { $0.userSeconds + $0.systemSeconds } ?? 0),
                formatKB(curlRuns.map(\.maxResidentKB).max() ?? 0)))
        print(
            String(
                format: "throughput ours/curl: %.3f× against curl's median (%.3f× against its best round) (goal ≥ 0.80×)",
                oursRate / (threads / curlMedian), oursRate / (threads / curlBest)))
        print("peak memory, threadkeeper crawl pass 1 (ru_maxrss): \(formatKB(first.maxResidentKB)) (goal ≤ 150 MB)")
        print("")
        print("pass 2 (nothing changed, every thread due): \(report2.summary)")
        print(
            String(
                format: "  thread requests: %d, of which 304: %d = %.1f%% (goal ≥ 90%%); listing requests: %d",
                threadRequests2.count, notModified2, share * 100, requests2.count - threadRequests2.count))
        print(
            String(
                format: "  wall %.2f s = %.2f× the first pass (%.0f threads/s); CPU %.2f s; peak memory %@",
                second.seconds, second.seconds / first.seconds, threads / second.seconds,
                second.userSeconds + second.systemSeconds, formatKB(second.maxResidentKB)))
        if report2.threadsDue != options.threads {
            print("  note: \(report2.threadsDue) of \(options.threads) threads were due in pass 2")
        }
    }

    // MARK: - The forum

    /// Thread ids look like a forum's: large and not consecutive from 1.
    static func threadID(_ number: Int) -> Int { 500_000 + number * 7 }

    /// Writes robots.txt, the listing pages and the thread pages; returns the thread pages' total bytes.
    static func generateForum(at site: String, options: Options, listings: Int) throws -> Int {
        let manager = FileManager.default
        try manager.createDirectory(atPath: "\(site)/forum", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: "\(site)/t", withIntermediateDirectories: true)
        try write("User-agent: *\nAllow: /\n", to: "\(site)/robots.txt")
        let base = Date(timeIntervalSince1970: 1_750_000_000)
        let iso = ISO8601DateFormatter()
        let shown = DateFormatter()
        shown.locale = Locale(identifier: "en_US_POSIX")
        shown.timeZone = TimeZone(identifier: "UTC")
        shown.dateFormat = "EEE MMM d, yyyy, h:mm a"

        var total = 0
        var rows: [String] = []
        for number in 1...options.threads {
            let id = threadID(number)
            let story = number % 300
            let title = "Synthetic thread \(number) on story \(story): harbor, ferries and the budget"
            var html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>\(title) - Bench Forum</title></head>
                <body class="benchforum">
                <nav class="crumbs"><a href="/">Bench Forum</a> &rsaquo; <a href="/forum/1.html">News</a></nav>
                <h1 class="topic-title" data-topic="\(id)">\(title)</h1>
                <p class="topic-stats"><span class="replies">\(options.posts - 1) replies</span> <span class="views">\(number * 13) views</span></p>

                """
            var last = base
            for post in 1...options.posts {
                let time = base.addingTimeInterval(Double(number * 60 + post * 317))
                last = time
                let author = "member\((number * 7 + post * 13) % 500)"
                let words = (0..<45).map { word in vocabulary[(number * 31 + post * 17 + word * 7) % vocabulary.count] }
                let text = words.joined(separator: " ")
                let link =
                    post == 1
                    ? "<p><a href=\"https://www.news.example/2025/06/story-\(story)?utm_source=bench&amp;utm_medium=forum\">story \(story)</a></p>"
                    : ""
                html += """
                    <div class="post" id="post-\(id * 100 + post)">
                      <div class="byline"><a class="author" href="/member/\(author)">\(author)</a>
                        <span class="postcount">(\(1_000 + (number * post) % 9_000) posts)</span>
                        <time class="posted" datetime="\(iso.string(from: time))">\(shown.string(from: time))</time></div>
                      <div class="body">\(link)<p>\(text).</p><p>Reply \(post) of thread \(number).</p></div>
                      <div class="recs">Recommended by \((number + post) % 12) members</div>
                    </div>

                    """
            }
            html += "</body></html>\n"
            total += html.utf8.count
            try write(html, to: "\(site)/t/\(id).html")
            rows.append(
                """
                <tr class="topic" data-topic="\(id)"><td class="subject"><a href="/t/\(id).html">\(title)</a></td>\
                <td class="starter"><a href="/member/member\(number % 500)">member\(number % 500)</a></td>\
                <td class="replies">\(options.posts - 1)</td>\
                <td class="last"><time datetime="\(iso.string(from: last))">\(shown.string(from: last))</time></td></tr>
                """)
        }
        for page in 1...listings {
            let chunk = rows[((page - 1) * options.perListing)..<min(page * options.perListing, rows.count)]
            let next = page < listings ? "<a rel=\"next\" href=\"/forum/\(page + 1).html\">Next page</a>" : ""
            let html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>News - Bench Forum</title></head>
                <body class="benchforum">
                <h1 class="forum-name">News</h1>
                <table class="topics">
                <tr><th>Topic</th><th>Started by</th><th>Replies</th><th>Last post</th></tr>
                \(chunk.joined(separator: "\n"))
                </table>
                <p class="pages">Page \(page) of \(listings) \(next)</p>
                </body></html>

                """
            try write(html, to: "\(site)/forum/\(page).html")
        }
        return total
    }

    static let vocabulary = """
        council harbor ferry budget vote lanes quay timetable sailing port authority summer winter bridge tide \
        lighthouse meeting minutes plan consultation crossing parking delivery residents shops market weekend \
        morning evening notice report gazette reader letter editor question answer record public works contract \
        survey cost estimate delay schedule route weather storm repair dredging pier mooring fishing boats
        """.split(separator: " ").map(String.init)

    /// The user-defined profile of the generated forum.
    static let profile = """
        {"name": "benchforum", "description": "the synthetic forum of threadkeeper-bench crawl", "timeZone": "UTC",
         "detect": {"markers": ["/html/body[@class='benchforum']"], "listing": ["//table[@class='topics']"]},
         "thread": {
           "title": "//h1[@class='topic-title']",
           "forum": "//nav[@class='crumbs']/a",
           "id": "//h1[@class='topic-title']/@data-topic",
           "counts": {"replies": "//p[@class='topic-stats']/span[@class='replies']",
                      "views": "//p[@class='topic-stats']/span[@class='views']"},
           "nextPage": "(//a[@class='next'])[1]/@href",
           "posts": [{
             "node": "//div[@class='post']",
             "id": {"xpath": "@id", "pattern": "post-(\\\\d+)"},
             "author": "./div[@class='byline']/a[@class='author']",
             "authorUrl": "./div[@class='byline']/a[@class='author']/@href",
             "authorPostCount": "./div[@class='byline']/span[@class='postcount']",
             "published": "./div[@class='byline']/time[@class='posted']/@datetime",
             "publishedText": "./div[@class='byline']/time[@class='posted']",
             "body": "./div[@class='body']",
             "counts": {"recommendations": "./div[@class='recs']"}
           }]
         },
         "listing": {
           "title": "//h1[@class='forum-name']",
           "rows": "//table[@class='topics']//tr[@class='topic']",
           "url": "./td[@class='subject']/a/@href",
           "id": "@data-topic",
           "threadTitle": "./td[@class='subject']/a",
           "author": "./td[@class='starter']/a",
           "authorUrl": "./td[@class='starter']/a/@href",
           "lastActivity": "./td[@class='last']/time/@datetime",
           "lastActivityText": "./td[@class='last']/time",
           "counts": {"replies": "./td[@class='replies']"},
           "nextPage": "//a[@rel='next']/@href"
         }}
        """

    static func writeConfig(to path: String, archive: String, seed: String, listings: Int, options: Options) throws {
        let config = """
            {
              "archive": "\(archive)",
              "userAgent": "threadkeeper-bench/0.1 (+loopback benchmark)",
              "fetch": {"retries": 0},
              "politeness": {"maxConcurrent": \(options.concurrency), "perHost": \(options.concurrency), "delay": 0, "robots": false},
              "schedule": {"minInterval": "1s", "maxInterval": "1d", "retireAfter": "30d"},
              "profiles": [\(profile)],
              "sites": [
                {"name": "bench", "profile": "benchforum", "timeZone": "UTC", "seeds": ["\(seed)"],
                 "listingPages": \(listings + 1), "threadPages": 5}
              ]
            }

            """
        try write(config, to: path)
    }

    // MARK: - nginx

    /// An nginx master process serving `site` on 127.0.0.1:`port`, its access log in `root`.
    final class Nginx {
        let pid: pid_t
        let accessLog: String

        private init(pid: pid_t, accessLog: String) {
            self.pid = pid
            self.accessLog = accessLog
        }

        static func start(binary: String, root: String, site: String, port: Int) throws -> Nginx {
            let prefix = "\(root)/nginx"
            try FileManager.default.createDirectory(atPath: "\(prefix)/temp", withIntermediateDirectories: true)
            let accessLog = "\(prefix)/access.log"
            let conf = """
                worker_processes 1;
                daemon off;
                pid \(prefix)/nginx.pid;
                error_log \(prefix)/error.log warn;
                events { worker_connections 1024; }
                http {
                    types { text/html html; text/plain txt; }
                    default_type application/octet-stream;
                    client_body_temp_path \(prefix)/temp;
                    log_format bench '$msec $status $request_uri';
                    access_log \(accessLog) bench;
                    sendfile on;
                    tcp_nodelay on;
                    keepalive_requests 1000000;
                    keepalive_timeout 120s;
                    etag on;
                    server {
                        listen 127.0.0.1:\(port);
                        server_name localhost;
                        root \(site);
                    }
                }

                """
            try write(conf, to: "\(prefix)/nginx.conf")
            try write("", to: accessLog)
            let pid = try launch(
                binary, ["-p", prefix, "-c", "\(prefix)/nginx.conf", "-e", "\(prefix)/error.log"],
                stdout: "\(prefix)/stdout", stderr: "\(prefix)/stderr")
            return Nginx(pid: pid, accessLog: accessLog)
        }

        /// Polls with curl until nginx answers (or gives up after 10 s with its error log).
        func waitUntilReady(url: String, curl: String) async throws {
            for _ in 0..<200 {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid {
                    throw Failure(description: "crawl: nginx exited at start: \(errorLog())")
                }
                let probe = try spawn(curl, ["--silent", "--fail", "--noproxy", "*", "--output", "/dev/null", url])
                if probe.status == 0 { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw Failure(description: "crawl: nginx did not answer \(url) within 10 s: \(errorLog())")
        }

        func errorLog() -> String {
            let prefix = (accessLog as NSString).deletingLastPathComponent
            let text = [prefix + "/error.log", prefix + "/stderr"].compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
                .joined()
            return text.split(separator: "\n").suffix(3).joined(separator: " / ")
        }

        /// The access log's size now, to read the requests made after this point.
        func logOffset() -> UInt64 {
            (try? FileManager.default.attributesOfItem(atPath: accessLog)[.size] as? UInt64) ?? 0
        }

        /// Requests logged since `offset`: time (nginx's clock), status, path.
        func requests(since offset: UInt64) -> [LoggedRequest] {
            guard let handle = FileHandle(forReadingAtPath: accessLog) else { return [] }
            defer { try? handle.close() }
            try? handle.seek(toOffset: offset)
            let data = (try? handle.readToEnd()) ?? Data()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ", maxSplits: 2)
                guard parts.count == 3, let time = Double(parts[0]), let status = Int(parts[1]) else { return nil }
                return LoggedRequest(time: time, status: status, path: String(parts[2]))
            }
        }

        func stop() {
            kill(pid, SIGQUIT)
            var status: Int32 = 0
            for _ in 0..<100 {
                if waitpid(pid, &status, WNOHANG) == pid { return }
                usleep(20_000)
            }
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
    }

    /// SIGINT and SIGTERM stop nginx (and remove the work folder unless kept) before the benchmark exits, so
    /// an interrupted run leaves no server behind.
    static func stopOnSignals(nginx pid: pid_t, folder: String?) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                var status: Int32 = 0
                let child = runningChild.withLock { $0 }
                if child > 0 {
                    kill(child, SIGTERM)
                    waitpid(child, &status, 0)
                }
                kill(pid, SIGQUIT)
                waitpid(pid, &status, 0)
                if let folder { try? FileManager.default.removeItem(atPath: folder) }
                FileHandle.standardError.write(Data("threadkeeper-bench: crawl: interrupted; nginx stopped\n".utf8))
                exit(130)
            }
            source.resume()
            return source
        }
    }

    /// The child `spawn` waits for (0: none), for the signal handler to stop.
    static let runningChild = Locked<pid_t>(0)

    struct LoggedRequest {
        var time: Double
        var status: Int
        var path: String
    }

    struct Phases {
        var firstRequest: Double
        var listings: Double
        var threads: Double
        var total: Double
    }

    /// From nginx's log of a pass: how long the listing pages took (first request to last listing) and the
    /// threads (last listing to last thread).
    static func phases(_ requests: [LoggedRequest]) -> Phases? {
        guard let first = requests.map(\.time).min(),
            let lastListing = requests.filter({ $0.path.hasPrefix("/forum/") }).map(\.time).max(),
            let lastThread = requests.filter({ $0.path.hasPrefix("/t/") }).map(\.time).max()
        else { return nil }
        return Phases(firstRequest: first, listings: lastListing - first, threads: lastThread - lastListing, total: lastThread - first)
    }

    static func findNginx(_ given: String?) throws -> String {
        let candidates =
            given.map { [$0] }
            ?? (["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"]
                + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/nginx" })
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw Failure(
            description: "crawl: nginx not found (looked for \(given ?? "/usr/sbin/nginx and nginx on PATH")); "
                + "this benchmark serves its forum with nginx: install Debian's nginx-light "
                + "(sudo apt-get install -y nginx-light) or pass --nginx PATH")
    }

    /// `threadkeeper` next to this executable (both are built by `swift build -c release`), unless given.
    static func findThreadkeeper(_ given: String?) throws -> String {
        let path: String
        if let given {
            path = given
        } else {
            let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            path = ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent("threadkeeper")
        }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(
                description: "crawl: no threadkeeper executable at \(path): build it first (swift build -c release) "
                    + "or pass --threadkeeper PATH")
        }
        return path
    }

    static func nginxVersion(_ path: String) -> String {
        let out = NSTemporaryDirectory() + "threadkeeper-bench-nginx-version-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try? spawn(path, ["-v"], stdout: out, stderr: out)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return text.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "nginx"
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "crawl: socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(fd, address, length) == 0 && getsockname(fd, address, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "crawl: cannot bind a port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    // MARK: - curl

    static func runCurl(_ urls: [String], curl: String, concurrency: Int, root: String) throws -> Run {
        let configFile = "\(root)/urls.curlrc"
        try write(urls.map { "url = \"\($0)\"\noutput = \"/dev/null\"\n" }.joined(), to: configFile)
        let run = try spawn(
            curl,
            [
                "--parallel", "--parallel-max", String(concurrency), "--silent", "--show-error", "--fail",
                "--noproxy", "*", "--config", configFile,
            ], stderr: "\(root)/curl.err")
        guard run.status == 0 else {
            throw Failure(description: "crawl: curl exited with status \(run.status) (\(root)/curl.err)")
        }
        return run
    }

    static func curlVersion(_ path: String) -> String {
        let out = NSTemporaryDirectory() + "threadkeeper-bench-curl-version-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try? spawn(path, ["--version"], stdout: out)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return String(text.split(separator: " ").dropFirst().first ?? "?")
    }

    // MARK: - Processes

    /// Starts `path` with `arguments`, standard output and error to files (or /dev/null); returns its pid.
    static func launch(_ path: String, _ arguments: [String], stdout: String? = nil, stderr: String? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stderr, stderr == stdout {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in environment { free(pointer) }
        }
        // The benchmark ignores SIGINT and SIGTERM (a dispatch source handles them); its children must not.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, environment)
        guard result == 0 else {
            throw Failure(description: "crawl: cannot start \(path): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Runs `path` to its end; `wait4` gives its own CPU time and peak memory.
    static func spawn(_ path: String, _ arguments: [String], stdout: String? = nil, stderr: String? = nil) throws -> Run {
        let started = Date().timeIntervalSince1970
        let start = ContinuousClock.now
        let pid = try launch(path, arguments, stdout: stdout, stderr: stderr)
        runningChild.withLock { $0 = pid }
        defer { runningChild.withLock { $0 = 0 } }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw Failure(description: "crawl: wait4 failed for \(path)") }
        }
        let elapsed = ContinuousClock.now - start
        let exited = status & 0x7f == 0
        return Run(
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            seconds: seconds(elapsed),
            userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
            systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
            maxResidentKB: usage.ru_maxrss, started: started)
    }

    // MARK: - Reports

    /// The parts of a `--report-json` file the benchmark prints.
    struct PassReport {
        var threadsListed = 0
        var threadsDue = 0
        var newThreads = 0
        var newVersions = 0
        var unchanged = 0
        var notModified = 0
        var errors = 0
        var failures: [String] = []
        var requests = 0
        var bytes = 0
        var notModifiedResponses = 0

        var summary: String {
            "\(threadsListed) listed, \(threadsDue) due; \(newThreads) new, \(newVersions) new versions, "
                + "\(unchanged) unchanged, \(notModified) not modified; \(requests) requests, \(formatBytes(bytes)) received, "
                + "\(notModifiedResponses) answered 304, \(errors) errors"
        }
    }

    static func readReport(_ path: String) throws -> PassReport {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw Failure(description: "crawl: no report at \(path)") }
        var report = PassReport()
        for site in object["sites"] as? [[String: Any]] ?? [] {
            report.threadsListed += site["threadsListed"] as? Int ?? 0
            report.threadsDue += site["threadsDue"] as? Int ?? 0
            report.newThreads += site["newThreads"] as? Int ?? 0
            report.newVersions += site["newVersions"] as? Int ?? 0
            report.unchanged += site["unchanged"] as? Int ?? 0
            report.notModified += site["notModified"] as? Int ?? 0
            report.errors += (site["errors"] as? [String: Int] ?? [:]).values.reduce(0, +)
            report.failures += site["failures"] as? [String] ?? []
        }
        for host in object["hosts"] as? [[String: Any]] ?? [] {
            report.requests += host["requests"] as? Int ?? 0
            report.bytes += host["bytes"] as? Int ?? 0
            report.notModifiedResponses += host["notModified"] as? Int ?? 0
        }
        return report
    }

    // MARK: - Helpers

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func bytes(under folder: String) -> Int {
        var total = 0
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            total += (try? FileManager.default.attributesOfItem(atPath: "\(folder)/\(name)")[.size] as? Int) ?? 0
        }
        return total
    }

    static func formatBytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MiB", Double(bytes) / 1_048_576) : String(format: "%.1f KiB", Double(bytes) / 1024)
    }

    static func formatKB(_ kilobytes: Int) -> String {
        String(format: "%.1f MB", Double(kilobytes) * 1024 / 1_000_000)
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var index = 0
        func text(_ name: String) throws -> String {
            index += 1
            guard index < arguments.count else { throw Failure(description: "\(name) needs a value") }
            return arguments[index]
        }
        func number(_ name: String) throws -> Int {
            guard let value = Int(try text(name)), value > 0 else { throw Failure(description: "\(name) needs a positive number") }
            return value
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--threads": options.threads = try number("--threads")
            case "--posts": options.posts = try number("--posts")
            case "--per-listing": options.perListing = try number("--per-listing")
            case "--concurrency": options.concurrency = try number("--concurrency")
            case "--curl-rounds": options.curlRounds = try number("--curl-rounds")
            case "--threadkeeper": options.threadkeeper = try text("--threadkeeper")
            case "--nginx": options.nginx = try text("--nginx")
            case "--curl": options.curl = try text("--curl")
            case "--dir": options.directory = try text("--dir")
            case "--keep": options.keep = true
            default: throw Failure(description: "unknown option \(arguments[index])")
            }
            index += 1
        }
        return options
    }
}
