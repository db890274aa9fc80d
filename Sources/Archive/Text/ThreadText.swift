public import Foundation
public import Model

/// A thread as text for a terminal: title, forum path, story link, then each post with its author, post
/// count, local time and wrapped text, replies indented by depth. Remote text is escaped (`TerminalText`).
public struct ThreadText: Sendable {
    public var width: Int
    public var timeZone: TimeZone
    public var palette: Palette

    public init(width: Int = 80, timeZone: TimeZone = .current, palette: Palette = Palette(enabled: false)) {
        self.width = width
        self.timeZone = timeZone
        self.palette = palette
    }

    public func render(_ snapshot: ThreadSnapshot) -> String {
        var out: [String] = []
        out.append(palette.bold(safe(snapshot.title ?? "(untitled)")))
        if !snapshot.forum.isEmpty { out.append(safe(snapshot.forum.joined(separator: " › "))) }
        if let url = snapshot.url { out.append("thread: \(safe(url))") }
        if let story = snapshot.story { out.append("story:  \(safe(story.url))") }
        let counts = countsText(snapshot.counts)
        out.append(
            "\(snapshot.key) · version \(snapshot.version) · fetched \(local(snapshot.provenance.fetchedAt))"
                + " · \(snapshot.livePosts.count) posts" + (counts.isEmpty ? "" : " · \(counts)"))
        for archived in snapshot.posts {
            let post = archived.post
            let indent = String(repeating: "  ", count: min(post.depth ?? 0, 12))
            out.append("")
            var head = "#\(post.position) " + palette.cyan(safe(post.author.name ?? "(unknown)"))
            if let count = post.author.postCount { head += " (\(count) posts)" }
            if let time = post.published.iso { head += " · " + local(time) } else if let text = post.published.text {
                head += " · " + safe(text)
            }
            let postCounts = countsText(post.counts)
            if !postCounts.isEmpty { head += " · " + postCounts }
            if let removed = archived.removedIn { head += " · " + palette.red("removed in version \(removed)") }
            if post.isHidden { head += " · " + palette.yellow("hidden") }
            out.append(indent + head)
            if let title = post.title, !title.isEmpty { out.append(indent + palette.bold(safe(title))) }
            out.append(TerminalText.wrapped(safe(post.text ?? ""), width: width, indent: indent + "  "))
            for comment in post.comments {
                let who = safe(comment.author.name ?? "(unknown)")
                out.append(TerminalText.wrapped("↳ \(who): " + safe(comment.text ?? ""), width: width, indent: indent + "    "))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func safe(_ text: String) -> String { TerminalText.escaped(text) }

    /// `2025-06-16 11:17 EDT` in the reader's time zone, from UTC ISO 8601.
    func local(_ iso: String) -> String {
        guard let date = ISOTime.date(iso) else { return TerminalText.escaped(iso) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: date)
    }

    /// `5 replies, 1 recommendation, score 12, 300 views`.
    private func countsText(_ counts: Counts) -> String {
        let singular = ["replies": "reply", "views": "view", "recommendations": "recommendation"]
        return Counts.names.compactMap { name in
            counts[name].map { count in
                name == "score" ? "score \(count)" : "\(count) \(count == 1 ? singular[name] ?? name : name)"
            }
        }.joined(separator: ", ")
    }
}
