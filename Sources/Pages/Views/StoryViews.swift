/// Threads grouped by the news story they discuss, most active first.
struct StoriesView {
    var chrome: Chrome
    var stories: [StoryRow]
    var isEmpty: Bool
}

/// One story and its threads.
struct StoryRow {
    var href: String
    var canonical: String
    var link: [String]
    var threadCount: String
    var posts: String
    var lastActivity: [TimeView]
    var threads: [ThreadRow]
}

/// One story's page.
struct StoryView {
    var chrome: Chrome
    var story: StoryRow
}
