import Archive
import Config
import Crawl
import Foundation
import LoopbackServer
import Model
import Testing

extension CrawlSuite {
    /// A crawl seeded with a forum's front page: the board index names its forums, and the crawl reads
    /// their listings and archives their threads (issue 8 §6).
    @Suite("Crawl from a board index", .timeLimit(.minutes(2)))
    struct CrawlBoardIndexTests {
        /// Two forums of three and two threads; the index also names an empty forum and one on another host.
        private func makeBoard() -> TinyBoard {
            TinyBoard(forums: [
                TinyForum(name: "Harbour", threads: 3, firstID: 500),
                TinyForum(name: "Market", threads: 2, firstID: 600),
            ])
        }

        /// Runs `body` with the board on a loopback server.
        private func withBoard<T>(_ board: TinyBoard, _ body: (LoopbackServer) async throws -> T) async throws -> T {
            let server = try await LoopbackServer.start(handler: board.handler)
            do {
                let result = try await body(server)
                await server.stop()
                return result
            } catch {
                await server.stop()
                throw error
            }
        }

        @Test("the forums of the seed's board index are read and their threads archived")
        func boardIndexLeadsToThreads() async throws {
            let board = makeBoard()
            let sandbox = try CrawlSandbox()
            try await withBoard(board) { server in
                let config = try sandbox.config(sites: [SiteSpec(name: "board", seeds: [server.url("/")])])
                let report = try await withCrawler(config, clock: TestClock()) { await $0.pass() }

                let site = report.site("board")
                #expect(site.reached, "\(report.text)")
                #expect(site.errors.isEmpty, "\(site.failures)")
                // The index and the two forums' listings; the empty forum and the one on another host are
                // named, not followed.
                #expect(site.listingPages == 3, "\(report.text)")
                #expect(site.forumsListed == 4)
                #expect(site.forumsFollowed == 2)
                #expect(site.threadsListed == 5)
                #expect(site.newThreads == 5, "\(report.text)")
                #expect(report.text.contains("2 of 4 forums followed"), "\(report.text)")
                #expect(report.health.isEmpty, "\(report.health)")

                let states = try sandbox.reader().states().states
                #expect(Set(states.map(\.id)) == ["500", "501", "502", "600", "601"])
                // Each listing was read once; nothing went to the other host (the server saw every request).
                let hits = board.hits
                #expect(hits.filter { $0 == "/" }.count == 1)
                #expect(hits.filter { $0 == "/forum?f=1" }.count == 1)
                #expect(hits.filter { $0 == "/forum?f=2" }.count == 1)
                #expect(!hits.contains("/forum?f=99"), "the forum showing no topics was read")
                #expect(report.hosts.map(\.host).allSatisfy { $0.hasPrefix("127.0.0.1") }, "\(report.hosts)")
            }
        }

        @Test("the site's forums caps the forums followed; 0 follows none")
        func forumsCap() async throws {
            for (cap, followed, threads) in [(1, 1, 3), (0, 0, 0)] {
                let board = makeBoard()
                let sandbox = try CrawlSandbox()
                try await withBoard(board) { server in
                    let config = try sandbox.config(
                        sites: [SiteSpec(name: "board", seeds: [server.url("/")], forums: cap)])
                    let report = try await withCrawler(config, clock: TestClock()) { await $0.pass() }
                    let site = report.site("board")
                    #expect(site.forumsListed == 4, "forums \(cap)")
                    #expect(site.forumsFollowed == followed, "forums \(cap)")
                    #expect(site.listingPages == 1 + followed, "forums \(cap): \(report.text)")
                    #expect(site.newThreads == threads, "forums \(cap): \(report.text)")
                    #expect(!board.hits.contains("/forum?f=2"), "forums \(cap)")
                }
            }
        }

        @Test("a forum named again (as a seed, or by another listing) is read once")
        func forumsAreReadOnce() async throws {
            let board = makeBoard()
            let sandbox = try CrawlSandbox()
            try await withBoard(board) { server in
                // The second forum is a seed too, and the index is named twice.
                let seeds = [server.url("/"), server.url("/forum?f=2"), server.url("/")]
                let config = try sandbox.config(sites: [SiteSpec(name: "board", seeds: seeds)])
                let report = try await withCrawler(config, clock: TestClock()) { await $0.pass() }
                let site = report.site("board")
                #expect(site.newThreads == 5, "\(report.text)")
                #expect(board.hits.filter { $0 == "/forum?f=2" }.count == 1, "\(board.hits)")
                #expect(board.hits.filter { $0 == "/" }.count == 1, "\(board.hits)")
            }
        }
    }
}
