/// One forum a listing names: a board of a board index, a category of a categories page, or a
/// sub-forum shown above a forum's threads.
public struct ListingForum: Sendable, Hashable, Codable {
    /// The forum's listing page, absolute.
    public var url: String?
    /// The forum's name.
    public var title: String?
    /// The description shown under the name.
    public var description: String?
    /// The name of the category (or parent forum) the page shows it under.
    public var category: String?
    /// Topics and posts as the page shows them.
    public var counts: ForumCounts

    public init(
        url: String? = nil, title: String? = nil, description: String? = nil, category: String? = nil,
        counts: ForumCounts = ForumCounts()
    ) {
        self.url = url
        self.title = title
        self.description = description
        self.category = category
        self.counts = counts
    }

    private enum CodingKeys: String, CodingKey { case url, title, description, category, counts }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        category = try c.decodeIfPresent(String.self, forKey: .category)
        counts = try c.decodeIfPresent(ForumCounts.self, forKey: .counts) ?? ForumCounts()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(title, forKey: .title)
        try c.encode(description, forKey: .description)
        try c.encode(category, forKey: .category)
        try c.encode(counts, forKey: .counts)
    }
}

/// The counts a board index shows for a forum; `nil` where it shows none.
public struct ForumCounts: Sendable, Hashable, Codable {
    /// Topics (threads, discussions) in the forum.
    public var topics: Int?
    /// Posts (or comments) in the forum.
    public var posts: Int?

    public init(topics: Int? = nil, posts: Int? = nil) {
        self.topics = topics
        self.posts = posts
    }

    /// The names a forum count can have.
    public static let names = ["topics", "posts"]

    private enum CodingKeys: String, CodingKey { case topics, posts }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(topics, forKey: .topics)
        try c.encode(posts, forKey: .posts)
    }
}
