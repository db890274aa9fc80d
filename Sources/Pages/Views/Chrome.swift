/// What every page shows around its content: its title, the stylesheet, feeds, navigation, search box.
/// (View models read by templates hold no optionals: Mustache would look a missing name up in the
/// enclosing object. Something that may be absent is an array of zero or one.)
struct Chrome {
    var title: String
    var style: String
    var home: String
    var stories: String
    var feeds: [FeedLink]
    var search: [SearchBox]

    init(title: String, links: PageLinks, feeds: [FeedLink] = [], query: String = "") {
        self.title = title
        style = links.stylesheet()
        home = links.index()
        stories = links.stories()
        self.feeds = feeds
        search = links.searchAction().map { [SearchBox(action: $0, query: query)] } ?? []
    }
}

/// A `<link rel="alternate">` to an Atom feed.
struct FeedLink {
    var title: String
    var href: String
}

/// The search form in the header (web reader only).
struct SearchBox {
    var action: String
    var query: String
}

/// A link with its text.
struct LinkView {
    var text: String
    /// Where it links; none for plain text (a filter link in a static export).
    var href: [String]

    init(_ text: String, href: String?) {
        self.text = text
        self.href = href.map { [$0] } ?? []
    }
}

/// Previous and next links of a paginated list.
struct PagerView {
    var page: Int
    var pages: Int
    var previous: [String]
    var next: [String]

    init(page: Int, pages: Int, href: (Int) -> String) {
        self.page = page
        self.pages = pages
        previous = page > 1 ? [href(page - 1)] : []
        next = page < pages ? [href(page + 1)] : []
    }
}
