import Archive
import Foundation
import Model

/// `threadkeeper-bench archive`: a thread of 200 posts and one of 5,000 (pages of 50 posts, each with a raw
/// HTML body), archived, then 10 more versions each adding one post. Reports the archive's JSON growth,
/// WARC bytes and compression, the time to store one more version, and `show`/`diff` times.
enum ArchiveBenchmark {
    static func run(arguments: [String]) throws {
        var sizes = [200, 5_000]
        if let index = arguments.firstIndex(of: "--posts"), index + 1 < arguments.count {
            sizes = arguments[index + 1].split(separator: ",").compactMap { Int($0) }
        }
        var storeTimes: [Int: Double] = [:]
        for size in sizes {
            storeTimes[size] = try measure(posts: size)
        }
        if let small = storeTimes[200], let large = storeTimes[5_000] {
            print(String(format: "store one version: 5,000 posts / 200 posts = %.2f× (goal < 3×)", large / small))
        }
    }

    /// Runs the benchmark for one thread size; returns the median time to store one more version, in ms.
    static func measure(posts count: Int) throws -> Double {
        let root = NSTemporaryDirectory() + "threadkeeper-bench-archive-\(count)-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try ArchiveWriter(root: root, software: "threadkeeper-bench")
        var posts = (1...count).map(post)
        var rawBytes = 0
        let start = ContinuousClock.now
        let capture1 = capture(posts, version: 0)
        rawBytes += capture1.responses.reduce(0) { $0 + $1.body.count }
        let first = try writer.store(capture1)
        let firstTime = ContinuousClock.now - start
        let key = first.key
        let jsonAfterFirst = jsonBytes(root)
        var times: [Double] = []
        for version in 1...10 {
            posts.append(post(count + version))
            let next = capture(posts, version: version)
            rawBytes += next.responses.reduce(0) { $0 + $1.body.count }
            let began = ContinuousClock.now
            _ = try writer.store(next)
            times.append(milliseconds(ContinuousClock.now - began))
        }
        try writer.close()
        let jsonAfterAll = jsonBytes(root)
        let warc = bytes(under: root + "/warc", suffix: ".warc.gz")
        let reader = writer.reader

        let showStart = ContinuousClock.now
        let v1 = try reader.snapshot(of: key, version: 1)
        _ = try CanonicalJSON.encodePretty(v1)
        let show = milliseconds(ContinuousClock.now - showStart)
        let diffStart = ContinuousClock.now
        let (a, b) = try reader.snapshots(of: key, 10, 11)
        let diff = ThreadDiff(from: a, to: b)
        _ = try CanonicalJSON.bytes(diff)
        let diffTime = milliseconds(ContinuousClock.now - diffStart)

        times.sort()
        let median = times[times.count / 2]
        print("\(count) posts (\((count + 49) / 50) pages):")
        print(String(format: "  JSON after 1 version: %d bytes; after 11: %d bytes; ratio %.3f (goal ≤ %@)",
                     jsonAfterFirst, jsonAfterAll, Double(jsonAfterAll) / Double(jsonAfterFirst),
                     count >= 5_000 ? "1.05" : "1.3"))
        print(String(format: "  WARC: %d bytes for %d bytes of bodies fetched (%.1f× smaller; revisits for unchanged pages)",
                     warc, rawBytes, Double(rawBytes) / Double(max(1, warc))))
        print(String(format: "  store version 1: %.1f ms; one more version: median %.1f ms (min %.1f, max %.1f)",
                     milliseconds(firstTime), median, times.first!, times.last!))
        print(String(format: "  show version 1 of 11: %.1f ms; diff of versions 10 and 11: %.1f ms (%d added)",
                     show, diffTime, diff.added.count))
        return median
    }

    static func post(_ number: Int) -> Post {
        let words = (0..<60).map { "word\(($0 * 7 + number) % 997)" }.joined(separator: " ")
        return Post(
            id: "\(1_000_000 + number)", position: number, author: Author(name: "member\(number % 311)", postCount: 1_000 + number),
            published: Timestamp(iso: "2025-06-16T15:17:00Z", text: "Mon Jun 16, 2025, 11:17 AM"),
            html: "<p>\(words)</p><p>Second paragraph of post \(number).</p>", text: "\(words)\n\nSecond paragraph of post \(number).",
            links: ["https://news.example/story/\(number % 13)"], counts: Counts(recommendations: number % 5))
    }

    /// The thread as fetched: pages of 50 posts, each with an HTML body made from its posts.
    static func capture(_ posts: [Post], version: Int) -> ThreadCapture {
        let url = "https://forum.example/thread/1"
        let chunks = stride(from: 0, to: posts.count, by: 50).map { Array(posts[$0..<min($0 + 50, posts.count)]) }
        var pages: [Discussion] = []
        var responses: [CapturedResponse] = []
        let fetchedAt = Date(timeIntervalSince1970: 1_750_000_000 + Double(version) * 1_800)
        for (index, chunk) in chunks.enumerated() {
            let pageURL = index == 0 ? url : "\(url)?page=\(index + 1)"
            pages.append(
                Discussion(
                    site: "bench", profile: "bench", id: "1", url: url, title: "A long thread", forum: ["Forum"],
                    counts: Counts(replies: posts.count - 1), posts: chunk))
            let html = "<html><body>" + chunk.map { "<div class=post id=p\($0.id!)><b>\($0.author.name!)</b>\($0.html!)</div>" }
                .joined(separator: "\n") + "</body></html>"
            responses.append(
                CapturedResponse(
                    url: pageURL, status: 200, fetchedAt: fetchedAt,
                    responseHeaders: [HeaderField("Content-Type", "text/html; charset=utf-8")], body: Array(html.utf8)))
        }
        return ThreadCapture(pages: pages, responses: responses, profile: "bench", tool: "threadkeeper-bench")
    }

    static func jsonBytes(_ root: String) -> Int { bytes(under: root + "/threads", suffix: ".json") + bytes(under: root + "/threads", suffix: ".jsonl") }

    static func bytes(under folder: String, suffix: String) -> Int {
        var total = 0
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            guard name.hasSuffix(suffix) else { continue }
            total += (try? FileManager.default.attributesOfItem(atPath: "\(folder)/\(name)")[.size] as? Int) ?? 0
        }
        return total
    }
}
