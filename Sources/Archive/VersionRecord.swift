public import Model

/// One line of a thread's `versions.jsonl`: what version `version` changed against the one before it.
///
/// Version 1 lists every post as added. Replaying the lines in order rebuilds every snapshot exactly; `hash`
/// is the SHA-256 of the rebuilt snapshot's canonical JSON, so replay checks itself.
public struct VersionRecord: Sendable, Hashable, Codable {
    /// The thread's key, `host/id`: the history alone says which thread it is.
    public var key: String
    public var version: Int
    /// `sha256:` and the hex digest of the canonical snapshot of this version.
    public var hash: String
    public var provenance: Provenance
    /// The thread-level fields, whole.
    public var thread: ThreadMetadata
    /// Posts new in this version, in thread order.
    public var added: [ArchivedPost]
    /// Posts whose content changed, or that came back after being removed, as they now are.
    public var edited: [ArchivedPost]
    /// Keys of posts the thread no longer shows.
    public var removed: [String]
    /// The full order of post keys, present only when it is not the previous order with `added` appended.
    public var order: [String]?
    /// Counts of this change, for listing history without replaying it.
    public var summary: ChangeSummary

    public init(
        key: String, version: Int, hash: String, provenance: Provenance, thread: ThreadMetadata, added: [ArchivedPost],
        edited: [ArchivedPost], removed: [String], order: [String]?, summary: ChangeSummary
    ) {
        self.key = key
        self.version = version
        self.hash = hash
        self.provenance = provenance
        self.thread = thread
        self.added = added
        self.edited = edited
        self.removed = removed
        self.order = order
        self.summary = summary
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case key, version, hash, provenance, thread, added, edited, removed, order, summary
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        version = try c.decode(Int.self, forKey: .version)
        hash = try c.decode(String.self, forKey: .hash)
        provenance = try c.decode(Provenance.self, forKey: .provenance)
        thread = try c.decode(ThreadMetadata.self, forKey: .thread)
        added = try c.decode([ArchivedPost].self, forKey: .added)
        edited = try c.decode([ArchivedPost].self, forKey: .edited)
        removed = try c.decode([String].self, forKey: .removed)
        order = try c.decodeIfPresent([String].self, forKey: .order)
        summary = try c.decode(ChangeSummary.self, forKey: .summary)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(version, forKey: .version)
        try c.encode(hash, forKey: .hash)
        try c.encode(provenance, forKey: .provenance)
        try c.encode(thread, forKey: .thread)
        try c.encode(added, forKey: .added)
        try c.encode(edited, forKey: .edited)
        try c.encode(removed, forKey: .removed)
        try c.encodeIfPresent(order, forKey: .order)
        try c.encode(summary, forKey: .summary)
    }
}

/// How much one version changed: posts added, edited, removed, the posts shown after it, and the names of
/// the thread-level fields that changed (`title`, `story`, `forum`, `replies`, `recommendations`, `score`).
public struct ChangeSummary: Sendable, Hashable, Codable {
    public var added: Int
    public var edited: Int
    public var removed: Int
    /// Posts the thread shows after this version (removed ones not counted).
    public var posts: Int
    public var changedFields: [String]

    public init(added: Int, edited: Int, removed: Int, posts: Int, changedFields: [String]) {
        self.added = added
        self.edited = edited
        self.removed = removed
        self.posts = posts
        self.changedFields = changedFields
    }
}
