public import Archive
import Config
public import Fetch
import Foundation

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
            switch try await fetcher.fetch(url, maxPages: maxPages, known: state, reader: writer.reader) {
            case .notModified(let key, let status):
                do {
                    try writer.observeUnchanged(key, fetchedAt: .now, status: status)
                } catch {
                    throw CrawlFailure(kind: "archive", error.description)
                }
                return .success(.unchanged(key, version: state?.versions ?? 1))
            case .fetched(let capture):
                let outcome = try store(capture)
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

    private func store(_ capture: ThreadCapture) throws(CrawlFailure) -> StoreOutcome {
        do {
            return try writer.store(capture)
        } catch {
            throw CrawlFailure(kind: "archive", error.description)
        }
    }
}
