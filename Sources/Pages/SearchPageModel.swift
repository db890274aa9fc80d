public import Search

/// Search results for the search page: what was asked, how many posts matched, one page of hits.
/// The server fills it from the search index; the page only shows it.
public struct SearchPageModel: Sendable, Hashable {
    /// The words searched for (`q`).
    public var query: String
    /// The filters as given (empty when not used): site, author, and a UTC ISO 8601 day or time range.
    public var site: String
    public var author: String
    public var from: String
    public var to: String
    /// Posts matched in all.
    public var total: Int
    /// This page (1-based) and the hits per page.
    public var page: Int
    public var pageSize: Int
    public var hits: [SearchHit]

    public init(
        query: String, site: String = "", author: String = "", from: String = "", to: String = "", total: Int,
        page: Int = 1, pageSize: Int = 50, hits: [SearchHit]
    ) {
        self.query = query
        self.site = site
        self.author = author
        self.from = from
        self.to = to
        self.total = total
        self.page = max(1, page)
        self.pageSize = max(1, pageSize)
        self.hits = hits
    }
}
