public import Archive
public import Config
public import Fetch
import Extract
public import Foundation
import Model

/// Why a thread or listing could not be fetched or read: its kind (for the crawl report) and one line
/// naming the URL and the cause.
public struct CrawlFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// `connectFailed`, `http 500`, `extraction`, `archive`, …
    public var kind: String
    public var description: String

    public init(kind: String, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

/// What fetching every page of a thread gave.
public enum FetchedThread: Sendable {
    /// Every page answered 304 to its validators: nothing to extract.
    case notModified(ThreadKey, status: Int)
    /// The pages, extracted, ready to store.
    case fetched(ThreadCapture)
}

/// Fetches every page of a thread (following the profile's next-page links), extracts each, and hands back a
/// capture for the archive. Sends the validators the archive holds, and re-reads from the archive the body of
/// a page that answered 304 while another page changed.
public struct ThreadFetcher: Sendable {
    public let pipeline: Pipeline
    public let client: HTTPClient
    /// Told of every request's outcome (the crawl counts traffic per host with it).
    public let traffic: TrafficCounter?
    /// The time a page counts as fetched at (relative times resolve against it).
    public let now: @Sendable () -> Date

    public init(
        pipeline: Pipeline, client: HTTPClient, traffic: TrafficCounter? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.pipeline = pipeline
        self.client = client
        self.traffic = traffic
        self.now = now
    }

    /// Fetches the thread at `url`, up to `maxPages` pages, as a page of `site` (else the site its host
    /// belongs to). `known` is its archived state (nil for a new thread), `reader` the archive that holds it.
    public func fetch(
        _ url: String, site: SiteConfig? = nil, maxPages: Int, known: ThreadState?, reader: ArchiveReader?
    ) async throws(CrawlFailure) -> FetchedThread {
        var validators: [String: PageValidators] = [:]
        for page in known?.observed.pages ?? [] { validators[page.url] = page }
        // A known thread: ask for its pages with their validators, in order, until one has changed. When
        // every page answers 304 nothing is read or extracted at all.
        var prefetched: [String: (FetchResponse, [HeaderField])] = [:]
        if let known, !known.observed.pages.isEmpty {
            var allNotModified = true
            for page in known.observed.pages.prefix(max(1, maxPages)) {
                let answer = try await get(page.url, validators: page)
                prefetched[page.url] = answer
                if !answer.0.isNotModified {
                    allNotModified = false
                    break
                }
            }
            if allNotModified { return .notModified(known.threadKey, status: 304) }
        }
        var pages: [Discussion] = []
        var responses: [CapturedResponse] = []
        var visited = Set<String>()
        var next: String? = url
        var profile: String?
        while let pageURL = next, pages.count < max(1, maxPages), visited.insert(pageURL).inserted {
            let pageValidators = validators[pageURL]
            var (response, request): (FetchResponse, [HeaderField])
            if let answer = prefetched.removeValue(forKey: pageURL) {
                (response, request) = answer
            } else {
                (response, request) = try await get(pageURL, validators: pageValidators)
            }
            var body = response.body
            var status = response.status
            if response.isNotModified {
                if let known, let stored = try? reader?.latestBody(of: known.threadKey, url: pageURL) {
                    body = stored
                    status = pageValidators?.status ?? 200
                } else {
                    // The archive has no copy to stand for it: ask again without validators.
                    (response, request) = try await get(pageURL, validators: nil)
                    body = response.body
                    status = response.status
                }
            }
            guard (200..<300).contains(status) else {
                throw CrawlFailure(kind: "http \(status)", "\(pageURL): HTTP \(status)")
            }
            let fetchedAt = now()
            let options = pipeline.extractionOptions(
                url: response.finalURL, fetchedAt: fetchedAt, charset: response.declaredCharset, site: site)
            let extracted: ExtractedPage
            do {
                extracted = try pipeline.extractor.extract(body, options: options, source: response.finalURL)
            } catch {
                throw CrawlFailure(kind: "extraction", error.description)
            }
            guard case .thread(let page) = extracted else {
                throw CrawlFailure(kind: "extraction", "\(response.finalURL): a listing page, not a thread")
            }
            profile = profile ?? page.profile
            pages.append(page)
            responses.append(
                CapturedResponse(
                    url: response.finalURL, status: status, fetchedAt: fetchedAt, requestHeaders: request,
                    responseHeaders: response.headers.map { HeaderField($0.name, $0.value) }, body: body))
            next = page.pages.next
        }
        return .fetched(ThreadCapture(pages: pages, responses: responses, profile: profile, tool: Pipeline.tool))
    }

    /// One GET with `validators`; a transport failure becomes a `CrawlFailure` of its code.
    private func get(_ url: String, validators: PageValidators?) async throws(CrawlFailure)
        -> (FetchResponse, [HeaderField])
    {
        let request = FetchRequest(url: url, etag: validators?.etag, lastModified: validators?.lastModified)
        do {
            let response = try await client.fetch(request)
            traffic?.record(url, response: response)
            var sent = [HeaderField("User-Agent", client.configuration.userAgent)]
            if let etag = request.etag { sent.append(HeaderField("If-None-Match", etag)) }
            if let date = request.lastModified { sent.append(HeaderField("If-Modified-Since", date)) }
            return (response, sent)
        } catch {
            traffic?.record(url, response: nil)
            throw CrawlFailure(kind: error.code.description, error.description)
        }
    }
}

