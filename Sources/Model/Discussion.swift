/// A forum thread with its posts: the thread JSON of DESIGN.md (`"kind": "thread"`).
///
/// Named `Discussion` because `Thread` collides with Foundation's.
public struct Discussion: Sendable, Hashable, Codable {
    /// The host of the thread's URL without `www.` (`news.ycombinator.com`; see `SiteName`); nil without a URL.
    public var site: String?
    /// The profile that extracted it.
    public var profile: String?
    /// The forum's id for the thread.
    public var id: String?
    /// The thread's address.
    public var url: String?
    /// The thread title.
    public var title: String?
    /// Breadcrumbs: forum names from the top down, without the thread itself.
    public var forum: [String]
    /// The news story the opening post links.
    public var story: Story?
    /// Thread-level counts.
    public var counts: Counts
    /// Every post extracted, in page order.
    public var posts: [Post]
    /// Where this page sits among the thread's pages.
    public var pages: Pagination

    public init(
        site: String? = nil, profile: String? = nil, id: String? = nil, url: String? = nil, title: String? = nil,
        forum: [String] = [], story: Story? = nil, counts: Counts = Counts(), posts: [Post] = [],
        pages: Pagination = Pagination()
    ) {
        self.site = site
        self.profile = profile
        self.id = id
        self.url = url
        self.title = title
        self.forum = forum
        self.story = story
        self.counts = counts
        self.posts = posts
        self.pages = pages
    }

    private enum CodingKeys: String, CodingKey {
        case kind, site, profile, id, url, title, forum, story, counts, posts, pages
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        site = try c.decodeIfPresent(String.self, forKey: .site)
        profile = try c.decodeIfPresent(String.self, forKey: .profile)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        forum = try c.decodeIfPresent([String].self, forKey: .forum) ?? []
        story = try c.decodeIfPresent(Story.self, forKey: .story)
        counts = try c.decodeIfPresent(Counts.self, forKey: .counts) ?? Counts()
        posts = try c.decodeIfPresent([Post].self, forKey: .posts) ?? []
        pages = try c.decodeIfPresent(Pagination.self, forKey: .pages) ?? Pagination()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("thread", forKey: .kind)
        try c.encode(site, forKey: .site)
        try c.encode(profile, forKey: .profile)
        try c.encode(id, forKey: .id)
        try c.encode(url, forKey: .url)
        try c.encode(title, forKey: .title)
        try c.encode(forum, forKey: .forum)
        try c.encode(story, forKey: .story)
        try c.encode(counts, forKey: .counts)
        try c.encode(posts, forKey: .posts)
        try c.encode(pages, forKey: .pages)
    }
}
