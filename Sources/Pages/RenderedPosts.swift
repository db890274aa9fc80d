import Model
import Locking

/// Posts already rendered, kept so a thread read again (another page of the reader, another version that
/// shares most of its posts) is joined from them instead of sanitised and rendered anew: a post's HTML
/// depends only on the post, the page's address its links resolve against, and the page options, which a
/// `ReaderPages` holds fixed.
///
/// Bounded by `budget` bytes: when the newer of two generations fills up, the older one is dropped and the
/// newer becomes the older; a post found in the older generation moves to the newer one. So what is used
/// stays and what is not goes, without a list to keep in order.
package final class RenderedPosts: Sendable {
    package struct Key: Hashable, Sendable {
        var post: ArchivedPost
        var baseURL: String?
    }

    private struct Generations {
        var newer: [Key: String] = [:]
        var older: [Key: String] = [:]
        var newerBytes = 0
    }

    package let budget: Int
    private let generations = Locked(Generations())

    /// A cache of at most about `budget` bytes (HTML and the posts it was made from); 64 MiB unless told.
    package init(budget: Int = 64 << 20) {
        self.budget = max(0, budget)
    }

    /// The HTML of `post` on a page at `baseURL`, made by `render` when it is not kept.
    func html(_ post: ArchivedPost, baseURL: String?, render: () -> String) -> String {
        let key = Key(post: post, baseURL: baseURL)
        let kept: String? = generations.withLock { state in
            if let html = state.newer[key] { return html }
            guard let html = state.older.removeValue(forKey: key) else { return nil }
            Self.insert(html, for: key, into: &state, budget: budget)
            return html
        }
        if let kept { return kept }
        let html = render()
        generations.withLock { Self.insert(html, for: key, into: &$0, budget: budget) }
        return html
    }

    /// How many posts are kept (for tests).
    package var count: Int { generations.withLock { $0.newer.count + $0.older.count } }

    private static func insert(_ html: String, for key: Key, into state: inout Generations, budget: Int) {
        let bytes = html.utf8.count + (key.post.post.html?.utf8.count ?? 0) + (key.post.post.text?.utf8.count ?? 0) + 256
        guard bytes <= budget / 2 else { return }
        if state.newerBytes + bytes > budget / 2 {
            state.older = state.newer
            state.newer = [:]
            state.newerBytes = 0
        }
        if state.newer.updateValue(html, forKey: key) == nil { state.newerBytes += bytes }
    }
}
