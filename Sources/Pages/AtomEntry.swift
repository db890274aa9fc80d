/// One entry of an Atom feed: a post.
public struct AtomEntry: Sendable, Hashable {
    /// The entry's permanent id, an IRI (`urn:threadkeeper:post:…`).
    public var id: String
    public var title: String
    /// When the entry last changed, RFC 3339 (`2025-06-16T15:17:00Z`).
    public var updated: String
    /// When the post was published, RFC 3339, if known.
    public var published: String?
    public var authorName: String
    /// The author's profile page, if known.
    public var authorURI: String?
    /// The post on its thread page.
    public var link: String
    /// The body as HTML, already sanitised: written escaped as `<content type="html">`.
    public var contentHTML: String

    public init(
        id: String, title: String, updated: String, published: String? = nil, authorName: String,
        authorURI: String? = nil, link: String, contentHTML: String
    ) {
        self.id = id
        self.title = title
        self.updated = updated
        self.published = published
        self.authorName = authorName
        self.authorURI = authorURI
        self.link = link
        self.contentHTML = contentHTML
    }

    /// The entry as an `<entry>` element, indented two spaces.
    func xml() -> String {
        var lines = [
            "  <entry>",
            "    <id>\(XMLText.escaped(id))</id>",
            "    <title type=\"text\">\(XMLText.escaped(title))</title>",
            "    <updated>\(XMLText.escaped(updated))</updated>",
        ]
        if let published { lines.append("    <published>\(XMLText.escaped(published))</published>") }
        var author = "    <author><name>\(XMLText.escaped(authorName))</name>"
        if let authorURI { author += "<uri>\(XMLText.escaped(authorURI))</uri>" }
        lines.append(author + "</author>")
        lines.append("    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escaped(link))\"/>")
        lines.append("    <content type=\"html\">\(XMLText.escaped(contentHTML))</content>")
        lines.append("  </entry>")
        return lines.joined(separator: "\n")
    }
}
