public import Archive
import Config
public import Fetch
public import Foundation

/// Fetches a thread and stores it: the `archive` verb, and the crawl's step for each due thread.
public final class ThreadArchiver {
    public let fetcher: ThreadFetcher
    public let writer: ArchiveWriter
    /// Archived threads by URL, for their validators; kept current as threads are stored.
    private var known: [String: ThreadState]

    public init(pipeline: Pipeline, client: HTTPClient, writer: ArchiveWriter) {
        fetcher = ThreadFetcher(pipeline: pipeline, client: client)
        self.writer = writer
        known = ArchiveReader.byURL(writer.reader.states().states)
    }

    /// Fetches every page of the thread at `url` (up to the site's `threadPages`) and stores it.
    public func archive(_ url: String) async -> Result<StoreOutcome, CrawlFailure> {
        let pipeline = fetcher.pipeline
        let maxPages = pipeline.config.site(for: url)?.threadPages ?? 50
        let state = known[url]
        do throws(CrawlFailure) {
            let fetched = try await fetcher.fetch(url, maxPages: maxPages, known: state, reader: writer.reader)
            switch try writer.keep(fetched, at: .now) {
            case .notModified(let key):
                return .success(.unchanged(key, version: state?.versions ?? 1))
            case .stored(let outcome):
                if let stored = try? writer.reader.state(of: outcome.key) {
                    known[url] = stored
                    if let canonical = stored.url { known[canonical] = stored }
                }
                return .success(outcome)
            }
        } catch {
            return .failure(error)
        }
    }
}

/// What keeping a fetched thread did.
public enum Kept: Sendable, Hashable {
    /// A capture was stored: a new version, or only an observation.
    case stored(StoreOutcome)
    /// Every page answered 304: only the observation was updated.
    case notModified(ThreadKey)
}

extension ArchiveWriter {
    /// Keeps what fetching a thread at `time` gave: a capture is stored (a version when it changed), all-304
    /// updates the observation. `schedule` plans the next visit, knowing whether the thread changed.
    public func keep(
        _ fetched: FetchedThread, at time: Date, schedule: ((_ changed: Bool) -> RevisitSchedule)? = nil
    ) throws(CrawlFailure) -> Kept {
        do {
            switch fetched {
            case .notModified(let key, let status):
                try observeUnchanged(key, fetchedAt: time, status: status, schedule: schedule?(false))
                return .notModified(key)
            case .fetched(let capture):
                return .stored(try store(capture, schedule: schedule))
            }
        } catch {
            throw CrawlFailure(kind: "archive", error.description)
        }
    }
}
