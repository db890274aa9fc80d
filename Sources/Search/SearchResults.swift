public import Archive

/// One page of hits and how many posts matched in all.
public struct SearchResults: Sendable, Hashable {
    /// Posts matching the query and filters (not only this page).
    public var total: Int
    /// This page of hits, best first.
    public var hits: [SearchHit]

    public init(total: Int, hits: [SearchHit]) {
        self.total = total
        self.hits = hits
    }
}

/// A post (or a comment on a post) that matched, with where to find it in its thread.
public struct SearchHit: Sendable, Hashable, Encodable {
    public var threadKey: ThreadKey
    /// The post's key in its thread (`ArchivedPost.key`); for a comment, the key of the post it is on.
    public var postKey: String
    /// Which comment of that post matched (1-based, in thread order); nil when the post itself did.
    public var comment: Int?
    /// The post's position in its thread (1-based).
    public var position: Int
    public var site: String?
    public var threadTitle: String?
    public var threadURL: String?
    public var author: String?
    /// UTC ISO 8601, as archived.
    public var published: String?
    /// The post is no longer shown on the forum (`ArchivedPost.removedIn`); the archive keeps it.
    public var removed: Bool
    /// Some of the post's text around the matches, as runs of plain text; the renderer escapes and highlights.
    public var snippet: [SnippetRun]
    /// FTS5's bm25 score: smaller is a better match (0 for a search by filters alone).
    public var rank: Double

    public init(
        threadKey: ThreadKey, postKey: String, comment: Int?, position: Int, site: String?, threadTitle: String?,
        threadURL: String?, author: String?, published: String?, removed: Bool, snippet: [SnippetRun], rank: Double
    ) {
        self.threadKey = threadKey
        self.postKey = postKey
        self.comment = comment
        self.position = position
        self.site = site
        self.threadTitle = threadTitle
        self.threadURL = threadURL
        self.author = author
        self.published = published
        self.removed = removed
        self.snippet = snippet
        self.rank = rank
    }

    private enum CodingKeys: String, CodingKey {
        case thread, postKey, comment, position, site, threadTitle, threadURL, author, published, removed, snippet
        case rank
    }

    /// `thread` is `host/id`; every other key as named here, absent values as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(threadKey.description, forKey: .thread)
        try c.encode(postKey, forKey: .postKey)
        try c.encode(comment, forKey: .comment)
        try c.encode(position, forKey: .position)
        try c.encode(site, forKey: .site)
        try c.encode(threadTitle, forKey: .threadTitle)
        try c.encode(threadURL, forKey: .threadURL)
        try c.encode(author, forKey: .author)
        try c.encode(published, forKey: .published)
        try c.encode(removed, forKey: .removed)
        try c.encode(snippet, forKey: .snippet)
        try c.encode(rank, forKey: .rank)
    }
}

/// A piece of a snippet: text that matched the query, or text around it (with `…` where text was left out).
public struct SnippetRun: Sendable, Hashable, Encodable {
    public var text: String
    public var isMatch: Bool

    public init(_ text: String, isMatch: Bool) {
        self.text = text
        self.isMatch = isMatch
    }

    private enum CodingKeys: String, CodingKey { case text, isMatch = "match" }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(isMatch, forKey: .isMatch)
    }

    /// Splits FTS5 `snippet()` output whose matches are wrapped in `open` and `close` markers (characters the
    /// indexed text never holds: the indexer replaces them) into runs.
    static func runs(_ marked: String, open: Unicode.Scalar, close: Unicode.Scalar) -> [SnippetRun] {
        var runs: [SnippetRun] = []
        var current = String.UnicodeScalarView()
        var inMatch = false
        func flush() {
            guard !current.isEmpty else { return }
            let text = String(current)
            if let last = runs.last, last.isMatch == inMatch {
                runs[runs.count - 1].text += text
            } else {
                runs.append(SnippetRun(text, isMatch: inMatch))
            }
            current = String.UnicodeScalarView()
        }
        for scalar in marked.unicodeScalars {
            if scalar == open {
                flush()
                inMatch = true
            } else if scalar == close {
                flush()
                inMatch = false
            } else {
                current.append(scalar)
            }
        }
        flush()
        return runs
    }
}
