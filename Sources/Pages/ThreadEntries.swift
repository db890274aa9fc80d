import Archive
import Model

/// The feed entries of one thread, from its history: each post as last archived, `updated` when the version
/// that added it (or last edited it) was fetched.
struct ThreadEntries {
    var entries: [SortableEntry] = []
    /// The thread's title as of its latest version.
    var title: String?
    /// The fetch time of its latest version.
    var lastChanged = ""

    init(key: ThreadKey, reader: ArchiveReader, links: FeedLinks, sanitizer: BodySanitizer) throws(ArchiveError) {
        let history = try reader.history(of: key)
        var latest: [String: ArchivedPost] = [:]
        var order: [String] = []
        var updated: [String: String] = [:]
        var metadata = ThreadMetadata()
        for record in history.records {
            let time = record.provenance.fetchedAt
            for post in record.added {
                if latest[post.key] == nil { order.append(post.key) }
                latest[post.key] = post
                updated[post.key] = time
            }
            for post in record.edited {
                if latest[post.key] == nil { order.append(post.key) }
                latest[post.key] = post
                updated[post.key] = time
            }
            metadata = record.thread
            lastChanged = time
        }
        title = metadata.title
        let threadTitle = metadata.title ?? key.description
        for (index, postKey) in order.enumerated() {
            guard let archived = latest[postKey], let time = updated[postKey] else { continue }
            let post = archived.post
            let author = post.author.name.flatMap { $0.isEmpty ? nil : $0 }
            let title = post.title.flatMap { $0.isEmpty ? nil : $0 } ?? "\(author ?? "Someone") in \(threadTitle)"
            let entry = AtomEntry(
                id: FeedLinks.entryID(postKey: postKey, in: key), title: title, updated: time,
                published: post.published.iso.flatMap(Self.rfc3339), authorName: author ?? "unknown",
                authorURI: post.author.url.flatMap { SafeURL.resolve($0, base: metadata.url) },
                link: links.post(postKey, in: key),
                contentHTML: post.html.map { sanitizer.sanitize($0, baseURL: metadata.url) } ?? "")
            entries.append(SortableEntry(entry: entry, thread: key, position: index))
        }
    }

    /// `text` if it is an RFC 3339 date-time (`2025-06-16T15:17:00Z`, `…T15:17:00.5+02:00`).
    static func rfc3339(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= bytes.count && bytes[range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        guard bytes.count >= 20, digits(0..<4), bytes[4] == 0x2D, digits(5..<7), bytes[7] == 0x2D, digits(8..<10),
            bytes[10] == 0x54, digits(11..<13), bytes[13] == 0x3A, digits(14..<16), bytes[16] == 0x3A, digits(17..<19)
        else { return nil }
        var index = 19
        if bytes[index] == 0x2E {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        if bytes[index] == 0x5A { return index == bytes.count - 1 ? text : nil }
        guard bytes[index] == 0x2B || bytes[index] == 0x2D, bytes.count == index + 6, digits(index + 1..<index + 3),
            bytes[index + 3] == 0x3A, digits(index + 4..<index + 6)
        else { return nil }
        return text
    }
}
