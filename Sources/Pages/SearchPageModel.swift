public import Archive

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

/// A post that matched: where it is, who wrote it, and a snippet of its text.
public struct SearchHit: Sendable, Hashable {
    public var thread: ThreadKey
    public var threadTitle: String?
    /// The post's key in the archive (the link goes to its anchor, `PostAnchor.anchor(forPostKey:)`).
    public var postKey: String
    public var author: String?
    /// When it was published (UTC ISO 8601).
    public var published: String?
    public var site: String?
    /// Whether the post was removed from the forum (it is still archived).
    public var isRemoved: Bool
    public var snippet: [SnippetRun]

    public init(
        thread: ThreadKey, threadTitle: String?, postKey: String, author: String?, published: String?, site: String?,
        isRemoved: Bool, snippet: [SnippetRun]
    ) {
        self.thread = thread
        self.threadTitle = threadTitle
        self.postKey = postKey
        self.author = author
        self.published = published
        self.site = site
        self.isRemoved = isRemoved
        self.snippet = snippet
    }
}

/// A run of a snippet: text, and whether it matched the query (shown highlighted).
public struct SnippetRun: Sendable, Hashable {
    public var text: String
    public var isMatch: Bool

    public init(text: String, isMatch: Bool) {
        self.text = text
        self.isMatch = isMatch
    }
}
