/// What opening, catching up or rebuilding the index did.
public struct IndexReport: Sendable, Hashable {
    /// The index file.
    public var file: String
    /// Whether the index was built from scratch (asked for, or missing, corrupt or of another schema version).
    public var rebuilt: Bool
    /// Why it was built from scratch, when it was (`missing`, `corrupt: …`, `schema version 0, not 1`, `asked`).
    public var reason: String?
    /// Threads in the index afterwards.
    public var threads: Int
    /// Posts and comments in the index afterwards.
    public var posts: Int
    /// Threads (re)indexed because the archive had a version the index did not.
    public var reindexed: Int
    /// Threads dropped because the archive no longer has them (or they could not be read).
    public var dropped: Int
    /// Threads the archive could not give, one line each (they are left out of the index).
    public var problems: [String]
    /// How long it took.
    public var duration: Duration

    public init(
        file: String, rebuilt: Bool, reason: String? = nil, threads: Int = 0, posts: Int = 0, reindexed: Int = 0,
        dropped: Int = 0, problems: [String] = [], duration: Duration = .zero
    ) {
        self.file = file
        self.rebuilt = rebuilt
        self.reason = reason
        self.threads = threads
        self.posts = posts
        self.reindexed = reindexed
        self.dropped = dropped
        self.problems = problems
        self.duration = duration
    }
}
