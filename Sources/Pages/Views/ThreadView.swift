/// A thread as of one version.
struct ThreadView {
    var chrome: Chrome
    var title: String
    var forum: [LinkView]
    var hasForum: Bool
    var site: String
    var source: [String]
    var story: [ThreadStory]
    var version: Int
    var versions: Int
    var isLatest: Bool
    var latest: String
    var fetched: [TimeView]
    var counts: [String]
    var livePosts: String
    var removedPosts: [Int]
    var picker: [VersionLink]
    var history: String
    /// Every post, rendered with the `post` template (see `ReaderPages.renderPosts`).
    var posts: String
}

/// The story a thread discusses: its link, and its page in the reader.
struct ThreadStory {
    var url: String
    var link: [String]
    /// The story's page in the reader, when it has one.
    var page: [String]
}

/// One entry of the version picker.
struct VersionLink {
    var number: Int
    var href: String
    var current: Bool
}
