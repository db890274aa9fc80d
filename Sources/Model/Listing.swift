/// A forum's list of threads (`"kind": "listing"`), as the crawler reads it; a forum's index of
/// boards or categories is a listing whose `forums` name them (and a forum with sub-forums has both).
public struct Listing: Sendable, Hashable, Codable {
    /// The host of the listing's URL without `www.` (see `SiteName`); nil without a URL.
    public var site: String?
    /// The profile that extracted it.
    public var profile: String?
    /// The listing's address.
    public var url: String?
    /// The forum's name.
    public var title: String?
    /// The thread rows, in page order.
    public var threads: [ListingEntry]
    /// The next listing page's absolute URL.
    public var nextPage: String?
    /// The forums (boards, categories, sub-forums) the page lists, in page order; in the JSON only when
    /// there are some.
    public var forums: [ListingForum]

    public init(
        site: String? = nil, profile: String? = nil, url: String? = nil, title: String? = nil,
        threads: [ListingEntry] = [], nextPage: String? = nil, forums: [ListingForum] = []
    ) {
        self.site = site
        self.profile = profile
        self.url = url
        self.title = title
        self.threads = threads
        self.nextPage = nextPage
        self.forums = forums
    }

    private enum CodingKeys: String, CodingKey { case kind, site, profile, url, title, threads, nextPage, forums }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        site = try c.decodeIfPresent(String.self, forKey: .site)
        profile = try c.decodeIfPresent(String.self, forKey: .profile)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        threads = try c.decodeIfPresent([ListingEntry].self, forKey: .threads) ?? []
        nextPage = try c.decodeIfPresent(String.self, forKey: .nextPage)
        forums = try c.decodeIfPresent([ListingForum].self, forKey: .forums) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("listing", forKey: .kind)
        try c.encode(site, forKey: .site)
        try c.encode(profile, forKey: .profile)
        try c.encode(url, forKey: .url)
        try c.encode(title, forKey: .title)
        try c.encode(threads, forKey: .threads)
        try c.encode(nextPage, forKey: .nextPage)
        // Absent rather than empty, so listings of threads keep the bytes (and hashes) they always had.
        if !forums.isEmpty { try c.encode(forums, forKey: .forums) }
    }
}

/// One thread row of a listing.
public struct ListingEntry: Sendable, Hashable, Codable {
    /// The thread's absolute URL.
    public var url: String?
    /// The forum's id for the thread, where the row shows it.
    public var id: String?
    /// The thread title.
    public var title: String?
    /// Who started the thread.
    public var author: Author
    /// Replies, views, recommendations, score as the row shows them.
    public var counts: Counts
    /// The time of the last post (or, where the row shows only that, of the first).
    public var lastActivity: Timestamp
    /// The story link the row shows, if any.
    public var story: Story?

    public init(
        url: String? = nil, id: String? = nil, title: String? = nil, author: Author = Author(),
        counts: Counts = Counts(), lastActivity: Timestamp = .none, story: Story? = nil
    ) {
        self.url = url
        self.id = id
        self.title = title
        self.author = author
        self.counts = counts
        self.lastActivity = lastActivity
        self.story = story
    }

    private enum CodingKeys: String, CodingKey {
        case url, id, title, author, counts, lastActivity, lastActivityText, story
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        author = try c.decodeIfPresent(Author.self, forKey: .author) ?? Author()
        counts = try c.decodeIfPresent(Counts.self, forKey: .counts) ?? Counts()
        lastActivity = Timestamp(
            iso: try c.decodeIfPresent(String.self, forKey: .lastActivity),
            text: try c.decodeIfPresent(String.self, forKey: .lastActivityText)
        )
        story = try c.decodeIfPresent(Story.self, forKey: .story)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(author, forKey: .author)
        try c.encode(counts, forKey: .counts)
        try c.encode(lastActivity.iso, forKey: .lastActivity)
        try c.encode(lastActivity.text, forKey: .lastActivityText)
        try c.encode(story, forKey: .story)
    }
}
