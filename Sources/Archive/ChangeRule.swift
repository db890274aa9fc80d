public import Model

/// What counts as a change of a discussion (a new version) and what is only a new observation.
///
/// A change: a post added, removed or edited (text, html, title, author name or link, parent, depth, hidden,
/// an exact time, links, its recommendations, score or replies, its comments), or the thread's title, story
/// (compared by its canonical link), forum path, or counts other than views.
/// Not a change: times read from relative text ("17 hrs ago" drifts to "18 hrs ago") and their text, view
/// counters, the author's total post count (it grows with posts elsewhere), a post's position, session ids in
/// the body's links, the thread URL, and `site` (older versions hold the config's site name where newer ones
/// hold the host: a re-crawl must not make a version of that). Those stay as first stored until something
/// else changes.
public enum ChangeRule {
    /// `post` with everything that is not a change blanked out: two posts are the same when these are equal.
    public static func comparable(_ post: Post) -> Post {
        var post = post
        post.position = 0
        post.author.postCount = nil
        if post.published.isApproximate { post.published = .none }
        if post.edited.isApproximate { post.edited = .none }
        post.counts.views = nil
        post.html = post.html.map(SessionIDs.removed(from:))
        post.comments = post.comments.map(comparable)
        return post
    }

    /// The names of the thread-level fields that differ between `old` and `new`.
    public static func changedFields(_ old: ThreadMetadata, _ new: ThreadMetadata) -> [String] {
        var names: [String] = []
        if old.title != new.title { names.append("title") }
        if old.forum != new.forum { names.append("forum") }
        if old.story?.canonical != new.story?.canonical { names.append("story") }
        for name in ["replies", "recommendations", "score"] where old.counts[name] != new.counts[name] {
            names.append(name)
        }
        return names
    }

    /// The change from `previous` (nil for a thread seen the first time) to the posts and fields of a new
    /// fetch, as the version record that would store it (hash and provenance left for the caller), or nil
    /// when nothing changed.
    static func delta(
        from previous: ThreadSnapshot?, to thread: ThreadMetadata, posts: [Post], keys: [String], version: Int
    ) -> (record: VersionDraft, snapshot: [ArchivedPost])? {
        let oldPosts = previous?.posts ?? []
        var oldByKey: [String: ArchivedPost] = [:]
        oldByKey.reserveCapacity(oldPosts.count)
        for post in oldPosts { oldByKey[post.key] = post }

        var added: [ArchivedPost] = []
        var edited: [ArchivedPost] = []
        var current: [String: ArchivedPost] = [:]
        current.reserveCapacity(posts.count)
        for (post, key) in zip(posts, keys) {
            if let old = oldByKey[key] {
                if old.removedIn == nil, comparable(old.post) == comparable(post) {
                    current[key] = old
                } else {
                    let changed = ArchivedPost(key: key, post: post)
                    edited.append(changed)
                    current[key] = changed
                }
            } else {
                let new = ArchivedPost(key: key, post: post)
                added.append(new)
                current[key] = new
            }
        }
        var removed: [String] = []
        for old in oldPosts where current[old.key] == nil {
            if old.removedIn == nil {
                removed.append(old.key)
                var gone = old
                gone.removedIn = version
                current[old.key] = gone
            } else {
                current[old.key] = old  // removed before: stays, marked, in its place
            }
        }

        // The order of the new fetch, removed posts kept after the post that preceded them before.
        var order: [String] = []
        order.reserveCapacity(current.count)
        var followers: [String: [String]] = [:]
        var leading: [String] = []
        var predecessor: String?
        for old in oldPosts {
            if current[old.key]?.removedIn != nil {
                if let predecessor { followers[predecessor, default: []].append(old.key) } else { leading.append(old.key) }
            }
            predecessor = old.key
        }
        func place(_ key: String) {
            order.append(key)
            for follower in followers[key] ?? [] { place(follower) }
        }
        for key in leading { place(key) }
        for key in keys { place(key) }
        let defaultOrder = oldPosts.map(\.key) + added.map(\.key)

        let oldThread = previous?.metadata
        let fields = oldThread.map { changedFields($0, thread) } ?? []
        let metadataChanged = oldThread == nil || !fields.isEmpty
        if previous != nil, added.isEmpty, edited.isEmpty, removed.isEmpty, order == defaultOrder, !metadataChanged {
            return nil
        }
        var snapshotPosts = order.compactMap { current[$0] }
        for index in snapshotPosts.indices { snapshotPosts[index].post.position = index + 1 }
        let draft = VersionDraft(
            thread: thread, added: added, edited: edited, removed: removed,
            order: order == defaultOrder ? nil : order,
            summary: ChangeSummary(
                added: added.count, edited: edited.count, removed: removed.count,
                posts: snapshotPosts.count { $0.removedIn == nil }, changedFields: fields))
        return (draft, snapshotPosts)
    }
}

/// A version record before its hash and provenance are known.
struct VersionDraft {
    var thread: ThreadMetadata
    var added: [ArchivedPost]
    var edited: [ArchivedPost]
    var removed: [String]
    var order: [String]?
    var summary: ChangeSummary
}
