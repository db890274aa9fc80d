/// Search results as the `search` template shows them.
struct SearchView {
    var chrome: Chrome
    var query: String
    var site: String
    var author: String
    var from: String
    var to: String
    var hasQuery: Bool
    var total: String
    var hits: [HitView]
    var isEmpty: Bool
    var pager: PagerView
    var hasPager: Bool
}

/// One hit: the post, its thread, and the snippet with the matches marked.
struct HitView {
    var href: String
    var threadTitle: String
    var author: String
    var site: String
    var time: [TimeView]
    var removed: Bool
    var snippet: [SnippetView]
}

/// A run of a snippet.
struct SnippetView {
    var text: String
    var isMatch: Bool
}

/// An error page.
struct ErrorView {
    var chrome: Chrome
    var status: Int
    var message: String
}
