import Extract
public import Fetch
import Foundation
import Model

/// What one seed of a site gives when fetched and extracted once (`threadkeeper check`): status, kind of
/// page and what extraction found, or the error. Encodes as `check --json` prints it.
public struct SeedCheck: Sendable, Encodable {
    public var site: String
    public var url: String
    public var status: Int?
    /// `listing` or `thread`.
    public var kind: String?
    public var threads: Int?
    public var posts: Int?
    public var nextPage: String?
    /// Forums a board index (or a forum's sub-forum list) names; only in the JSON when there are some.
    public var forums: Int?
    public var error: String?

    private enum CodingKeys: String, CodingKey { case site, url, status, kind, threads, posts, nextPage, forums, error }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(site, forKey: .site)
        try c.encode(url, forKey: .url)
        try c.encode(status, forKey: .status)
        try c.encode(kind, forKey: .kind)
        try c.encode(threads, forKey: .threads)
        try c.encode(posts, forKey: .posts)
        try c.encode(nextPage, forKey: .nextPage)
        try c.encodeIfPresent(forums, forKey: .forums)
        try c.encode(error, forKey: .error)
    }

    public init(site: String, url: String) {
        self.site = site
        self.url = url
    }
}

extension Pipeline {
    /// Fetches `seed` with `client` and extracts it with `profile`: a dry run of one crawl request, writing
    /// nothing. Never throws: a failure is the result's `error`, one line.
    public func check(_ seed: String, site: String, profile: String, client: HTTPClient) async -> SeedCheck {
        var result = SeedCheck(site: site, url: seed)
        let response: FetchResponse
        do {
            response = try await client.fetch(FetchRequest(url: seed))
        } catch {
            result.error = error.description
            return result
        }
        result.url = response.finalURL
        result.status = response.status
        guard response.isSuccess else {
            result.error = "\(response.finalURL): HTTP \(response.status)"
            return result
        }
        let options = extractionOptions(
            url: response.finalURL, fetchedAt: Date(), charset: response.declaredCharset, profile: profile)
        do {
            switch try extractor.extract(response.body, options: options, source: response.finalURL) {
            case .listing(let listing):
                result.kind = "listing"
                result.threads = listing.threads.count
                result.nextPage = listing.nextPage
                result.forums = listing.forums.isEmpty ? nil : listing.forums.count
            case .thread(let thread):
                result.kind = "thread"
                result.posts = thread.posts.count
            }
        } catch {
            result.error = error.description
        }
        return result
    }
}
