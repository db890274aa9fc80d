public import Model

/// A thread's `state.json`: the small, often rewritten part of its folder. What `list` shows without reading
/// the snapshot, the latest observation (a fetch that changed nothing still updates it), and the validators
/// a conditional re-fetch sends. Derived where it repeats the history: rebuilt from it when missing.
public struct ThreadState: Sendable, Hashable, Codable {
    /// `host/id`.
    public var key: String
    public var host: String
    public var id: String
    /// The snapshot's `site`: the host of the thread's URL (older versions: the config's site name).
    public var site: String?
    public var title: String?
    public var url: String?
    /// The canonical story link, for the story index.
    public var story: String?
    /// The forum path (breadcrumbs) as of the latest version; nil in states written before it was kept.
    public var forum: [String]?
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
    /// When the crawl visits the thread again (nil for threads only archived by hand).
    public var schedule: RevisitSchedule?
    /// The size of versions.jsonl when this was written: a different size means a store was cut short
    /// after the history line, and the state is rebuilt from the history.
    public var historyBytes: Int?

    public init(
        key: ThreadKey, site: String?, title: String?, url: String?, story: String?, versions: Int, posts: Int,
        postsEver: Int, lastChanged: String, observed: Observation, schedule: RevisitSchedule? = nil
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
        self.schedule = schedule
    }

    public var threadKey: ThreadKey { ThreadKey(host: host, id: id) }

    private enum CodingKeys: String, CodingKey {
        case key, host, id, site, title, url, story, forum, versions, posts, postsEver, lastChanged, observed, schedule
        case historyBytes
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
        try c.encodeIfPresent(forum, forKey: .forum)
        try c.encode(versions, forKey: .versions)
        try c.encode(posts, forKey: .posts)
        try c.encode(postsEver, forKey: .postsEver)
        try c.encode(lastChanged, forKey: .lastChanged)
        try c.encode(observed, forKey: .observed)
        try c.encode(schedule, forKey: .schedule)
        try c.encode(historyBytes, forKey: .historyBytes)
    }
}

/// The crawl's plan for a thread: how long it waits between visits, when it is next due, and what its
/// listing row showed last (a row that shows new activity makes it due at once).
public struct RevisitSchedule: Sendable, Hashable, Codable {
    /// Seconds between visits: halved (down to the minimum) when a visit found a change, doubled (up to the
    /// maximum) when it did not.
    public var interval: Int
    /// UTC ISO 8601.
    public var due: String
    /// No change for longer than `retireAfter`: no more revisits unless its listing row shows activity.
    public var retired: Bool
    /// The listing row's activity as last seen (replies and last-post time), if a listing showed the thread.
    public var listingActivity: String?
    /// The configured site (its name in config.json) whose crawl planned this visit: the pass of that site
    /// revisits the thread. Nil in schedules written before it was recorded.
    public var site: String?

    public init(interval: Int, due: String, retired: Bool, listingActivity: String?, site: String? = nil) {
        self.interval = interval
        self.due = due
        self.retired = retired
        self.listingActivity = listingActivity
        self.site = site
    }

    private enum CodingKeys: String, CodingKey { case interval, due, retired, listingActivity, site }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(interval, forKey: .interval)
        try c.encode(due, forKey: .due)
        try c.encode(retired, forKey: .retired)
        try c.encode(listingActivity, forKey: .listingActivity)
        try c.encode(site, forKey: .site)
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
    /// The post fields the extraction found on at least one post (see `ExtractedFields`): a field found
    /// before and missing now is how a crawl notices a forum changed its markup.
    public var fields: [String]

    public init(fetchedAt: String, status: Int, views: Int?, version: Int, pages: [PageValidators], fields: [String] = []) {
        self.fetchedAt = fetchedAt
        self.status = status
        self.views = views
        self.version = version
        self.pages = pages
        self.fields = fields
    }

    private enum CodingKeys: String, CodingKey { case fetchedAt, status, views, version, pages, fields }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fetchedAt = try c.decode(String.self, forKey: .fetchedAt)
        status = try c.decode(Int.self, forKey: .status)
        views = try c.decodeIfPresent(Int.self, forKey: .views)
        version = try c.decode(Int.self, forKey: .version)
        pages = try c.decode([PageValidators].self, forKey: .pages)
        fields = try c.decodeIfPresent([String].self, forKey: .fields) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fetchedAt, forKey: .fetchedAt)
        try c.encode(status, forKey: .status)
        try c.encode(views, forKey: .views)
        try c.encode(version, forKey: .version)
        try c.encode(pages, forKey: .pages)
        try c.encode(fields, forKey: .fields)
    }
}

/// The names of the post fields found on at least one of `posts`: `author`, `authorPostCount`,
/// `published`, `text`, `counts`, `id`.
public enum ExtractedFields {
    public static func of(_ posts: [Post]) -> [String] {
        var found: [String] = []
        if posts.contains(where: { $0.id != nil }) { found.append("id") }
        if posts.contains(where: { $0.author.name != nil }) { found.append("author") }
        if posts.contains(where: { $0.author.postCount != nil }) { found.append("authorPostCount") }
        if posts.contains(where: { $0.published.iso != nil }) { found.append("published") }
        if posts.contains(where: { !($0.text ?? "").isEmpty }) { found.append("text") }
        if posts.contains(where: { !$0.counts.isEmpty }) { found.append("counts") }
        return found
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
