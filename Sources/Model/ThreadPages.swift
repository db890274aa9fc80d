/// Merging the pages of one fetch of a thread into the posts of one snapshot.
extension Discussion {
    /// The posts of `pages` (a thread's pages in order) as one thread, with their post keys.
    ///
    /// Pages can overlap (a post shown at the foot of one page and the head of the next, or a page that
    /// shifted while it was fetched): a post whose id was already seen is dropped; a post without an id is
    /// dropped when the same fingerprint was seen on an earlier page (within one page, equal fingerprints are
    /// different posts). Thread-level fields come from the first page that has them.
    public static func merging(_ pages: [Discussion]) -> (thread: Discussion, keys: [String]) {
        var merged = pages.first ?? Discussion()
        merged.posts = []
        var seenIDs = Set<String>()
        var seenFingerprints = Set<String>()
        for page in pages {
            if merged.title == nil { merged.title = page.title }
            if merged.forum.isEmpty { merged.forum = page.forum }
            if merged.story == nil { merged.story = page.story }
            if merged.id == nil { merged.id = page.id }
            merged.counts = merged.counts.filling(from: page.counts)
            var pageFingerprints = Set<String>()
            for post in page.posts {
                if let id = post.id, !id.isEmpty {
                    guard seenIDs.insert(id).inserted else { continue }
                } else {
                    let fingerprint = PostKey.fingerprint(of: post)
                    if seenFingerprints.contains(fingerprint) { continue }
                    pageFingerprints.insert(fingerprint)
                }
                merged.posts.append(post)
            }
            seenFingerprints.formUnion(pageFingerprints)
        }
        for index in merged.posts.indices { merged.posts[index].position = index + 1 }
        return (merged, PostKey.assign(merged.posts))
    }
}
