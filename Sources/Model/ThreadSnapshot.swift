/// A thread as the archive keeps it: every page of one fetch merged into one thread, each post with its
/// post key, and where it all came from. Version `version` of a thread is exactly one snapshot; its hash is
/// SHA-256 over its canonical JSON (with `hash` left out).
public struct ThreadSnapshot: Sendable, Hashable, Codable {
    /// The layout of this JSON; raised when a field changes meaning.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The thread's archive key: `host/id` (host without `www.`, the id as the forum gives it).
    public var key: String
    /// The version number this snapshot is (1-based).
    public var version: Int
    /// The host of the thread's URL without `www.` (`democraticunderground.com`). Versions stored before
    /// that rule hold the config's site name (`du`); a change of `site` alone is no new version.
    public var site: String?
    /// The thread's address.
    public var url: String?
    /// The thread title.
    public var title: String?
    /// Breadcrumbs, from the top down.
    public var forum: [String]
    /// The news story the thread links.
    public var story: Story?
    /// Thread-level counts as of this version's fetch.
    public var counts: Counts
    /// Every post ever seen in the thread, in thread order; a post that disappeared stays with `removedIn`.
    public var posts: [ArchivedPost]
    /// Where this version came from.
    public var provenance: Provenance
    /// `sha256:` and the hex digest of the canonical JSON of this snapshot without `hash`; nil while computing it.
    public var hash: String?

    public init(
        key: String, version: Int, site: String? = nil, url: String? = nil, title: String? = nil,
        forum: [String] = [], story: Story? = nil, counts: Counts = Counts(), posts: [ArchivedPost] = [],
        provenance: Provenance, hash: String? = nil, schemaVersion: Int = ThreadSnapshot.currentSchemaVersion
    ) {
        self.schemaVersion = schemaVersion
        self.key = key
        self.version = version
        self.site = site
        self.url = url
        self.title = title
        self.forum = forum
        self.story = story
        self.counts = counts
        self.posts = posts
        self.provenance = provenance
        self.hash = hash
    }

    /// The posts the page still shows (not removed).
    public var livePosts: [ArchivedPost] { posts.filter { $0.removedIn == nil } }

    /// The thread-level fields a version records in full.
    public var metadata: ThreadMetadata {
        get { ThreadMetadata(site: site, url: url, title: title, forum: forum, story: story, counts: counts) }
        set {
            site = newValue.site
            url = newValue.url
            title = newValue.title
            forum = newValue.forum
            story = newValue.story
            counts = newValue.counts
        }
    }

    /// Numbers the posts 1, 2, 3… in thread order (removed posts keep their place and their number).
    public mutating func renumber() {
        for index in posts.indices { posts[index].post.position = index + 1 }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case schemaVersion, key, version, site, url, title, forum, story, counts, posts, provenance, hash
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        key = try c.decode(String.self, forKey: .key)
        version = try c.decode(Int.self, forKey: .version)
        site = try c.decodeIfPresent(String.self, forKey: .site)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        forum = try c.decode([String].self, forKey: .forum)
        story = try c.decodeIfPresent(Story.self, forKey: .story)
        counts = try c.decode(Counts.self, forKey: .counts)
        posts = try c.decode([ArchivedPost].self, forKey: .posts)
        provenance = try c.decode(Provenance.self, forKey: .provenance)
        hash = try c.decodeIfPresent(String.self, forKey: .hash)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(key, forKey: .key)
        try c.encode(version, forKey: .version)
        try c.encode(site, forKey: .site)
        try c.encode(url, forKey: .url)
        try c.encode(title, forKey: .title)
        try c.encode(forum, forKey: .forum)
        try c.encode(story, forKey: .story)
        try c.encode(counts, forKey: .counts)
        try c.encode(posts, forKey: .posts)
        try c.encode(provenance, forKey: .provenance)
        try c.encodeIfPresent(hash, forKey: .hash)
    }
}

/// The thread-level fields of a snapshot, stored whole in every version (they are small).
public struct ThreadMetadata: Sendable, Hashable, Codable {
    public var site: String?
    public var url: String?
    public var title: String?
    public var forum: [String]
    public var story: Story?
    public var counts: Counts

    public init(
        site: String? = nil, url: String? = nil, title: String? = nil, forum: [String] = [], story: Story? = nil,
        counts: Counts = Counts()
    ) {
        self.site = site
        self.url = url
        self.title = title
        self.forum = forum
        self.story = story
        self.counts = counts
    }

    private enum CodingKeys: String, CodingKey { case site, url, title, forum, story, counts }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(site, forKey: .site)
        try c.encode(url, forKey: .url)
        try c.encode(title, forKey: .title)
        try c.encode(forum, forKey: .forum)
        try c.encode(story, forKey: .story)
        try c.encode(counts, forKey: .counts)
    }
}

/// A post in the archive: the post as extracted, its post key, and the version it disappeared in.
public struct ArchivedPost: Sendable, Hashable, Codable {
    /// Identifies the post across versions (see `PostKey`).
    public var key: String
    /// The version whose fetch no longer showed this post; nil while the thread shows it.
    public var removedIn: Int?
    /// The post as last seen.
    public var post: Post

    public init(key: String, removedIn: Int? = nil, post: Post) {
        self.key = key
        self.removedIn = removedIn
        self.post = post
    }

    private enum CodingKeys: String, CodingKey { case key, removedIn }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        removedIn = try c.decodeIfPresent(Int.self, forKey: .removedIn)
        post = try Post(from: decoder)
    }

    /// The post's fields and `key`, `removedIn` in one object.
    public func encode(to encoder: any Encoder) throws {
        try post.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(removedIn, forKey: .removedIn)
    }
}

/// Where a version came from: when, by what, from which responses.
public struct Provenance: Sendable, Hashable, Codable {
    /// When the first page was fetched (UTC ISO 8601).
    public var fetchedAt: String
    /// The program that extracted it (`threadkeeper 0.1.0`).
    public var tool: String
    /// The profile that extracted it.
    public var profile: String?
    /// Every page of the thread, in order.
    public var pages: [PageCapture]

    public init(fetchedAt: String, tool: String, profile: String?, pages: [PageCapture]) {
        self.fetchedAt = fetchedAt
        self.tool = tool
        self.profile = profile
        self.pages = pages
    }

    private enum CodingKeys: String, CodingKey { case fetchedAt, tool, profile, pages }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fetchedAt, forKey: .fetchedAt)
        try c.encode(tool, forKey: .tool)
        try c.encode(profile, forKey: .profile)
        try c.encode(pages, forKey: .pages)
    }
}

/// One response that went into a version, and where its raw bytes are kept.
public struct PageCapture: Sendable, Hashable, Codable {
    public var url: String
    public var status: Int
    public var fetchedAt: String
    public var etag: String?
    public var lastModified: String?
    /// `sha256:` and the hex digest of the body as received (after content decoding).
    public var bodyDigest: String?
    /// The WARC record holding the body (a `response` record, perhaps written by an earlier version).
    public var warc: WARCLocation?

    public init(
        url: String, status: Int, fetchedAt: String, etag: String? = nil, lastModified: String? = nil,
        bodyDigest: String? = nil, warc: WARCLocation? = nil
    ) {
        self.url = url
        self.status = status
        self.fetchedAt = fetchedAt
        self.etag = etag
        self.lastModified = lastModified
        self.bodyDigest = bodyDigest
        self.warc = warc
    }

    private enum CodingKeys: String, CodingKey { case url, status, fetchedAt, etag, lastModified, bodyDigest, warc }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(status, forKey: .status)
        try c.encode(fetchedAt, forKey: .fetchedAt)
        try c.encode(etag, forKey: .etag)
        try c.encode(lastModified, forKey: .lastModified)
        try c.encode(bodyDigest, forKey: .bodyDigest)
        try c.encode(warc, forKey: .warc)
    }
}

/// A WARC record: the file (a name under the archive's `warc/`), the byte offset of its gzip member,
/// its compressed length, and its `WARC-Record-ID`.
public struct WARCLocation: Sendable, Hashable, Codable {
    public var file: String
    public var offset: Int
    public var length: Int
    public var recordID: String

    public init(file: String, offset: Int, length: Int, recordID: String) {
        self.file = file
        self.offset = offset
        self.length = length
        self.recordID = recordID
    }
}
