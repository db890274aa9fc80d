public import Archive
import Model

/// Atom feeds of new posts, built from the archive: per thread, per story, per site.
///
/// An entry is a post, identified by its thread and post key (the same id however often the feed is
/// rebuilt, and in any archive built from the same fetches). Its `updated` is the fetch time of the version
/// that first archived the post, or of the version that last edited it. A feed holds the newest
/// `Feeds.limit` entries, newest first.
public enum Feeds {
    /// The most entries a feed holds.
    public static let limit = 100

    /// The feed of one thread.
    public static func thread(
        key: ThreadKey, reader: ArchiveReader, links: FeedLinks, sanitizer: BodySanitizer = BodySanitizer()
    ) throws(ArchiveError) -> AtomFeed {
        let thread = try ThreadEntries(key: key, reader: reader, links: links, sanitizer: sanitizer)
        let entries = newest(thread.entries)
        return AtomFeed(
            id: FeedLinks.threadFeedID(key), title: thread.title ?? key.description,
            updated: entries.first?.entry.updated ?? thread.lastChanged, selfLink: links.threadFeed(key),
            alternateLink: links.thread(key), entries: entries.map(\.entry))
    }

    /// The feed of every thread of the story whose canonical link is `canonical`; `id` is the story's name in
    /// the reader's paths (`/stories/ID`).
    public static func story(
        canonical: String, id: String, reader: ArchiveReader, links: FeedLinks, sanitizer: BodySanitizer = BodySanitizer()
    ) throws(ArchiveError) -> AtomFeed {
        guard let story = reader.storyIndex().story(canonical) else {
            throw ArchiveError("story \(canonical): not in the archive (see 'threadkeeper stories')")
        }
        let threads = story.threads.compactMap { thread -> (ThreadKey, String)? in
            guard let slash = thread.key.firstIndex(of: "/") else { return nil }
            let key = ThreadKey(host: String(thread.key[..<slash]), id: String(thread.key[thread.key.index(after: slash)...]))
            return (key, thread.lastActivity)
        }
        let entries = try collect(threads, reader: reader, links: links, sanitizer: sanitizer)
        return AtomFeed(
            id: FeedLinks.storyFeedID(canonical: canonical), title: "New posts on \(canonical)",
            updated: entries.first?.entry.updated ?? story.lastActivity, selfLink: links.storyFeed(id: id),
            alternateLink: links.story(id: id), entries: entries.map(\.entry))
    }

    /// The feed of every archived thread on `host` (without `www.`, as thread keys have it).
    public static func site(
        host: String, reader: ArchiveReader, links: FeedLinks, sanitizer: BodySanitizer = BodySanitizer()
    ) throws(ArchiveError) -> AtomFeed {
        let bare = ThreadKey(host: host, id: "").host
        let states = reader.states().states.filter { $0.host.utf8.elementsEqual(bare.utf8) }
        guard !states.isEmpty else { throw ArchiveError("site \(host): no threads in \(reader.root)") }
        let entries = try collect(
            states.map { ($0.threadKey, $0.lastChanged) }, reader: reader, links: links, sanitizer: sanitizer)
        return AtomFeed(
            id: FeedLinks.siteFeedID(host: bare), title: "New posts on \(bare)",
            updated: entries.first?.entry.updated ?? states.map(\.lastChanged).max() ?? "",
            selfLink: links.siteFeed(host: bare), alternateLink: links.site(host: bare), entries: entries.map(\.entry))
    }

    /// The newest entries of `threads` (each with its last change): threads are read newest first, and reading
    /// stops once the feed is full of entries newer than any the next thread can have.
    private static func collect(
        _ threads: [(ThreadKey, String)], reader: ArchiveReader, links: FeedLinks, sanitizer: BodySanitizer
    ) throws(ArchiveError) -> [SortableEntry] {
        var entries: [SortableEntry] = []
        for (key, lastChanged) in threads.sorted(by: { ($0.1, $0.0) > ($1.1, $1.0) }) {
            if entries.count >= limit, let oldest = entries.last, oldest.entry.updated > lastChanged { break }
            let more = try ThreadEntries(key: key, reader: reader, links: links, sanitizer: sanitizer).entries
            entries = newest(entries + more)
        }
        return entries
    }

    /// The newest `limit` of `entries`, newest first.
    private static func newest(_ entries: [SortableEntry]) -> [SortableEntry] {
        Array(entries.sorted { $0.isNewer(than: $1) }.prefix(limit))
    }
}

/// An entry with what orders it: when it changed, then its thread, then its place in the thread.
struct SortableEntry {
    var entry: AtomEntry
    var thread: ThreadKey
    var position: Int

    func isNewer(than other: SortableEntry) -> Bool {
        if entry.updated != other.entry.updated { return entry.updated > other.entry.updated }
        if thread != other.thread { return other.thread < thread }
        return position > other.position
    }
}
