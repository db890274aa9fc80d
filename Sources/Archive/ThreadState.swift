import Model

/// A thread's `state.json`: the small, often rewritten part of its folder. What `list` shows without reading
/// the snapshot, the latest observation (a fetch that changed nothing still updates it), and the validators
/// a conditional re-fetch sends. Derived where it repeats the history: rebuilt from it when missing.
public struct ThreadState: Sendable, Hashable, Codable {
    /// `host/id`.
    public var key: String
    public var host: String
    public var id: String
    public var site: String?
    public var title: String?
    public var url: String?
    /// The canonical story link, for the story index.
    public var story: String?
    /// Versions stored.
    public var versions: Int
    /// Posts shown as of the latest version.
    public var posts: Int
    /// Posts ever archived, removed ones included.
    public var postsEver: Int
    /// Fetch time of the latest version.
    public var lastChanged: String
    /// The latest fetch, changed or not.
    public var observed: Observation

    public init(
        key: ThreadKey, site: String?, title: String?, url: String?, story: String?, versions: Int, posts: Int,
        postsEver: Int, lastChanged: String, observed: Observation
    ) {
        self.key = key.description
        self.host = key.host
        self.id = key.id
        self.site = site
        self.title = title
        self.url = url
        self.story = story
        self.versions = versions
        self.posts = posts
        self.postsEver = postsEver
        self.lastChanged = lastChanged
        self.observed = observed
    }

    public var threadKey: ThreadKey { ThreadKey(host: host, id: id) }

    private enum CodingKeys: String, CodingKey {
        case key, host, id, site, title, url, story, versions, posts, postsEver, lastChanged, observed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(host, forKey: .host)
        try c.encode(id, forKey: .id)
        try c.encode(site, forKey: .site)
        try c.encode(title, forKey: .title)
        try c.encode(url, forKey: .url)
        try c.encode(story, forKey: .story)
        try c.encode(versions, forKey: .versions)
        try c.encode(posts, forKey: .posts)
        try c.encode(postsEver, forKey: .postsEver)
        try c.encode(lastChanged, forKey: .lastChanged)
        try c.encode(observed, forKey: .observed)
    }
}

/// The latest fetch of a thread: when, what status, the view counter, and each page's validators.
public struct Observation: Sendable, Hashable, Codable {
    public var fetchedAt: String
    /// The status of the first page.
    public var status: Int
    public var views: Int?
    /// The version the thread was at after this fetch.
    public var version: Int
    public var pages: [PageValidators]

    public init(fetchedAt: String, status: Int, views: Int?, version: Int, pages: [PageValidators]) {
        self.fetchedAt = fetchedAt
        self.status = status
        self.views = views
        self.version = version
        self.pages = pages
    }

    private enum CodingKeys: String, CodingKey { case fetchedAt, status, views, version, pages }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fetchedAt, forKey: .fetchedAt)
        try c.encode(status, forKey: .status)
        try c.encode(views, forKey: .views)
        try c.encode(version, forKey: .version)
        try c.encode(pages, forKey: .pages)
    }
}

/// What a conditional GET of one page sends: its URL's last `ETag` and `Last-Modified`.
public struct PageValidators: Sendable, Hashable, Codable {
    public var url: String
    public var status: Int
    public var etag: String?
    public var lastModified: String?

    public init(url: String, status: Int, etag: String?, lastModified: String?) {
        self.url = url
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
    }

    private enum CodingKeys: String, CodingKey { case url, status, etag, lastModified }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(status, forKey: .status)
        try c.encode(etag, forKey: .etag)
        try c.encode(lastModified, forKey: .lastModified)
    }
}
