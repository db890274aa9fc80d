import Archive
import Crawl
import Foundation
import LoopbackServer
import Model
import Testing

extension CrawlSuite {
    /// The instants a `kill -9` can hit a store, reproduced exactly: the files a store writes, in its order
    /// (WARC, then the history line, then thread.json, then state.json), are cut back to what a crash after the
    /// history line leaves, and the next pass must end in the archive an uninterrupted crawl leaves.
    @Suite("Crawl after a crash inside a store", .timeLimit(.minutes(2)))
    struct CrawlCrashWindowTests {
        private func file(_ reader: ArchiveReader, _ key: ThreadKey, _ name: String) -> String {
            reader.folder(of: key) + "/" + name
        }

        private func versionOfThreadJSON(_ path: String) -> Int? {
            guard let data = FileManager.default.contents(atPath: path),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return nil }
            return object["version"] as? Int
        }

        @Test("killed after a new thread's history line, before thread.json and state.json: the next pass completes it")
        func crashBeforeFirstThreadJSON() async throws {
            let forum = TinyForum(threads: 4, firstID: 2000)
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([forum]) { servers in
                let config = try sandbox.config(sites: [SiteSpec(name: "tiny", seeds: [servers[0].url("/forum")])])
                try await withCrawler(config, clock: clock) { crawler in
                    #expect(await crawler.pass().site("tiny").newThreads == 4)
                    let reader = try sandbox.reader()
                    let key = try #require(reader.state(id: 2001)).threadKey
                    try FileManager.default.removeItem(atPath: file(reader, key, "thread.json"))
                    try FileManager.default.removeItem(atPath: file(reader, key, "state.json"))
                    let damaged = reader.verify(repair: false)
                    print("verify right after the simulated crash: \(damaged.failures.map(\.description))")

                    clock.advance(60)
                    let report = await crawler.pass()
                    let site = report.site("tiny")
                    #expect(site.errors.isEmpty, "\(report.text)")
                    #expect(site.newThreads == 0 && site.newVersions == 0, "no second version 1, no version 2: \(report.text)")

                    let after = try sandbox.reader()
                    #expect(after.states().problems.isEmpty, "\(after.states().problems)")
                    #expect(after.states().states.count == 4, "\(after.states().states.map(\.key))")
                    let state = try #require(after.state(id: 2001), "thread 2001 lost its state: \(after.states().states.map(\.key))")
                    #expect(state.key == key.description)
                    #expect(state.versions == 1)
                    #expect(state.schedule != nil, "the thread is scheduled again")
                    #expect(try after.history(of: key).records.count == 1)
                    #expect(versionOfThreadJSON(file(after, key, "thread.json")) == 1, "thread.json is back")
                    let verify = after.verify(repair: false)
                    #expect(verify.failures.isEmpty, "\(verify.failures.map(\.description))")
                }
            }
        }

        @Test("killed after version 2's history line, before thread.json and state.json: the next pass brings them to version 2")
        func crashBeforeSecondThreadJSON() async throws {
            let forum = TinyForum(threads: 4, firstID: 2100)
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([forum]) { servers in
                let config = try sandbox.config(sites: [SiteSpec(name: "tiny", seeds: [servers[0].url("/forum")])])
                try await withCrawler(config, clock: clock) { crawler in
                    #expect(await crawler.pass().site("tiny").newThreads == 4)
                    let reader = try sandbox.reader()
                    let key = try #require(reader.state(id: 2100)).threadKey
                    let oldSnapshot = try #require(FileManager.default.contents(atPath: file(reader, key, "thread.json")))
                    let oldState = try #require(FileManager.default.contents(atPath: file(reader, key, "state.json")))

                    forum.addReplies(to: 2100)
                    clock.advance(60)
                    #expect(await crawler.pass().site("tiny").newVersions == 1)
                    // The crash: version 2's line is in the history; thread.json and state.json still say version 1.
                    try oldSnapshot.write(to: URL(fileURLWithPath: file(reader, key, "thread.json")))
                    try oldState.write(to: URL(fileURLWithPath: file(reader, key, "state.json")))
                    #expect(try reader.snapshot(of: key).version == 2, "the reader replays the history past thread.json")

                    clock.advance(60)
                    let report = await crawler.pass()
                    #expect(report.site("tiny").errors.isEmpty, "\(report.text)")
                    #expect(report.site("tiny").newVersions == 0, "version 2 is stored already: \(report.text)")

                    let after = try sandbox.reader()
                    #expect(try after.history(of: key).records.count == 2)
                    #expect(after.state(id: 2100)?.versions == 2, "state.json")
                    #expect(versionOfThreadJSON(file(after, key, "thread.json")) == 2, "thread.json still holds version 1")
                    let verify = after.verify(repair: false)
                    #expect(verify.failures.isEmpty, "\(verify.failures.map(\.description))")
                }
            }
        }
    }
}
