/// An Atom feed (RFC 4287) of posts, written as an XML document.
public struct AtomFeed: Sendable, Hashable {
    /// The feed's permanent id, an IRI (`urn:threadkeeper:thread:…`).
    public var id: String
    public var title: String
    /// When the feed last changed, RFC 3339: its newest entry's `updated`.
    public var updated: String
    /// Where the feed itself is served (absolute).
    public var selfLink: String
    /// The page the feed is of (absolute).
    public var alternateLink: String
    /// The entries, newest first.
    public var entries: [AtomEntry]

    /// The media type to serve a feed with.
    public static let mediaType = "application/atom+xml; charset=utf-8"

    public init(id: String, title: String, updated: String, selfLink: String, alternateLink: String, entries: [AtomEntry]) {
        self.id = id
        self.title = title
        self.updated = updated
        self.selfLink = selfLink
        self.alternateLink = alternateLink
        self.entries = entries
    }

    /// The feed as a UTF-8 XML document; every text escaped, characters XML forbids removed.
    public var xml: String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            "  <id>\(XMLText.escaped(id))</id>",
            "  <title type=\"text\">\(XMLText.escaped(title))</title>",
            "  <updated>\(XMLText.escaped(updated))</updated>",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLText.escaped(selfLink))\"/>",
            "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escaped(alternateLink))\"/>",
            "  <generator>Threadkeeper</generator>",
        ]
        lines += entries.map { $0.xml() }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }
}
