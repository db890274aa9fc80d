import Config
import Crawl
import Fetch
import Foundation
import LoopbackServer
import Testing

extension CrawlSuite {
    /// A site's `politeness` in config.json reaches the wire: the server sees its delay and its per-host cap,
    /// while another site of the same crawl, without overrides, runs at the global settings.
    @Suite("Per-site politeness overrides reach the server", .timeLimit(.minutes(2)))
    struct CrawlPolitenessTests {
        /// Gaps between the arrivals of consecutive requests.
        private func gaps(_ hits: [TinyForum.Hit]) -> [Duration] {
            zip(hits.dropFirst(), hits).map { $0.at - $1.at }
        }

        @Test("the config's site overrides become the client's host policies")
        func configBecomesHostPolicies() throws {
            let sandbox = try CrawlSandbox()
            let config = try sandbox.config(sites: [
                SiteSpec(name: "slow", seeds: ["http://127.0.0.1:4001/forum"], politeness: #"{"delay": 0.3, "perHost": 1}"#),
                SiteSpec(name: "fast", seeds: ["http://localhost:4002/forum"]),
            ])
            let configuration = config.fetchConfiguration()
            #expect(configuration.delay == .zero)
            #expect(configuration.perHost == 4)
            let slow = try #require(configuration.policy(forHost: "127.0.0.1", port: 4001))
            #expect(slow.delay == .milliseconds(300))
            #expect(slow.perHost == 1)
            #expect(configuration.policy(forHost: "127.0.0.1", port: 4002) == nil, "another port of the host is another site")
            #expect(configuration.policy(forHost: "localhost", port: 4002) == nil)
        }

        @Test("a site with delay 0.3 is asked 300 ms apart; a site with delay 0 is not held back")
        func delayReachesTheWire() async throws {
            let slowForum = TinyForum(name: "Slow", threads: 6, firstID: 1100, postsPerPage: 10)
            let fastForum = TinyForum(name: "Fast", threads: 6, firstID: 1200, postsPerPage: 10)
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([slowForum, fastForum]) { servers in
                let config = try sandbox.config(sites: [
                    SiteSpec(name: "slow", seeds: [servers[0].url("/forum")], politeness: #"{"delay": 0.3}"#),
                    SiteSpec(name: "fast", seeds: ["http://localhost:\(servers[1].port)/forum"]),
                ])
                let report = try await withCrawler(config, clock: clock) { await $0.pass() }
                #expect(report.site("slow").newThreads == 6, "\(report.text)")
                #expect(report.site("fast").newThreads == 6, "\(report.text)")

                let slow = slowForum.hits
                let fast = fastForum.hits
                #expect(slow.count == 7 && fast.count == 7, "the listing and 6 one-page threads each")
                let slowGaps = gaps(slow)
                let fastGaps = gaps(fast)
                print("delay 0.3 s: gaps at the server \(slowGaps); delay 0: \(fastGaps)")
                // The scheduler spaces the starts it grants 300 ms apart; the server reads each request head a
                // little after its grant (a new connection, the curl thread's wake-up, a loaded machine), by a
                // lag that varies, so one gap seen at the server can be short by the difference of two lags
                // while the whole span still holds 300 ms a gap.
                #expect(slow.last!.at - slow.first!.at >= .milliseconds(6 * 300 - 100), "slow site's gaps: \(slowGaps)")
                #expect(slowGaps.filter { $0 >= .milliseconds(295) }.count >= 4, "slow site's gaps: \(slowGaps)")
                #expect(slowGaps.allSatisfy { $0 >= .milliseconds(50) }, "slow site's gaps: \(slowGaps)")
                // Without a delay, requests to the other site follow each other at once.
                #expect(fastGaps.filter { $0 < .milliseconds(100) }.count >= 3, "fast site's gaps: \(fastGaps)")
            }
        }

        @Test("a site with perHost 1 never has two requests in flight; a site at the global perHost 4 does")
        func perHostCapReachesTheWire() async throws {
            let narrowForum = TinyForum(name: "Narrow", threads: 8, firstID: 1300, postsPerPage: 10, responseDelay: .milliseconds(150))
            let wideForum = TinyForum(name: "Wide", threads: 8, firstID: 1400, postsPerPage: 10, responseDelay: .milliseconds(150))
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([narrowForum, wideForum]) { servers in
                let config = try sandbox.config(sites: [
                    SiteSpec(name: "narrow", seeds: [servers[0].url("/forum")], politeness: #"{"perHost": 1}"#),
                    SiteSpec(name: "wide", seeds: ["http://localhost:\(servers[1].port)/forum"]),
                ])
                let report = try await withCrawler(config, clock: clock) { await $0.pass() }
                #expect(report.site("narrow").newThreads == 8, "\(report.text)")
                #expect(report.site("wide").newThreads == 8, "\(report.text)")
                #expect(servers[0].activeRequests.peak == 1, "narrow site's peak: \(servers[0].activeRequests.peak)")
                #expect(servers[1].activeRequests.peak >= 2, "wide site's peak: \(servers[1].activeRequests.peak)")
                #expect(servers[1].activeRequests.peak <= 4, "wide site's peak: \(servers[1].activeRequests.peak)")
            }
        }
    }
}
