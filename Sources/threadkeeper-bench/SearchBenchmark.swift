import Archive
import Foundation
import Model
import Search

/// `threadkeeper-bench search [--archive DIR] [--threads N] [--posts N] [--reuse-index] [--rebuild]`: generates
/// (or reuses) an archive of 10,000 threads and 1,000,000 posts, builds its search index from scratch (or, with
/// `--reuse-index`, opens the one there, building it only when it is missing or stale), and reports build time,
/// index size and its ratio to the JSON archive (`threads/`), the time to open an index that is up to date,
/// and search latency p50/p95 over 20 varied queries (goal: p95 ≤ 50 ms). `--rebuild` also times an explicit
/// `rebuild()` of the open index.
///
/// The archive is written through `ArchiveWriter` (one version per thread, one small raw page each): text is
/// drawn from a vocabulary with a Zipf distribution (function words, topical words with a few stock phrases,
/// then made-up words), thread sizes are Zipf-like too (a few long threads, many short ones), each thread has a
/// few authors from a pool in which some post far more than others, and threads are spread over five sites and
/// the years 2024 and 2025. The same options give the same archive.
enum SearchBenchmark {
    static func run(arguments: [String]) throws {
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        let threads = option("--threads").flatMap(Int.init) ?? 10_000
        let posts = option("--posts").flatMap(Int.init) ?? 1_000_000
        let root = option("--archive") ?? NSTemporaryDirectory() + "threadkeeper-bench-search-\(threads)-\(posts)"
        var corpus = SearchCorpus(seed: 2025)

        if let reader = try? ArchiveReader(root: root), reader.states().states.count == threads {
            print("archive: \(root) (reused, \(threads) threads)")
        } else {
            try? FileManager.default.removeItem(atPath: root)
            let start = ContinuousClock.now
            let writer = try ArchiveWriter(root: root, software: "threadkeeper-bench")
            var stored = 0
            for (number, size) in corpus.threadSizes(threads: threads, posts: posts).enumerated() {
                _ = try writer.store(corpus.capture(number: number + 1, posts: size))
                stored += size
                if (number + 1) % 1_000 == 0 {
                    FileHandle.standardError.write(Data("  generated \(number + 1) threads, \(stored) posts\n".utf8))
                }
            }
            try writer.close()
            print(String(format: "archive: %@ generated in %.1f s (%d threads, %d posts)", root,
                         seconds(ContinuousClock.now - start), threads, stored))
        }
        let json = ArchiveBenchmark.jsonBytes(root)
        print(String(format: "  JSON archive (threads/): %.1f MB", Double(json) / 1e6))

        let reader = try ArchiveReader(root: root)
        let file = root + "/index/search.sqlite"
        if !arguments.contains("--reuse-index") {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        }
        let built = try SearchIndex.open(archive: reader, at: file)
        let size = fileSize(file) + fileSize(file + "-wal")
        print(String(format: "index open or build: %.1f s for %d threads, %d posts (%@)", seconds(built.opened.duration),
                     built.opened.threads, built.opened.posts, built.opened.reason ?? "up to date"))
        print(String(format: "  index size: %.1f MB, %.2f× the JSON archive", Double(size) / 1e6, Double(size) / Double(json)))

        let reopenStart = ContinuousClock.now
        let index = try SearchIndex.open(archive: reader, at: file)
        print(String(format: "open an up-to-date index (quick_check, catch-up over %d threads): %.0f ms",
                     index.opened.threads, milliseconds(ContinuousClock.now - reopenStart)))

        let queries = corpus.queries()
        var all: [Double] = []
        var lines: [String] = []
        for query in queries {
            let results = try index.search(query)  // warm-up
            var times: [Double] = []
            for _ in 0..<5 {
                let began = ContinuousClock.now
                _ = try index.search(query)
                times.append(milliseconds(ContinuousClock.now - began))
            }
            all += times
            times.sort()
            lines.append(String(format: "  %7.1f ms  %8d hits  %@", times[times.count / 2], results.total, describe(query)))
        }
        all.sort()
        print("search latency, 20 queries × 5 runs (after one warm-up run each), 20 hits per page:")
        for line in lines { print(line) }
        print(String(format: "  p50 %.1f ms, p95 %.1f ms, max %.1f ms (goal: p95 ≤ 50 ms)",
                     percentile(all, 0.50), percentile(all, 0.95), all.last ?? 0))

        if arguments.contains("--rebuild") {
            let report = try index.rebuild()
            print(String(format: "explicit rebuild() of the open index: %.1f s", seconds(report.duration)))
        }
    }

    static func describe(_ query: SearchQuery) -> String {
        var text = query.text
        if let site = query.site { text += " [site \(site)]" }
        if let author = query.author { text += " [author \(author)]" }
        return text
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[max(0, min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
    }

    static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

}
