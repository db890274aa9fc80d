import Archive
import Config
import Crawl
import Foundation
import LoopbackServer
import Model
import Testing

extension CrawlSuite {
    /// Passes of the crawler over the tiny loopback forum, on a clock advanced by hand.
    @Suite("Crawl passes over a loopback forum", .timeLimit(.minutes(2)))
    struct CrawlPassTests {
        /// Seven threads (1 to 5 posts, 3 posts a page: threads 103 and 104 have two pages) on a listing of
        /// two pages (4 rows a page).
        private func makeForum() -> TinyForum {
            TinyForum(threads: 7, firstID: 100, postsPerPage: 3, rowsPerListingPage: 4)
        }

        private func pageCount(_ thread: TinyForum.ForumThread) -> Int { (thread.posts.count + 2) / 3 }

        @Test("the first pass archives every listed thread: one version each, every page, every post")
        func firstPassArchivesEveryThread() async throws {
            let forum = makeForum()
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([forum]) { servers in
                let config = try sandbox.config(sites: [SiteSpec(name: "tiny", seeds: [servers[0].url("/forum")])])
                let report = try await withCrawler(config, clock: clock) { await $0.pass() }

                let site = report.site("tiny")
                #expect(report.allSitesReached, "\(report.text)")
                #expect(!report.interrupted)
                #expect(site.reached)
                #expect(site.listingPages == 2, "\(report.text)")
                #expect(site.threadsListed == 7)
                #expect(site.threadsDue == 7)
                #expect(site.threadsDone == 7)
                #expect(site.newThreads == 7, "\(report.text)")
                #expect(site.newVersions == 0)
                #expect(site.unchanged == 0)
                #expect(site.notModified == 0)
                #expect(site.errors.isEmpty, "\(site.failures)")
                #expect(report.health.isEmpty, "\(report.health)")

                // The server: the two listing pages and every page of every thread, each fetched once, none
                // conditionally (nothing was archived yet).
                let hits = forum.hits
                let expectedPages = forum.threadIDs.map { pageCount(forum.thread($0)!) }.reduce(0, +)
                #expect(hits.filter(\.isThreadPage).count == expectedPages)
                #expect(Set(hits.filter(\.isThreadPage).map(\.target)).count == expectedPages, "a page was fetched twice")
                #expect(hits.filter { $0.path == "/forum" }.count == 2)
                #expect(hits.allSatisfy { !$0.isConditional && $0.status == 200 })
                #expect(report.hosts.map(\.requests).reduce(0, +) == hits.count)

                let reader = try sandbox.reader()
                let states = reader.states()
                #expect(states.problems.isEmpty, "\(states.problems)")
                #expect(states.states.count == 7)
                for id in forum.threadIDs {
                    let thread = forum.thread(id)!
                    guard let state = reader.state(id: id) else {
                        Issue.record("thread \(id) not archived")
                        continue
                    }
                    #expect(state.versions == 1, "thread \(id)")
                    #expect(state.site == "127.0.0.1", "the thread's site is its host")
                    #expect(state.schedule?.site == "tiny", "the configured site that crawls it is in its schedule")
                    #expect(state.title == thread.title)
                    #expect(state.posts == thread.posts.count, "thread \(id)")
                    #expect(state.observed.pages.count == pageCount(thread), "thread \(id)")
                    #expect(state.observed.pages.allSatisfy { $0.etag != nil && $0.lastModified != nil })
                    #expect(state.story == "https://news.example/world/story-\(id)", "thread \(id)")
                    // Scheduled: the minimum interval from the crawl's clock.
                    let schedule = try #require(state.schedule, "thread \(id) has no schedule")
                    #expect(schedule.interval == 900)
                    #expect(isoDate(schedule.due) == clock.now.addingTimeInterval(900))
                    #expect(!schedule.retired)
                    #expect(schedule.listingActivity != nil)
                    let history = try reader.history(of: state.threadKey)
                    #expect(history.records.count == 1)
                    let snapshot = try reader.snapshot(of: state.threadKey)
                    #expect(snapshot.posts.compactMap(\.post.id) == thread.posts.map { String($0.id) }, "thread \(id)")
                    #expect(snapshot.posts.compactMap(\.post.author.name) == thread.posts.map(\.author))
                    #expect(snapshot.posts.allSatisfy { $0.post.published.iso != nil })
                    #expect(snapshot.forum == ["General Discussion"])
                }
            }
        }

        @Test("a second pass with nothing changed, past the due time: conditional requests, 304s, no version")
        func unchangedPassStoresNothing() async throws {
            let forum = makeForum()
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([forum]) { servers in
                let config = try sandbox.config(sites: [SiteSpec(name: "tiny", seeds: [servers[0].url("/forum")])])
                try await withCrawler(config, clock: clock) { crawler in
                    let first = await crawler.pass()
                    #expect(first.site("tiny").newThreads == 7, "\(first.text)")
                    let before = try sandbox.reader().states().states

                    clock.advance(86_400)
                    forum.clearLog()
                    let second = await crawler.pass()
                    let site = second.site("tiny")
                    #expect(second.allSitesReached)
                    #expect(site.threadsDue == 7, "every thread is past its due time: \(second.text)")
                    #expect(site.threadsDone == 7)
                    #expect(site.newThreads == 0)
                    #expect(site.newVersions == 0, "\(second.text)")
                    #expect(site.unchanged == 0)
                    #expect(site.notModified == 7, "\(second.text)")
                    #expect(site.errors.isEmpty, "\(site.failures)")

                    // Every thread page was asked for with the validators the archive kept, and answered 304.
                    let pages = forum.hits.filter(\.isThreadPage)
                    let expectedPages = forum.threadIDs.map { pageCount(forum.thread($0)!) }.reduce(0, +)
                    #expect(pages.count == expectedPages)
                    #expect(pages.allSatisfy { $0.ifNoneMatch != nil && $0.ifModifiedSince != nil }, "\(pages)")
                    #expect(pages.allSatisfy { $0.status == 304 })
                    let host = try #require(second.hosts.first)
                    #expect(host.notModified == expectedPages, "this pass's 304s: \(second.text)")
                    #expect(host.requests == forum.hits.count, "this pass's requests: \(second.text)")

                    let reader = try sandbox.reader()
                    let after = reader.states().states
                    #expect(after.map(\.versions) == before.map(\.versions))
                    for state in after {
                        #expect(try reader.history(of: state.threadKey).records.count == 1, "\(state.key)")
                        // Unchanged: the interval doubles, from the second pass's clock.
                        #expect(state.schedule?.interval == 1800, "\(state.key)")
                        #expect(state.schedule.flatMap { isoDate($0.due) } == clock.now.addingTimeInterval(1800))
                    }
                }
            }
        }

        @Test("threads that gain posts (and show it on the listing) get exactly one new version each; the others none")
        func changedThreadGetsOneVersion() async throws {
            let forum = makeForum()
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([forum]) { servers in
                let config = try sandbox.config(sites: [SiteSpec(name: "tiny", seeds: [servers[0].url("/forum")])])
                try await withCrawler(config, clock: clock) { crawler in
                    let first = await crawler.pass()
                    #expect(first.site("tiny").newThreads == 7, "\(first.text)")

                    // Before anything is due: 100 (one page) gains a reply; 103 (two pages: 3 + 1 posts) gains
                    // three, so its second page changes and a third appears. The listing shows both.
                    forum.addReplies(to: 100, count: 1)
                    forum.addReplies(to: 103, count: 3)
                    clock.advance(60)
                    forum.clearLog()
                    let second = await crawler.pass()
                    let site = second.site("tiny")
                    #expect(site.threadsDue == 2, "only the threads whose listing row changed are due: \(second.text)")
                    #expect(site.newVersions == 2, "\(second.text)")
                    #expect(site.newThreads == 0)
                    #expect(site.notModified == 0)
                    #expect(site.errors.isEmpty, "\(site.failures)")
                    let fetched = Set(forum.hits.filter(\.isThreadPage).map(\.path))
                    #expect(fetched == ["/t/100", "/t/103"], "threads fetched: \(fetched)")
                    // 103's first page did not change: asked conditionally, 304, its body taken from the archive.
                    let page1 = forum.hits.filter { $0.target == "/t/103" }
                    #expect(page1.count == 1 && page1[0].status == 304, "\(page1)")
                    #expect(forum.hits.filter { $0.target == "/t/103?page=3" }.map(\.status) == [200])

                    let reader = try sandbox.reader()
                    for id in forum.threadIDs {
                        let state = try #require(reader.state(id: id))
                        let expected = id == 100 || id == 103 ? 2 : 1
                        #expect(state.versions == expected, "thread \(id)")
                        #expect(try reader.history(of: state.threadKey).records.count == expected, "thread \(id)")
                        #expect(state.posts == forum.thread(id)!.posts.count, "thread \(id)")
                    }
                    let changed = try #require(reader.state(id: 103))
                    let snapshot = try reader.snapshot(of: changed.threadKey)
                    #expect(snapshot.posts.compactMap(\.post.id) == forum.thread(103)!.posts.map { String($0.id) })
                    #expect(changed.observed.pages.count == 3)
                    #expect(changed.schedule?.interval == 900, "changed: the interval stays at the minimum")

                    // A day later, nothing changed: no version, the three pages of 103 all answer 304.
                    clock.advance(86_400)
                    forum.clearLog()
                    let third = await crawler.pass()
                    #expect(third.site("tiny").newVersions == 0, "\(third.text)")
                    #expect(third.site("tiny").notModified == 7, "\(third.text)")
                    #expect(forum.hits.filter { $0.path == "/t/103" }.map(\.status) == [304, 304, 304])

                    // Everything due and one thread changed: it alone gets a version.
                    forum.addReplies(to: 101, count: 2)
                    clock.advance(86_400)
                    let fourth = await crawler.pass()
                    #expect(fourth.site("tiny").newVersions == 1, "\(fourth.text)")
                    #expect(fourth.site("tiny").notModified == 6, "\(fourth.text)")
                    let after = try sandbox.reader()
                    #expect(after.state(id: 101)?.versions == 2)
                    #expect(after.states().states.map(\.versions).reduce(0, +) == 7 + 3)
                }
            }
        }

        @Test("a thread answering 500 and a site whose host is down are reported and do not stop the rest")
        func failuresAreReportedAndContained() async throws {
            let forum = TinyForum(threads: 5, firstID: 300)
            forum.fail(302, with: 500)
            let down = try ClosedPort()
            defer { down.close() }
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([forum]) { servers in
                let config = try sandbox.config(sites: [
                    SiteSpec(name: "tiny", seeds: [servers[0].url("/forum")]),
                    SiteSpec(name: "down", seeds: ["http://127.0.0.1:\(down.number)/forum"]),
                ])
                try await withCrawler(config, clock: clock) { crawler in
                    let report = await crawler.pass()
                    #expect(!report.allSitesReached, "\(report.text)")
                    let tiny = report.site("tiny")
                    #expect(tiny.reached)
                    #expect(tiny.threadsListed == 5)
                    #expect(tiny.newThreads == 4, "\(report.text)")
                    #expect(tiny.errors == ["http 500": 1], "\(report.text)")
                    #expect(tiny.failures.count == 1 && tiny.failures[0].contains("/t/302"), "\(tiny.failures)")
                    let dead = report.site("down")
                    #expect(!dead.reached)
                    #expect(dead.threadsListed == 0)
                    #expect(dead.errors == ["connectFailed": 1], "\(report.text)")
                    #expect(dead.failures.count == 1 && dead.failures[0].contains("\(down.number)"), "\(dead.failures)")
                    #expect(report.text.contains("site down: NOT REACHED"), "\(report.text)")
                    #expect(forum.hits.filter { $0.path == "/t/302" }.count == 1, "retries are off: one request")

                    let reader = try sandbox.reader()
                    #expect(Set(reader.states().states.map(\.id)) == ["300", "301", "303", "304"])

                    // Fixed: the next pass picks the thread up as new.
                    forum.fail(302, with: nil)
                    clock.advance(60)
                    let second = await crawler.pass()
                    #expect(second.site("tiny").newThreads == 1, "\(second.text)")
                    #expect(second.site("tiny").errors.isEmpty)
                    #expect(try sandbox.reader().state(id: 302)?.versions == 1)
                }
            }
        }

        @Test("threads on two sites sharing one story (tracking parameters, www.) are grouped under it")
        func sharedStoryIsGrouped() async throws {
            let first = TinyForum(
                name: "Forum A", threads: 3, firstID: 500,
                stories: [501: "https://www.news.example/world/shared-story?utm_source=forum-a&utm_medium=social"])
            let second = TinyForum(
                name: "Forum B", threads: 3, firstID: 600,
                stories: [602: "https://news.example/world/shared-story?fbclid=IwAR0abc&ref=forum-b"])
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([first, second]) { servers in
                let config = try sandbox.config(sites: [
                    SiteSpec(name: "forum-a", seeds: ["http://127.0.0.1:\(servers[0].port)/forum"]),
                    SiteSpec(name: "forum-b", seeds: ["http://localhost:\(servers[1].port)/forum"]),
                ])
                let report = try await withCrawler(config, clock: clock) { await $0.pass() }
                #expect(report.allSitesReached, "\(report.text)")
                #expect(report.site("forum-a").newThreads == 3, "\(report.text)")
                #expect(report.site("forum-b").newThreads == 3, "\(report.text)")
                #expect(second.hits.allSatisfy { $0.host?.hasPrefix("localhost:") == true })

                let reader = try sandbox.reader()
                let index = reader.storyIndex()
                let shared = try #require(index.story("https://news.example/world/shared-story"), "\(index.stories.map(\.canonical))")
                #expect(shared.threads.count == 2)
                #expect(Set(shared.threads.map(\.key)) == ["127.0.0.1/501", "localhost/602"])
                #expect(Set(shared.threads.compactMap(\.site)) == ["127.0.0.1", "localhost"])
                // Most active first: the shared story leads; every other thread is its own story.
                #expect(index.stories.first?.canonical == shared.canonical)
                #expect(index.stories.count == 5, "\(index.stories.map(\.canonical))")
                #expect(index.stories.dropFirst().allSatisfy { $0.threads.count == 1 })
                // The index on disk is the one rebuilt from the threads' states.
                #expect(index == StoryIndex(states: reader.states().states))
            }
        }

        @Test("two sites on one host with different ports keep their own site names (in the schedule)")
        func sitesOnOneHostKeepTheirNames() async throws {
            let first = TinyForum(name: "Forum A", threads: 2, firstID: 700)
            let second = TinyForum(name: "Forum B", threads: 2, firstID: 800)
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([first, second]) { servers in
                let config = try sandbox.config(sites: [
                    SiteSpec(name: "alpha", seeds: [servers[0].url("/forum")]),
                    SiteSpec(name: "beta", seeds: [servers[1].url("/forum")]),
                ])
                let report = try await withCrawler(config, clock: clock) { await $0.pass() }
                #expect(report.site("alpha").newThreads == 2, "\(report.text)")
                #expect(report.site("beta").newThreads == 2, "\(report.text)")
                let reader = try sandbox.reader()
                for id in [700, 701] {
                    #expect(reader.state(id: id)?.site == "127.0.0.1", "thread \(id)")
                    #expect(reader.state(id: id)?.schedule?.site == "alpha", "thread \(id)")
                }
                for id in [800, 801] {
                    #expect(reader.state(id: id)?.schedule?.site == "beta", "thread \(id) is scheduled under another site")
                }
            }
        }

        @Test("a thread unchanged for longer than retireAfter is retired and no longer fetched, until its row shows activity")
        func retiredThreadIsLeftAlone() async throws {
            let forum = TinyForum(threads: 2, firstID: 900)
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([forum]) { servers in
                let config = try sandbox.config(
                    sites: [SiteSpec(name: "tiny", seeds: [servers[0].url("/forum")])],
                    schedule: #"{"minInterval": "1h", "maxInterval": "1d", "retireAfter": "3d"}"#)
                try await withCrawler(config, clock: clock) { crawler in
                    #expect(await crawler.pass().site("tiny").newThreads == 2)
                    // Four days on, unchanged: fetched (due), found unchanged, and retired.
                    clock.advance(4 * 86_400)
                    let second = await crawler.pass()
                    #expect(second.site("tiny").notModified == 2, "\(second.text)")
                    let reader = try sandbox.reader()
                    #expect(reader.states().states.allSatisfy { $0.schedule?.retired == true }, "\(reader.states().states.map(\.schedule))")
                    // Long past any due time: retired threads are not fetched.
                    clock.advance(10 * 86_400)
                    forum.clearLog()
                    let third = await crawler.pass()
                    #expect(third.site("tiny").threadsDue == 0, "\(third.text)")
                    #expect(forum.hits.filter(\.isThreadPage).isEmpty)
                    // A reply shows on the listing: that thread is fetched again at once and stored.
                    forum.addReplies(to: 901)
                    clock.advance(60)
                    let fourth = await crawler.pass()
                    #expect(fourth.site("tiny").threadsDue == 1, "\(fourth.text)")
                    #expect(fourth.site("tiny").newVersions == 1, "\(fourth.text)")
                    let after = try sandbox.reader()
                    #expect(after.state(id: 901)?.schedule?.retired == false)
                    #expect(after.state(id: 900)?.schedule?.retired == true)
                }
            }
        }
    }
}

extension CrawlSuite {
    @Suite("Stopping a pass", .timeLimit(.minutes(2)))
    struct CrawlStopTests {
        @Test("a stop requested before a pass reads its listings: interrupted, nothing fetched, no site counted as failed")
        func stopBeforeDiscovery() async throws {
            let forum = TinyForum(threads: 3, firstID: 2200)
            let sandbox = try CrawlSandbox()
            let clock = TestClock()
            try await withForums([forum]) { servers in
                let config = try sandbox.config(sites: [SiteSpec(name: "tiny", seeds: [servers[0].url("/forum")])])
                let report = try await withCrawler(config, clock: clock) { crawler in
                    crawler.requestStop()
                    return await crawler.pass()
                }
                #expect(report.interrupted)
                #expect(forum.hits.isEmpty, "nothing is fetched once a stop is requested")
                #expect(report.site("tiny").errors.isEmpty)
                // The site did not fail: the crawl stopped. `crawl` exits 1 when allSitesReached is false.
                #expect(report.allSitesReached, "a stopped pass reports its sites as failed: \(report.text)")
            }
        }
    }
}
