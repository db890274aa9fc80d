public import Archive
public import Config
public import Fetch
import Extract
public import Foundation
import Model
import Synchronization

/// One crawl of the configured sites: each site's seeds and listing pages are read, every thread that is new,
/// shows new activity or is due is fetched in full and stored, and the revisit schedule is kept in the
/// archive. One failing host, page or profile never stops the rest: each failure is counted in the report.
public actor Crawler {
    public let pipeline: Pipeline
    public let client: HTTPClient
    private let writer: ArchiveWriter
    /// The writer's reader: safe to use from any task.
    private let reader: ArchiveReader
    private let policy: RevisitPolicy
    private let now: @Sendable () -> Date
    /// This pass's traffic (a new counter each pass).
    private var traffic = TrafficCounter()
    private let stopRequested = Atomic<Bool>(false)
    private let progress: (@Sendable (CrawlProgress) -> Void)?
    private var status = CrawlProgress()

    /// A crawler storing into `writer` (whose lock it holds for as long as it runs). `now` is the clock of the
    /// revisit schedule; `progress` hears of every step.
    public init(
        pipeline: Pipeline, client: HTTPClient, writer: sending ArchiveWriter, now: @escaping @Sendable () -> Date = { Date() },
        progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) {
        self.pipeline = pipeline
        self.client = client
        self.reader = writer.reader
        self.writer = writer
        self.policy = RevisitPolicy(pipeline.config.schedule)
        self.now = now
        self.progress = progress
    }

    /// Closes the archive's WARC file; the lock goes with the crawler.
    public func close() {
        try? writer.close()
    }

    /// Asks the pass in flight to stop: threads being fetched are finished and stored, no new ones start.
    public nonisolated func requestStop() {
        stopRequested.store(true, ordering: .releasing)
    }

    public nonisolated var isStopRequested: Bool { stopRequested.load(ordering: .acquiring) }

    /// One pass over `sites` (all configured sites when nil).
    public func pass(sites chosen: [SiteConfig]? = nil) async -> CrawlReport {
        let sites = chosen ?? pipeline.config.sites
        let started = now()
        traffic = TrafficCounter()
        let traffic = self.traffic
        status = CrawlProgress(sites: sites.count)
        report()
        var reports = Dictionary(uniqueKeysWithValues: sites.map { ($0.name, SiteReport(name: $0.name)) })
        var health: [HealthProblem] = []
        let known = reader.states().states
        let byURL = ArchiveReader.byURL(known)

        // Discover: every site's listings, all sites at once.
        let discoveries = await withTaskGroup(of: (String, Discovery).self) { group in
            for site in sites {
                group.addTask { (site.name, await self.discover(site, at: started, traffic: traffic)) }
            }
            var found: [String: Discovery] = [:]
            for await (name, discovery) in group { found[name] = discovery }
            return found
        }

        // Choose the due threads.
        var due: [DueThread] = []
        var chosenURLs = Set<String>()
        for site in sites {
            let discovery = discoveries[site.name] ?? Discovery()
            var siteReport = reports[site.name]!
            siteReport.reached = discovery.reached
            siteReport.skipped = discovery.skipped
            siteReport.listingPages = discovery.listingPages
            siteReport.forumsListed = discovery.forumsListed
            siteReport.forumsFollowed = discovery.forumsFollowed
            siteReport.threadsListed = discovery.entries.count
            for failure in discovery.failures {
                siteReport.fail(failure)
                status.errors += 1
                status.event = .failed(site: site.name, failure)
                report()
            }
            status.event = nil
            health += discovery.health
            var seenStates = Set<String>()
            for entry in discovery.entries {
                let state = byURL[entry.url]
                if let state { seenStates.insert(state.key) }
                guard policy.reason(for: state, listingActivity: entry.activity, now: started) != nil,
                    chosenURLs.insert(entry.url).inserted
                else { continue }
                due.append(DueThread(site: site, url: entry.url, state: state, activity: entry.activity))
            }
            // Threads no listing showed this pass are revisited on their schedule alone.
            for state in known
            where RevisitPolicy.isRevisited(state, by: site, in: pipeline.config) && !seenStates.contains(state.key) {
                guard let url = state.url, state.schedule != nil,
                    policy.reason(for: state, listingActivity: nil, now: started) != nil,
                    chosenURLs.insert(url).inserted
                else { continue }
                due.append(DueThread(site: site, url: url, state: state, activity: nil))
            }
            siteReport.threadsDue = due.count { $0.site.name == site.name }
            reports[site.name] = siteReport
        }
        status.threadsDue = due.count
        report()

        // Fetch and store them, as many at once as the client allows.
        let width = max(1, pipeline.config.politeness.maxConcurrent)
        await withTaskGroup(of: Void.self) { group in
            var next = due.makeIterator()
            var running = 0
            while !isStopRequested, let item = next.next() {
                if running >= width {
                    await group.next()
                    running -= 1
                }
                guard !isStopRequested else { break }
                running += 1
                group.addTask { await self.visit(item, traffic: traffic) }
            }
            await group.waitForAll()
        }
        for (site, outcome) in visits {
            var siteReport = reports[site]!
            siteReport.threadsDone += 1
            switch outcome {
            case .stored(.new): siteReport.newThreads += 1
            case .stored(.changed): siteReport.newVersions += 1
            case .stored(.unchanged): siteReport.unchanged += 1
            case .notModified: siteReport.notModified += 1
            case .failed(let failure): siteReport.fail(failure)
            }
            reports[site] = siteReport
        }
        health += visitHealth
        visits = []
        visitHealth = []
        _ = try? writer.rebuildStoryIndex()
        return CrawlReport(
            started: ISOTime.string(started), finished: ISOTime.string(now()), interrupted: isStopRequested,
            sites: sites.map { reports[$0.name]! }, hosts: traffic.reports, health: health)
    }

    // MARK: - Discovery

    struct Discovery: Sendable {
        var reached = false
        /// A stop was asked for before the site was tried.
        var skipped = false
        var listingPages = 0
        /// Forums the listing pages named (boards of a board index, sub-forums).
        var forumsListed = 0
        /// Forums whose listings were queued to be read.
        var forumsFollowed = 0
        var entries: [(url: String, activity: String?)] = []
        var failures: [CrawlFailure] = []
        var health: [HealthProblem] = []
    }

    /// Reads a site's seeds: listing pages (following up to `listingPages`) give thread rows; a seed that is
    /// a thread is itself a row. The forums a listing names (a board index's boards, a forum's sub-forums)
    /// are read the same way after the seeds, up to the site's `forums`, each once, and only on the host of
    /// the page that named them; a forum the page shows with no topics is not read.
    private nonisolated func discover(_ site: SiteConfig, at time: Date, traffic: TrafficCounter) async -> Discovery {
        var discovery = Discovery()
        guard !isStopRequested else {
            discovery.skipped = true
            return discovery
        }
        var queued = Set<String>()
        var listings = site.seeds.filter { queued.insert($0).inserted }
        var next = 0
        while next < listings.count, !isStopRequested {
            var url: String? = listings[next]
            next += 1
            var pages = 0
            var visited = Set<String>()
            while let pageURL = url, pages < site.listingPages, visited.insert(pageURL).inserted, !isStopRequested {
                url = nil
                pages += 1
                let response: FetchResponse
                do {
                    response = try await client.fetch(FetchRequest(url: pageURL))
                    traffic.record(pageURL, response: response)
                } catch {
                    traffic.record(pageURL, response: nil)
                    discovery.failures.append(CrawlFailure(kind: error.code.description, error.description))
                    break
                }
                guard response.isSuccess else {
                    discovery.failures.append(
                        CrawlFailure(kind: "http \(response.status)", "\(response.finalURL): HTTP \(response.status)"))
                    break
                }
                let options = pipeline.extractionOptions(
                    url: response.finalURL, fetchedAt: time, charset: response.declaredCharset, site: site)
                let page: ExtractedPage
                do {
                    page = try pipeline.extractor.extract(response.body, options: options, source: response.finalURL)
                } catch {
                    discovery.failures.append(CrawlFailure(kind: "extraction", error.description))
                    discovery.health.append(
                        HealthProblem(site: site.name, profile: options.profile, page: response.finalURL, problem: error.description))
                    break
                }
                discovery.reached = true
                switch page {
                case .listing(let listing):
                    discovery.listingPages += 1
                    for entry in listing.threads {
                        guard let threadURL = entry.url else { continue }
                        discovery.entries.append((threadURL, RevisitPolicy.activity(of: entry)))
                    }
                    discovery.forumsListed += listing.forums.count
                    // A forum that shows no topics has none to archive (its sub-forums' topics count in its own).
                    for forum in listing.forums where forum.counts.topics != 0 {
                        guard discovery.forumsFollowed < site.forums, let forumURL = forum.url,
                            Self.sameHost(forumURL, response.finalURL), queued.insert(forumURL).inserted
                        else { continue }
                        discovery.forumsFollowed += 1
                        listings.append(forumURL)
                    }
                    url = listing.nextPage
                case .thread(let thread):
                    discovery.entries.append((thread.url ?? response.finalURL, nil))
                }
            }
        }
        return discovery
    }

    /// Whether two absolute URLs name the same host (case-insensitively; the port counts too).
    private static func sameHost(_ url: String, _ other: String) -> Bool {
        guard let a = URLComponents(string: url), let b = URLComponents(string: other),
            let host = a.host?.lowercased(), !host.isEmpty
        else { return false }
        return host == b.host?.lowercased() && a.port == b.port
    }

    // MARK: - Threads

    struct DueThread: Sendable {
        var site: SiteConfig
        var url: String
        var state: ThreadState?
        var activity: String?
    }

    enum VisitOutcome: Sendable {
        case stored(StoreOutcome)
        case notModified
        case failed(CrawlFailure)
    }

    private var visits: [(String, VisitOutcome)] = []
    private var visitHealth: [HealthProblem] = []

    /// Fetches and extracts one thread in full off the actor, so other threads are fetched while one is
    /// stored, then stores it on the actor (the archive has one writer).
    private nonisolated func visit(_ item: DueThread, traffic: TrafficCounter) async {
        let fetcher = ThreadFetcher(pipeline: pipeline, client: client, traffic: traffic, now: now)
        let fetched: Result<FetchedThread, CrawlFailure>
        do {
            fetched = .success(
                try await fetcher.fetch(
                    item.url, site: item.site, maxPages: item.site.threadPages, known: item.state, reader: reader))
        } catch {
            fetched = .failure(error)
        }
        await store(item, fetched)
    }

    /// Stores what a visit fetched, with the thread's next visit planned, and counts it.
    private func store(_ item: DueThread, _ result: Result<FetchedThread, CrawlFailure>) {
        let outcome: VisitOutcome
        do throws(CrawlFailure) {
            let fetched = try result.get()
            let time = now()
            let lastChanged = item.state.flatMap { ISOTime.date($0.lastChanged) }
            let plan = { @Sendable (changed: Bool) in
                self.policy.next(
                    after: item.state?.schedule, changed: changed, lastChanged: lastChanged,
                    listingActivity: item.activity, now: time, site: item.site.name)
            }
            if case .fetched(let capture) = fetched { checkHealth(capture, item: item) }
            switch try writer.keep(fetched, at: time, schedule: plan) {
            case .notModified: outcome = .notModified
            case .stored(let stored): outcome = .stored(stored)
            }
        } catch {
            if error.kind == "extraction" {
                visitHealth.append(
                    HealthProblem(site: item.site.name, profile: item.site.profile, page: item.url, problem: error.description))
            }
            outcome = .failed(error)
        }
        visits.append((item.site.name, outcome))
        status.threadsDone += 1
        switch outcome {
        case .stored(let stored):
            if case .unchanged = stored {} else { status.newVersions += 1 }
            status.event = .stored(site: item.site.name, stored)
        case .notModified:
            status.notModified += 1
            status.event = .notModified(site: item.site.name, url: item.url)
        case .failed(let failure):
            status.errors += 1
            status.event = .failed(site: item.site.name, failure)
        }
        report()
        status.event = nil
    }

    /// A page that should have posts and has none, or a field the thread's posts had and no longer have.
    private func checkHealth(_ capture: ThreadCapture, item: DueThread) {
        for (page, response) in zip(capture.pages, capture.responses) where page.posts.isEmpty {
            visitHealth.append(
                HealthProblem(site: item.site.name, profile: capture.profile, page: response.url, problem: "no posts found"))
        }
        guard let before = item.state?.observed.fields, !before.isEmpty else { return }
        let now = Set(ExtractedFields.of(capture.pages.flatMap(\.posts)))
        let lost = before.filter { !now.contains($0) }
        if !lost.isEmpty {
            visitHealth.append(
                HealthProblem(
                    site: item.site.name, profile: capture.profile, page: capture.responses[0].url,
                    problem: "no longer finds \(lost.joined(separator: ", ")) (found on this thread before)"))
        }
    }

    private func report() {
        status.fetched = traffic.reports.reduce(0) { $0 + $1.requests }
        status.notModifiedResponses = traffic.reports.reduce(0) { $0 + $1.notModified }
        progress?(status)
    }
}

/// Where a pass stands, for a status line.
public struct CrawlProgress: Sendable, Hashable {
    public var sites = 0
    public var threadsDue = 0
    public var threadsDone = 0
    public var fetched = 0
    public var notModifiedResponses = 0
    public var notModified = 0
    public var newVersions = 0
    public var errors = 0
    /// What just happened, if anything worth a log line.
    public var event: CrawlEvent?

    /// `sites 3 · threads 12/40 · fetched 57 · 304 20 · new versions 5 · errors 1`.
    public var line: String {
        "sites \(sites) · threads \(threadsDone)/\(threadsDue) · fetched \(fetched) · 304 \(notModifiedResponses)"
            + " · new versions \(newVersions) · errors \(errors)"
    }
}

/// A step of a pass worth a log line.
public enum CrawlEvent: Sendable, Hashable {
    case stored(site: String, StoreOutcome)
    case notModified(site: String, url: String)
    case failed(site: String, CrawlFailure)
}
