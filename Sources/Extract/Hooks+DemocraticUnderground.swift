import Foundation
import Model

extension Hooks {
    /// `democraticUndergroundReplyTree`: Democratic Underground thread pages.
    ///
    /// A DU thread page lists every reply in tree order (the reply list: title, author, time, `#n`,
    /// indented by nesting), and on the "View all" page also shows each reply in full. The profile reads
    /// both: list rows become posts with a depth and no body, full replies become posts with a body and
    /// no depth. XPath 1.0 cannot join the two, so this step does: a reply shown both ways (the same post
    /// id) becomes one post with the full reply's fields and the list's place, depth and parent. Posts
    /// only in the list (the "original post only" page) keep their null bodies; full posts not in the
    /// list (the opening post) keep their place. Positions are numbered again.
    /// (The thread id comes from the page address, when the page shows it nowhere, by the profile's
    /// `{"url": …}` alternative.)
    static let democraticUndergroundReplyTree = "democraticUndergroundReplyTree"

    static func democraticUndergroundReplyTree(_ thread: inout Discussion, pageURL: String?) {
        thread.posts = mergingReplyList(thread.posts)
    }

    /// The posts with each reply shown both in the reply list (with a depth) and in full (without)
    /// merged into one, in page order, the list's rows standing where the list stands.
    static func mergingReplyList(_ posts: [Post]) -> [Post] {
        var full: [String: Post] = [:]
        for post in posts where post.depth == nil {
            if let id = post.id, full[id] == nil { full[id] = post }
        }
        let listed = Set(posts.compactMap { $0.depth != nil ? $0.id : nil })
        guard listed.contains(where: { full[$0] != nil }) else { return posts }
        var result: [Post] = []
        result.reserveCapacity(posts.count)
        for post in posts {
            guard let id = post.id else {
                result.append(post)
                continue
            }
            if post.depth == nil {
                // Shown in full and listed: it takes the list row's place.
                if !listed.contains(id) || full[id] != post { result.append(post) }
                continue
            }
            guard let shown = full[id] else {
                result.append(post)
                continue
            }
            result.append(merged(full: shown, row: post))
        }
        for index in result.indices {
            result[index].position = index + 1
        }
        return result
    }

    /// The full reply, placed in the tree by its reply-list row.
    private static func merged(full: Post, row: Post) -> Post {
        var post = full
        post.depth = row.depth
        post.parent = full.parent ?? row.parent
        post.title = full.title ?? row.title
        post.author.name = full.author.name ?? row.author.name
        post.author.url = full.author.url ?? row.author.url
        post.author.postCount = full.author.postCount ?? row.author.postCount
        if full.published.text == nil && full.published.iso == nil { post.published = row.published }
        post.isHidden = full.isHidden || row.isHidden
        return post
    }
}
