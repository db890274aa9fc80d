import Fetch
import Foundation
import LoopbackServer
import Locking

#if canImport(Glibc)
    import Glibc
#endif

/// `threadkeeper-bench fetch [--pages N] [--concurrency N] [--rounds N]`: the fetcher against the `curl`
/// command line on the same loopback pages, politeness off.
///
/// Each round fetches every page once with `HTTPClient` and once with
/// `curl --parallel --parallel-max N`; the best round of each is reported, with the ratio.
enum FetchBenchmark {
    struct Options {
        var pages = 2000
        var concurrency = 16
        var rounds = 3
        var curl = "/usr/bin/curl"
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(arguments: [String]) async throws {
        let options = try parse(arguments)
        let server = try await LoopbackServer.start(keepsLog: false) { request in
            .status(200, headers: [("Content-Type", "text/html; charset=utf-8")], body: page(for: request.target))
        }
        let urls = (0..<options.pages).map { server.url("/page/\($0)") }
        let configuration = FetchConfiguration(
            retries: 0, maxConcurrent: options.concurrency, perHost: options.concurrency, delay: .zero, robots: false)
        let client = HTTPClient(configuration: configuration)
        let pageBytes = page(for: "/page/0").count
        print(
            "fetch benchmark: \(options.pages) pages of about \(pageBytes) bytes on \(server.baseURL), "
                + "\(options.concurrency) at once, \(options.rounds) rounds, best round reported")

        // Warm-up: code paths, connection pool, server.
        _ = try await fetchAll(Array(urls.prefix(200)), with: client)
        let residentBefore = processStatus("VmRSS")

        var ours: [Double] = []
        var theirs: [Double] = []
        for round in 1...options.rounds {
            let (bytes, elapsed) = try await timed { try await fetchAll(urls, with: client) }
            guard bytes == expectedBytes(urls) else {
                throw Failure(description: "HTTPClient received \(bytes) bytes, expected \(expectedBytes(urls))")
            }
            ours.append(elapsed)
            let curlElapsed = try runCurl(urls, options: options)
            theirs.append(curlElapsed)
            print(
                String(
                    format: "  round %d: HTTPClient %8.0f req/s   curl %8.0f req/s",
                    round, Double(urls.count) / elapsed, Double(urls.count) / curlElapsed))
        }
        await client.shutdown()
        await server.stop()

        let oursRate = Double(urls.count) / (ours.min() ?? 1)
        let curlRate = Double(urls.count) / (theirs.min() ?? 1)
        let oursMedian = Double(urls.count) / median(ours)
        let curlMedian = Double(urls.count) / median(theirs)
        print(String(format: "HTTPClient: %8.0f requests/s best, %8.0f median", oursRate, oursMedian))
        print(
            String(
                format: "curl:       %8.0f requests/s best, %8.0f median  (curl %@, --parallel --parallel-max %d)",
                curlRate, curlMedian, curlVersion(options.curl), options.concurrency))
        print(String(format: "median ratio HTTPClient/curl: %.2f×", oursMedian / curlMedian))
        print(String(format: "best-round ratio HTTPClient/curl: %.2f× (goal ≥ 0.90×)", oursRate / curlRate))
        print(
            "peak memory, this process (server + client), VmHWM: \(processStatus("VmHWM")); "
                + "resident before the measured rounds: \(residentBefore)")
        print("peak memory, curl (VmHWM sampled every 2 ms): \(curlPeak.withLock { $0 }) kB")
    }

    /// A small HTML page whose text depends on the path, so responses differ.
    static func page(for target: String) -> [UInt8] {
        var html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Thread \(target)</title></head><body>"
        for post in 1...6 {
            html +=
                "<article class=\"post\" id=\"p\(post)\"><p class=\"author\">member\(post)</p>"
                + "<p>Reply \(post) to \(target): the casual surveillance alliance, discussed again.</p></article>"
        }
        html += "</body></html>\n"
        return Array(html.utf8)
    }

    private static func expectedBytes(_ urls: [String]) -> Int {
        urls.reduce(0) { total, url in
            let target = String(url.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
            return total + page(for: target).count
        }
    }

    /// Fetches every URL at once (the client's caps do the queuing); returns the body bytes received.
    private static func fetchAll(_ urls: [String], with client: HTTPClient) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for url in urls {
                group.addTask {
                    let response = try await client.fetch(FetchRequest(url: url))
                    guard response.status == 200 else {
                        throw Failure(description: "\(url): HTTP \(response.status)")
                    }
                    return response.body.count
                }
            }
            var total = 0
            for try await count in group { total += count }
            return total
        }
    }

    /// Fetches every URL with the curl command line, bodies to /dev/null; returns the wall time.
    private static func runCurl(_ urls: [String], options: Options) throws -> Double {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("threadkeeper-bench-\(getpid())", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configFile = directory.appendingPathComponent("urls.curlrc")
        let lines = urls.map { "url = \"\($0)\"\noutput = \"/dev/null\"\n" }.joined()
        try Data(lines.utf8).write(to: configFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: options.curl)
        process.arguments = [
            "--parallel", "--parallel-max", String(options.concurrency), "--silent", "--no-progress-meter",
            "--show-error",
            "--fail",
            "--noproxy", "*", "--config", configFile.path,
        ]
        let start = ContinuousClock.now
        try process.run()
        // VmHWM only grows, so sampling it until curl exits finds its peak (to within the last sample).
        let pid = process.processIdentifier
        let sampler = Thread {
            while process.isRunning {
                if let kilobytes = kilobytes(processStatus("VmHWM", pid: pid)) {
                    curlPeak.withLock { $0 = max($0, kilobytes) }
                }
                usleep(2000)
            }
        }
        sampler.start()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        guard process.terminationStatus == 0 else {
            throw Failure(description: "curl exited with status \(process.terminationStatus)")
        }
        return seconds(elapsed)
    }

    private static func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let start = ContinuousClock.now
        let result = try await body()
        return (result, seconds(ContinuousClock.now - start))
    }

    /// curl's peak resident memory in kB, as sampled.
    private static let curlPeak = Locked(0)

    private static func curlVersion(_ path: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return "?" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let first = String(decoding: data, as: UTF8.self).split(separator: "\n").first ?? ""
        return String(first.split(separator: " ").dropFirst().first ?? "?")
    }

    private static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var index = 0
        func value(_ name: String) throws -> Int {
            index += 1
            guard index < arguments.count, let number = Int(arguments[index]), number > 0 else {
                throw Failure(description: "\(name) needs a positive number")
            }
            return number
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--pages": options.pages = try value("--pages")
            case "--concurrency": options.concurrency = try value("--concurrency")
            case "--rounds": options.rounds = try value("--rounds")
            case "--curl":
                index += 1
                guard index < arguments.count else { throw Failure(description: "--curl needs a path") }
                options.curl = arguments[index]
            default: throw Failure(description: "unknown option \(arguments[index])")
            }
            index += 1
        }
        return options
    }
}
