import Archive
import Foundation
import Model

/// A temporary archive of three threads (one in two versions, two about one story), removed afterwards.
final class ReaderArchive {
    let root = NSTemporaryDirectory() + "threadkeeper-server-tests-" + UUID().uuidString

    init() throws {
        let story = Story(url: "https://news.example/flock", canonical: "https://news.example/flock")
        try store(thread("100", "Flock cameras <b>everywhere</b>", host: "democraticunderground.com", story: story, [
            post("1", "erronis", "Flock cameras are everywhere in our town now."),
            post("2", "bob", "The police counted the cameras."),
        ]), at: 1_750_000_000)
        try store(thread("100", "Flock cameras <b>everywhere</b>", host: "democraticunderground.com", story: story, [
            post("1", "erronis", "Flock cameras are everywhere in our town now, and more each week."),
            post("3", "cat", "A new reply about zebras."),
        ]), at: 1_750_003_600)
        try store(thread("200", "Licence plate readers", host: "news.ycombinator.com", story: story, [
            post("21", "dang", "ALPR cameras log every plate."),
        ]), at: 1_750_007_200)
        try store(thread("300", "Garden club", host: "democraticunderground.com", story: nil, [
            post("31", "erronis", "Tomatoes <script>document.documentElement.setAttribute('data-xss','1')</script> grow."),
        ]), at: 1_750_010_800)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    private func store(_ thread: Discussion, at time: TimeInterval) throws {
        let writer = try ArchiveWriter(root: root, software: "threadkeeper-tests")
        defer { try? writer.close() }
        let response = CapturedResponse(
            url: thread.url!, status: 200, fetchedAt: Date(timeIntervalSince1970: time),
            responseHeaders: [HeaderField("Content-Type", "text/html; charset=utf-8")],
            body: Array("<html>\(thread.posts.map { $0.text ?? "" }.joined())</html>".utf8))
        _ = try writer.store(ThreadCapture(pages: [thread], responses: [response], profile: "test", tool: "threadkeeper-tests"))
    }

    private func post(_ id: String, _ author: String, _ html: String) -> Post {
        Post(
            id: id, position: 0, author: Author(name: author),
            published: Timestamp(iso: "2025-06-16T15:17:00Z", text: "Mon Jun 16, 2025"),
            html: "<p>\(html)</p>", text: html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression))
    }

    private func thread(_ id: String, _ title: String, host: String, story: Story?, _ posts: [Post]) -> Discussion {
        var numbered = posts
        for index in numbered.indices { numbered[index].position = index + 1 }
        return Discussion(
            site: host, profile: "test", id: id, url: "https://\(host)/t/\(id)", title: title, forum: ["General"],
            story: story, counts: Counts(replies: posts.count - 1), posts: numbered)
    }
}
