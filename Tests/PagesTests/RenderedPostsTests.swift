import Archive
import Foundation
import Model
@testable import Pages
import Testing

@Suite("Posts rendered in runs and kept")
struct RenderedPostsTests {
    /// A thread of 300 posts (several runs of posts rendered apart) in an archive of its own.
    static func longThread(in folder: URL) throws -> (ArchiveReader, ThreadKey) {
        let writer = try ArchiveWriter(root: folder.path + "/archive", software: "threadkeeper-tests")
        let posts = (1...300).map { FixtureArchive.post(String($0), "user\($0 % 17)", "Post number \($0) & more", depth: $0 % 5) }
        let stored = try writer.store(FixtureArchive.capture(
            FixtureArchive.thread(url: "https://long.example/t/5", site: "long", forum: ["Long"], title: "Long", story: nil, posts: posts),
            at: 1_750_000_000))
        try writer.close()
        return (try ArchiveReader(root: folder.path + "/archive"), stored.key)
    }

    @Test func aLongThreadShowsEveryPostOnceInOrderWhetherPostsAreKeptOrNot() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tk-rendered-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (reader, key) = try Self.longThread(in: folder)
        let options = PageOptions(timeZone: TimeZone(identifier: "UTC")!)
        let fresh = try ReaderPages(reader: reader, options: options).thread(key: key)
        let keeping = ReaderPages(reader: reader, options: options, keepsPosts: true)
        let first = try keeping.thread(key: key)
        let again = try keeping.thread(key: key)
        #expect(first == fresh)
        #expect(again == fresh)
        #expect(keeping.renderedPosts?.count == 300)
        var last = fresh.startIndex
        for number in 1...300 {
            let marker = ">#\(number)</a>"
            #expect(fresh.occurrences(of: marker) == 1, "post \(number)")
            guard let found = fresh.range(of: marker, range: last..<fresh.endIndex) else {
                Issue.record("post \(number) is out of order")
                break
            }
            last = found.upperBound
        }
        #expect(fresh.contains("Post number 300 &amp; more"))
    }

    @Test func keptPostsStayWithinTheBudget() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tk-rendered-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (reader, key) = try Self.longThread(in: folder)
        let snapshot = try reader.snapshot(of: key)
        let kept = RenderedPosts(budget: 20_000)
        var renders = 0
        for post in snapshot.posts {
            _ = kept.html(post, baseURL: snapshot.url) {
                renders += 1
                return String(repeating: "x", count: 500)
            }
        }
        // About 750 bytes a post against two halves of 10,000 bytes: never more than 26 kept.
        #expect(renders == 300)
        #expect(kept.count > 0 && kept.count <= 26)
        // The newest posts are kept, and found without rendering again.
        _ = kept.html(snapshot.posts[299], baseURL: snapshot.url) {
            renders += 1
            return ""
        }
        #expect(renders == 300)
        // A post at another address is another page's post.
        _ = kept.html(snapshot.posts[299], baseURL: "https://elsewhere.example/") {
            renders += 1
            return ""
        }
        #expect(renders == 301)
    }
}
