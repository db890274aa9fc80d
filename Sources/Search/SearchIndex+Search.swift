import Archive
import GRDB

extension SearchIndex {
    /// The posts matching `query` (see `SearchQuery` for the syntax), best match first (bm25; the text counts
    /// once, the author's name twice, the thread title half), then newest; filters alone list newest first.
    /// A query that cannot be read throws a `SearchError` with code `badQuery`, never an SQLite error.
    public func search(_ query: SearchQuery) throws(SearchError) -> SearchResults {
        let parsed = try QueryParser.parse(query)
        let limit = min(max(query.limit, 1), SearchQuery.maximumLimit)
        let offset = max(query.offset, 0)
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let site = parsed.site {
            conditions.append("(thread.site = ? OR thread.host = ?)")
            arguments += [site, ThreadKey(host: site, id: "").host]
        }
        if let author = parsed.author {
            conditions.append("post.author = ? COLLATE NOCASE")
            arguments.append(author)
        }
        if let from = parsed.from {
            conditions.append("post.published >= ?")
            arguments.append(from)
        }
        if let before = parsed.before {
            conditions.append("post.published < ?")
            arguments.append(before)
        }
        do {
            return try pool.read { db in
                if let match = parsed.match {
                    try Self.matching(match, conditions: conditions, arguments: arguments, limit: limit, offset: offset, in: db)
                } else {
                    try Self.filtered(conditions: conditions, arguments: arguments, limit: limit, offset: offset, in: db)
                }
            }
        } catch {
            throw SearchError.index(path, "search", error)
        }
    }

    private static let open: Unicode.Scalar = "\u{2}"
    private static let close: Unicode.Scalar = "\u{3}"

    /// The score of a match: bm25 with the text counting once, the author's name twice, the thread title half.
    private static let score = "bm25(post_fts, 1.0, 2.0, 0.5)"

    private static let hitColumns = """
        thread.host, thread.threadID, thread.site, thread.title, thread.url, post.postKey, post.comment,
        post.position, post.author, post.published, post.removed
        """

    /// Ranks every match (bm25 needs them all), then makes snippets for the page's hits only: a snippet is
    /// costly, and SQLite would compute it for each row it sorts.
    private static func matching(
        _ match: String, conditions: [String], arguments: [(any DatabaseValueConvertible)?], limit: Int, offset: Int,
        in db: Database
    ) throws -> SearchResults {
        let joins = "post_fts CROSS JOIN post ON post.id = post_fts.rowid CROSS JOIN thread ON thread.id = post.thread"
        let filter = (["post_fts MATCH ?"] + conditions).joined(separator: " AND ")
        let allArguments = StatementArguments([match as (any DatabaseValueConvertible)?] + arguments)
        let total = try Int.fetchOne(
            db, sql: conditions.isEmpty ? "SELECT count(*) FROM post_fts WHERE post_fts MATCH ?" : "SELECT count(*) FROM \(joins) WHERE \(filter)",
            arguments: conditions.isEmpty ? [match] : allArguments) ?? 0
        guard total > offset else { return SearchResults(total: total, hits: []) }
        let ranked: [Row]
        if conditions.isEmpty {
            // Without filters, rank in the full-text index alone and look up the dates of the page's rows
            // only: joining every match to its post for the date costs more than ranking it. (Posts that tie
            // exactly on either side of the page's edge may then come in index order rather than newest first.)
            ranked = try Row.fetchAll(
                db,
                sql: """
                    SELECT best.id, best.score FROM (
                        SELECT rowid AS id, \(score) AS score FROM post_fts WHERE post_fts MATCH ?
                        ORDER BY score, rowid DESC LIMIT ?
                    ) AS best CROSS JOIN post ON post.id = best.id
                    ORDER BY best.score, post.published DESC, post.id LIMIT ? OFFSET ?
                    """,
                arguments: [match, offset + limit, limit, offset])
        } else {
            ranked = try Row.fetchAll(
                db,
                sql: """
                    SELECT post_fts.rowid AS id, \(score) AS score FROM \(joins) WHERE \(filter)
                    ORDER BY score, post.published DESC, post.id LIMIT ? OFFSET ?
                    """,
                arguments: allArguments + [limit, offset])
        }
        let page = try db.cachedStatement(
            sql: """
                SELECT \(hitColumns), snippet(post_fts, 0, char(2), char(3), '…', 24) AS snippet
                FROM \(joins) WHERE post_fts MATCH ? AND post_fts.rowid = ?
                """)
        var hits: [SearchHit] = []
        for row in ranked {
            let id: Int64 = row["id"]
            guard let found = try Row.fetchOne(page, arguments: [match, id]) else { continue }
            hits.append(hit(found, snippet: SnippetRun.runs(found["snippet"] ?? "", open: open, close: close), rank: row["score"]))
        }
        return SearchResults(total: total, hits: hits)
    }

    /// Filters without words: newest first, the start of each post as its snippet.
    private static func filtered(
        conditions: [String], arguments: [(any DatabaseValueConvertible)?], limit: Int, offset: Int, in db: Database
    ) throws -> SearchResults {
        let joins = "post JOIN thread ON thread.id = post.thread"
        let filter = conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(joins) WHERE \(filter)", arguments: StatementArguments(arguments)) ?? 0
        guard total > offset else { return SearchResults(total: total, hits: []) }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(hitColumns), substr(post.text, 1, 241) AS start FROM \(joins) WHERE \(filter)
                ORDER BY post.published DESC, post.id DESC LIMIT ? OFFSET ?
                """,
            arguments: StatementArguments(arguments) + [limit, offset])
        let hits = rows.map { row in
            var start: String = row["start"] ?? ""
            if start.count > 240 {
                start = String(start.prefix(240))
                if let space = start.lastIndex(of: " ") { start = String(start[..<space]) }
                start += "…"
            }
            return hit(row, snippet: start.isEmpty ? [] : [SnippetRun(start, isMatch: false)], rank: 0)
        }
        return SearchResults(total: total, hits: hits)
    }

    private static func hit(_ row: Row, snippet: [SnippetRun], rank: Double) -> SearchHit {
        SearchHit(
            threadKey: ThreadKey(host: row["host"], id: row["threadID"]), postKey: row["postKey"], comment: row["comment"],
            position: row["position"], site: row["site"], threadTitle: row["title"], threadURL: row["url"],
            author: row["author"], published: row["published"], removed: row["removed"], snippet: snippet, rank: rank)
    }
}
