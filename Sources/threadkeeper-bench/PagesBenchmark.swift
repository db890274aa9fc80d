import Archive
import Foundation
import Model
import Pages

/// `threadkeeper-bench pages [--posts N] [--runs R]`: a thread of 5,000 posts (replies nested up to 6 deep,
/// HTML bodies of two paragraphs) stored through ArchiveWriter in a temporary archive, loaded once, then its
/// thread page rendered R times from scratch and R times with rendered posts kept (as the server renders).
/// Reports the load time and the render times (p50, min, max) apart; goal ≤ 100 ms.
enum PagesBenchmark {
    static func run(arguments: [String]) throws {
        var count = 5_000
        var runs = 15
        if let index = arguments.firstIndex(of: "--posts"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
            count = value
        }
        if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
            runs = max(1, value)
        }
        let root = NSTemporaryDirectory() + "threadkeeper-bench-pages-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try ArchiveWriter(root: root, software: "threadkeeper-bench")
        let posts = (1...count).map { number in
            var post = ArchiveBenchmark.post(number)
            post.depth = number == 1 ? 0 : number % 7
            return post
        }
        let key = try writer.store(ArchiveBenchmark.capture(posts, version: 0)).key
        try writer.close()

        let reader = try ArchiveReader(root: root)
        let loadStart = ContinuousClock.now
        let snapshot = try reader.snapshot(of: key)
        let load = milliseconds(ContinuousClock.now - loadStart)
        let options = PageOptions(timeZone: TimeZone(identifier: "America/New_York")!)
        let cold = time(runs) { ReaderPages(reader: reader, options: options).renderThread(snapshot, key: key, versions: 1) }
        let served = ReaderPages(reader: reader, options: options, keepsPosts: true)
        _ = served.renderThread(snapshot, key: key, versions: 1)
        let warm = time(runs) { served.renderThread(snapshot, key: key, versions: 1) }
        print("thread page, \(count) posts: \(cold.size) bytes of HTML")
        print(String(format: "  load (thread.json, checked): %.1f ms", load))
        print(String(format: "  render, every post sanitised and rendered: p50 %.1f ms (min %.1f, max %.1f, %d runs; goal ≤ 100 ms)",
                     cold.times[cold.times.count / 2], cold.times.first!, cold.times.last!, runs))
        print(String(format: "  render again, as the server does (posts kept): p50 %.1f ms (min %.1f, max %.1f)",
                     warm.times[warm.times.count / 2], warm.times.first!, warm.times.last!))
    }

    /// Sorted times of `runs` runs of `render`, and the size of its page.
    private static func time(_ runs: Int, _ render: () -> String) -> (times: [Double], size: Int) {
        var times: [Double] = []
        var size = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            size = render().utf8.count
            times.append(milliseconds(ContinuousClock.now - start))
        }
        return (times.sorted(), size)
    }
}
