import Archive
import Foundation
import Model

/// A temporary archive folder, removed when the test is done with it.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "threadkeeper-archive-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Every file under the folder with its size and modification time.
    func listing() -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let name = enumerator?.nextObject() as? String {
            var info = stat()
            guard stat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            result[name] = "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return result
    }
}

/// Builds threads and captures for the tests.
enum Build {
    static let url = "https://forum.example/t/42"

    static func post(_ id: String?, _ author: String, _ text: String, time: String = "Mon Jun 16, 2025, 11:17 AM",
                     approximate: Bool = false, depth: Int? = nil) -> Post {
        Post(
            id: id, position: 0, depth: depth, author: Author(name: author, postCount: 10),
            published: Timestamp(iso: "2025-06-16T15:17:00Z", text: time, isApproximate: approximate),
            html: "<p>\(text)</p>", text: text)
    }

    static func thread(_ posts: [Post], title: String = "A thread", views: Int? = 100, replies: Int? = nil) -> Discussion {
        var numbered = posts
        for index in numbered.indices { numbered[index].position = index + 1 }
        return Discussion(
            site: "test", profile: "test", id: "42", url: url, title: title, forum: ["Forum"],
            counts: Counts(replies: replies ?? max(0, posts.count - 1), views: views), posts: numbered)
    }

    static func capture(_ pages: [Discussion], at time: TimeInterval = 1_750_000_000, body: String? = nil) -> ThreadCapture {
        let responses = pages.enumerated().map { index, page in
            CapturedResponse(
                url: index == 0 ? url : "\(url)?page=\(index + 1)", status: 200,
                fetchedAt: Date(timeIntervalSince1970: time),
                responseHeaders: [HeaderField("Content-Type", "text/html; charset=utf-8"), HeaderField("ETag", "\"e\(index)\"")],
                body: Array((body ?? "<html>\(page.posts.map { $0.text ?? "" }.joined())</html>").utf8))
        }
        return ThreadCapture(pages: pages, responses: responses, profile: "test", tool: "threadkeeper-tests")
    }
}
