/// The thread index: threads, newest activity first, with filters and pages.
struct IndexView {
    var chrome: Chrome
    var heading: String
    var filters: [FilterForm]
    var activeFilters: [ActiveFilter]
    var threads: [ThreadRow]
    var isEmpty: Bool
    var total: Int
    var pager: PagerView
    var hasPager: Bool
}

/// The site and forum choosers of the index (web reader only).
struct FilterForm {
    var action: String
    var sites: [OptionView]
    var forums: [OptionView]
}

/// One `<option>`.
struct OptionView {
    var value: String
    var label: String
    var selected: Bool
}

/// A filter in force, with a link to the index without it.
struct ActiveFilter {
    var name: String
    var value: String
    var clear: String
}

/// A thread in a list.
struct ThreadRow {
    var href: String
    var title: String
    var site: [LinkView]
    var forum: [LinkView]
    /// `12 posts · 3 versions`.
    var details: String
    var lastActivity: [TimeView]
    var story: [LinkView]
}
