import GRDB

/// The index's tables. Derived data: any disagreement with this (another version, another program's file,
/// damage) means building it again from the archive.
///
/// - `thread`: one row per indexed thread, with what it was indexed from (version, snapshot hash, and the
///   stamp `catchUp` compares with the archive's state.json);
/// - `post`: one row per post or comment of the latest snapshot, removed ones included;
/// - `document`: a view of each post's text, author and thread title, the external content of
/// - `post_fts`: the FTS5 index over those three columns, so the text is stored once (in `post`) and each
///   title once (in `thread`).
enum IndexSchema {
    /// Raised whenever the tables, the tokenizer or what is indexed changes: an index of another version is
    /// rebuilt.
    static let version = 3
    /// `PRAGMA application_id` of our files ("Thkp"): a database with another id is not ours to replace.
    static let applicationID: Int32 = 0x5468_6B70

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE thread (
                    id INTEGER PRIMARY KEY,
                    host TEXT NOT NULL,
                    threadID TEXT NOT NULL,
                    site TEXT,
                    title TEXT,
                    url TEXT,
                    version INTEGER NOT NULL,
                    hash TEXT,
                    stamp TEXT,
                    UNIQUE (host, threadID)
                );
                CREATE TABLE post (
                    id INTEGER PRIMARY KEY,
                    thread INTEGER NOT NULL,
                    postKey TEXT NOT NULL,
                    comment INTEGER,
                    position INTEGER NOT NULL,
                    author TEXT,
                    published TEXT,
                    removed INTEGER NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX post_thread ON post(thread);
                CREATE INDEX post_author ON post(author COLLATE NOCASE, published);
                CREATE VIEW document AS
                    SELECT post.id AS id, post.thread AS thread, post.text AS text, post.author AS author,
                           thread.title AS title
                    FROM post JOIN thread ON thread.id = post.thread;
                CREATE VIRTUAL TABLE post_fts USING fts5(
                    text, author, title,
                    content = 'document', content_rowid = 'id',
                    tokenize = 'unicode61 remove_diacritics 2',
                    prefix = '2 3'
                );
                PRAGMA application_id = \(applicationID);
                PRAGMA user_version = \(version);
                """)
    }

    /// What is wrong with an existing file, or nil when it is a usable index of this version.
    enum Verdict: Equatable {
        case usable
        /// Not a database of ours at all: refused, never deleted.
        case foreign
        case rebuild(String)
    }

    static func check(_ db: Database) throws -> Verdict {
        let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if application != applicationID {
            return application == 0 && tables == 0 ? .rebuild("empty") : .foreign
        }
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version == Self.version else { return .rebuild("schema version \(version), not \(Self.version)") }
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard check == ["ok"] else { return .rebuild("corrupt: \(check.prefix(3).joined(separator: "; "))") }
        return .usable
    }
}
