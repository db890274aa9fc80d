import Archive
import Config
import Crawl
import Fetch
import Foundation
import LoopbackServer
import Testing
import Locking

/// The crawl's clock, advanced by hand between passes: the revisit schedule is tested without real sleeps.
final class TestClock: Sendable {
    private let value: Locked<Date>

    /// Starts at the real time (the archive stamps fetches with the real time; the schedule compares them).
    init(_ start: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))) {
        value = Locked(start)
    }

    var now: Date { value.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        value.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// One `sites` entry of a test config.
struct SiteSpec {
    var name: String
    var seeds: [String]
    var listingPages = 5
    var threadPages = 20
    /// The site's `forums` (forums followed from board indexes), when the test sets it.
    var forums: Int?
    /// The site's `politeness` object as JSON, if any.
    var politeness: String?
}

/// A temporary folder holding a config file and an archive, removed when the value goes away.
final class CrawlSandbox {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("threadkeeper-crawl-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    var archive: String { url.appendingPathComponent("archive").path }

    /// Writes config.json for `sites` (the `tinyforum` profile given in `profiles`; no retries, short
    /// timeouts, robots off, no delay unless a site overrides it) and loads it as the crawl command would.
    func config(
        sites: [SiteSpec], schedule: String = #"{"minInterval": "15m", "maxInterval": "1d", "retireAfter": "30d"}"#,
        politeness: String = #"{"maxConcurrent": 8, "perHost": 4, "delay": 0, "robots": false}"#
    ) throws -> ThreadkeeperConfig {
        let entries = sites.map { site in
            let seeds = site.seeds.map { "\"\($0)\"" }.joined(separator: ", ")
            let politeness = (site.politeness.map { ", \"politeness\": \($0)" } ?? "")
                + (site.forums.map { ", \"forums\": \($0)" } ?? "")
            return """
                {"name": "\(site.name)", "profile": "tinyforum", "seeds": [\(seeds)],
                 "listingPages": \(site.listingPages), "threadPages": \(site.threadPages)\(politeness)}
                """
        }
        let text = """
            {
              "archive": "\(archive)",
              "userAgent": "threadkeeper-crawl-tests/0.1",
              "fetch": {"connectTimeout": 5, "timeout": 20, "stallTimeout": 10, "retries": 0, "maxRedirects": 5},
              "politeness": \(politeness),
              "schedule": \(schedule),
              "profiles": [\(TinyForum.profile)],
              "sites": [\(entries.joined(separator: ",\n"))]
            }

            """
        let path = url.appendingPathComponent("config.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try ThreadkeeperConfig.load(from: path)
    }

    /// The archive, opened for reading.
    func reader() throws -> ArchiveReader { try ArchiveReader(root: archive) }
}

/// Runs `body` with a crawler over `config` storing into `config.archive`, on the clock `clock`; closes the
/// crawler and shuts its client down afterwards, whether `body` succeeds or throws.
func withCrawler<T>(
    _ config: ThreadkeeperConfig, clock: TestClock, _ body: (Crawler) async throws -> T
) async throws -> T {
    let pipeline = try Pipeline(config: config)
    let client = HTTPClient(configuration: config.fetchConfiguration())
    let writer = try ArchiveWriter(root: config.archive, software: Pipeline.tool)
    let crawler = Crawler(pipeline: pipeline, client: client, writer: writer, now: { clock.now })
    do {
        let result = try await body(crawler)
        await crawler.close()
        await client.shutdown()
        return result
    } catch {
        await crawler.close()
        await client.shutdown()
        throw error
    }
}

/// Runs `body` with one loopback server per forum, stopping them afterwards.
func withForums<T>(_ forums: [TinyForum], _ body: ([LoopbackServer]) async throws -> T) async throws -> T {
    var servers: [LoopbackServer] = []
    do {
        for forum in forums { servers.append(try await LoopbackServer.start(handler: forum.handler)) }
        let result = try await body(servers)
        for server in servers { await server.stop() }
        return result
    } catch {
        for server in servers { await server.stop() }
        throw error
    }
}

extension CrawlReport {
    /// The report of site `name` (a failed expectation when absent).
    func site(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> SiteReport {
        guard let report = sites.first(where: { $0.name == name }) else {
            Issue.record("no report for site \(name): \(text)", sourceLocation: sourceLocation)
            return SiteReport(name: name)
        }
        return report
    }
}

extension ArchiveReader {
    /// The state of the thread with forum id `id` (the tiny forum's ids are unique across a test's forums).
    func state(id: Int) -> ThreadState? {
        states().states.first { $0.id == String(id) }
    }
}

/// The date of a UTC ISO 8601 time as the archive writes it (a schedule's `due`).
func isoDate(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }
