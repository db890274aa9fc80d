/// How a post is known across versions of its thread.
///
/// - The forum's own post id where the page shows one: `id:20384040`.
/// - Otherwise a fingerprint that does not depend on where the post sits: `fp:` and 16 hex digits of a hash
///   over the author's name, the time as shown (left out when it is relative, like "17 hrs ago", which drifts
///   between fetches) and the post's text with runs of whitespace made one space. Posts with the same
///   fingerprint in one fetch (the same person posting the same words at the same shown time) are told apart
///   by their order: the second is `fp:…#2`.
///
/// The fingerprint hash is FNV-1a, 64-bit, over the UTF-8 of the three parts joined by U+001F: a label, not
/// a security measure, fixed here so keys stay the same on every machine and release.
public enum PostKey {
    /// The key of `post`, before telling apart repeats (see `assign(_:)`).
    public static func base(of post: Post) -> String {
        if let id = post.id, !id.isEmpty { return "id:" + id }
        return "fp:" + fingerprint(of: post)
    }

    /// The position-independent fingerprint of a post without an id.
    public static func fingerprint(of post: Post) -> String {
        let shown = post.published.isApproximate ? "" : (post.published.text ?? post.published.iso ?? "")
        let parts = [post.author.name ?? "", shown, normalizedText(post.text ?? "")]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 { hash = (hash ^ 0x1F) &* 0x100_0000_01b3 }
            for byte in part.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Keys for the posts of one fetch, in order: repeats of a key get `#2`, `#3`…
    public static func assign(_ posts: [Post]) -> [String] {
        var seen: [String: Int] = [:]
        return posts.map { post in
            let base = base(of: post)
            let count = (seen[base] ?? 0) + 1
            seen[base] = count
            return count == 1 ? base : "\(base)#\(count)"
        }
    }

    /// Whitespace runs (spaces, tabs, newlines, no-break spaces) as one space, trimmed.
    static func normalizedText(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
