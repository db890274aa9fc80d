/// One post of a thread: the opening post, a reply, or (nested in `comments`) a comment on a post.
public struct Post: Sendable, Hashable, Codable {
    /// The forum's own id for the post, when the page shows one.
    public var id: String?
    /// The id of the post this one answers; `nil` for the opening post and for flat forums.
    public var parent: String?
    /// 1-based position in the thread as extracted (page order).
    public var position: Int
    /// Nesting depth for threaded forums (0 = top level); `nil` for flat forums.
    public var depth: Int?
    /// The post's own title, on forums that give replies titles.
    public var title: String?
    /// Who wrote it.
    public var author: Author
    /// When it was published.
    public var published: Timestamp
    /// When it was last edited, where the page says.
    public var edited: Timestamp
    /// The body's inner HTML as served.
    public var html: String?
    /// The body's text, whitespace-normalised paragraph by paragraph.
    public var text: String?
    /// Absolute URLs of the links in the body, in order, without duplicates.
    public var links: [String]
    /// Counts shown on the post.
    public var counts: Counts
    /// Whether the forum hid or deleted this post (its body may be `nil`).
    public var isHidden: Bool
    /// Comments attached to this post (Stack Exchange); replies proper are posts of their own.
    public var comments: [Post]

    public init(
        id: String? = nil, parent: String? = nil, position: Int, depth: Int? = nil, title: String? = nil,
        author: Author = Author(), published: Timestamp = .none, edited: Timestamp = .none,
        html: String? = nil, text: String? = nil, links: [String] = [], counts: Counts = Counts(),
        isHidden: Bool = false, comments: [Post] = []
    ) {
        self.id = id
        self.parent = parent
        self.position = position
        self.depth = depth
        self.title = title
        self.author = author
        self.published = published
        self.edited = edited
        self.html = html
        self.text = text
        self.links = links
        self.counts = counts
        self.isHidden = isHidden
        self.comments = comments
    }

    private enum CodingKeys: String, CodingKey {
        case id, parent, position, depth, title, author, published, publishedText, publishedApproximate
        case edited, editedText, html, text, links, counts, hidden, comments
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        position = try c.decode(Int.self, forKey: .position)
        depth = try c.decodeIfPresent(Int.self, forKey: .depth)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        author = try c.decodeIfPresent(Author.self, forKey: .author) ?? Author()
        published = Timestamp(
            iso: try c.decodeIfPresent(String.self, forKey: .published),
            text: try c.decodeIfPresent(String.self, forKey: .publishedText),
            isApproximate: try c.decodeIfPresent(Bool.self, forKey: .publishedApproximate) ?? false
        )
        edited = Timestamp(
            iso: try c.decodeIfPresent(String.self, forKey: .edited),
            text: try c.decodeIfPresent(String.self, forKey: .editedText)
        )
        html = try c.decodeIfPresent(String.self, forKey: .html)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        links = try c.decodeIfPresent([String].self, forKey: .links) ?? []
        counts = try c.decodeIfPresent(Counts.self, forKey: .counts) ?? Counts()
        isHidden = try c.decodeIfPresent(Bool.self, forKey: .hidden) ?? false
        comments = try c.decodeIfPresent([Post].self, forKey: .comments) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(parent, forKey: .parent)
        try c.encode(position, forKey: .position)
        try c.encode(depth, forKey: .depth)
        try c.encode(title, forKey: .title)
        try c.encode(author, forKey: .author)
        try c.encode(published.iso, forKey: .published)
        try c.encode(published.text, forKey: .publishedText)
        try c.encode(published.isApproximate, forKey: .publishedApproximate)
        try c.encode(edited.iso, forKey: .edited)
        try c.encode(edited.text, forKey: .editedText)
        try c.encode(html, forKey: .html)
        try c.encode(text, forKey: .text)
        try c.encode(links, forKey: .links)
        try c.encode(counts, forKey: .counts)
        try c.encode(isHidden, forKey: .hidden)
        try c.encode(comments, forKey: .comments)
    }
}
