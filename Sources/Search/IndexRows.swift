import Archive
import GRDB
import Model

/// One searchable row: a post, or a comment on a post.
struct IndexedPost: Sendable, Hashable {
    var postKey: String
    var comment: Int?
    var position: Int
    var author: String?
    var published: String?
    var removed: Bool
    var text: String

    /// Every post of `snapshot` (removed ones flagged) and every comment on it, depth first, in thread order.
    static func all(in snapshot: ThreadSnapshot) -> [IndexedPost] {
        var rows: [IndexedPost] = []
        rows.reserveCapacity(snapshot.posts.count)
        for archived in snapshot.posts {
            let post = archived.post
            let removed = archived.removedIn != nil
            rows.append(IndexedPost(post, key: archived.key, comment: nil, position: post.position, removed: removed))
            var number = 0
            func add(_ comments: [Post]) {
                for comment in comments {
                    number += 1
                    rows.append(
                        IndexedPost(comment, key: archived.key, comment: number, position: post.position, removed: removed))
                    add(comment.comments)
                }
            }
            add(post.comments)
        }
        return rows
    }

    private init(_ post: Post, key: String, comment: Int?, position: Int, removed: Bool) {
        postKey = key
        self.comment = comment
        self.position = position
        author = post.author.name
        published = post.published.iso
        self.removed = removed
        let body = [post.title, post.text].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "\n")
        text = Self.cleaned(body)
    }

    /// The text with control characters other than tab and newline turned into spaces: they are the snippet's
    /// match markers, so the text must not hold them.
    static func cleaned(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isMarkerLike) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isMarkerLike($0) ? " " : $0 }))
    }

    private static func isMarkerLike(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && scalar != "\n" && scalar != "\t"
    }
}

/// Writes and removes the rows of one thread. With `fts` false the FTS index is left for a `rebuild` of it
/// at the end (a whole-index build); otherwise it is kept in step row by row.
enum IndexRows {
    static func replace(
        _ snapshot: ThreadSnapshot, key: ThreadKey, stamp: String?, in db: Database, fts: Bool
    ) throws -> Int {
        try remove(key, in: db, fts: fts)
        try db.cachedStatement(
            sql: "INSERT INTO thread (host, threadID, site, title, url, version, hash, stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [
            key.host, key.id, snapshot.site, snapshot.title.map(IndexedPost.cleaned), snapshot.url, snapshot.version,
            snapshot.hash, stamp,
        ])
        let thread = db.lastInsertedRowID
        let insert = try db.cachedStatement(
            sql: "INSERT INTO post (thread, postKey, comment, position, author, published, removed, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let rows = IndexedPost.all(in: snapshot)
        for row in rows {
            try insert.execute(arguments: [
                thread, row.postKey, row.comment, row.position, row.author.map(IndexedPost.cleaned), row.published,
                row.removed, row.text,
            ])
        }
        if fts {
            try db.cachedStatement(
                sql: "INSERT INTO post_fts (rowid, text, author, title) SELECT id, text, author, title FROM document WHERE thread = ?"
            ).execute(arguments: [thread])
        }
        return rows.count
    }

    /// Removes `key`'s rows; an external-content FTS5 index forgets a row only when told its exact old values,
    /// which the view still gives until the rows go.
    static func remove(_ key: ThreadKey, in db: Database, fts: Bool) throws {
        guard let thread = try Int64.fetchOne(
            db, sql: "SELECT id FROM thread WHERE host = ? AND threadID = ?", arguments: [key.host, key.id])
        else { return }
        try remove(thread: thread, in: db, fts: fts)
    }

    static func remove(thread: Int64, in db: Database, fts: Bool) throws {
        if fts {
            try db.cachedStatement(
                sql: """
                    INSERT INTO post_fts (post_fts, rowid, text, author, title)
                    SELECT 'delete', id, text, author, title FROM document WHERE thread = ?
                    """
            ).execute(arguments: [thread])
        }
        try db.cachedStatement(sql: "DELETE FROM post WHERE thread = ?").execute(arguments: [thread])
        try db.cachedStatement(sql: "DELETE FROM thread WHERE id = ?").execute(arguments: [thread])
    }

    /// The stamp of a thread's state.json that changes with every stored version: catch-up reindexes a thread
    /// whose stamp differs from the one it was indexed with.
    static func stamp(_ state: ThreadState) -> String {
        "\(state.versions) \(state.historyBytes ?? -1) \(state.lastChanged)"
    }
}
