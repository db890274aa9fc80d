/// A thread's versions, each with what changed and links to it and to the diff from the one before.
struct HistoryView {
    var chrome: Chrome
    var title: String
    var thread: String
    var rows: [VersionRow]
}

/// One version in the history.
struct VersionRow {
    var number: Int
    var href: String
    var fetched: [TimeView]
    var posts: Int
    var added: Int
    var edited: Int
    var removed: Int
    var fields: String
    var diff: [LinkView]
    var isLatest: Bool
}
