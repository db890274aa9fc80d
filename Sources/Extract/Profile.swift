import Foundation
import HTML
import Model

/// How to read one forum engine or site: how to recognise its pages, and XPath for every field.
///
/// Profiles are data (JSON): the built-in ones ship as resources in `Profiles/`, and `config.json`
/// may add new ones or override fields of built-in ones. Every XPath is compiled when the profile
/// is loaded, so a bad one fails with the profile's name and the field's path.
public struct Profile: Sendable, Equatable, Decodable {
    /// The name users pass to `--profile` and `config.json` (`xenforo`, `democraticunderground`).
    public var name: String
    /// What the profile is for, in words.
    public var description: String?
    /// How to recognise the profile's pages.
    public var detect: Detection
    /// The site's time zone, for times shown without one (an IANA identifier; default UTC).
    public var timeZone: String?
    /// Extra date formats (`DateFormatter` patterns) the site uses.
    public var dateFormats: [String]
    /// Locales of the site's month and day names (`en`, `de`, `hu`).
    public var locales: [String]
    /// How to read a thread page.
    public var thread: ThreadRules?
    /// How to read a listing page.
    public var listing: ListingRules?
    /// Named code steps run after the XPath rules, for what XPath cannot reach (embedded JSON).
    public var hooks: [String]
    /// XPath text written once and used by name (`$name`) in the profile's other XPath; already
    /// expanded in `detect`, `thread` and `listing`.
    public var definitions: [String: String]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, detect, timeZone, dateFormats, locales, thread, listing, hooks, definitions = "define"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        detect = try c.decodeIfPresent(Detection.self, forKey: .detect) ?? Detection()
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
        dateFormats = try c.decodeIfPresent([String].self, forKey: .dateFormats) ?? []
        locales = try c.decodeIfPresent([String].self, forKey: .locales) ?? []
        thread = try c.decodeIfPresent(ThreadRules.self, forKey: .thread)
        listing = try c.decodeIfPresent(ListingRules.self, forKey: .listing)
        hooks = try c.decodeIfPresent([String].self, forKey: .hooks) ?? []
        definitions = try c.decodeIfPresent([String: String].self, forKey: .definitions) ?? [:]
        let expander = try ProfileDefinitions(definitions, at: c.codingPath + [CodingKeys.definitions])
        try detect.resolve(expander, at: c.codingPath + [CodingKeys.detect])
        try thread?.resolve(expander, at: c.codingPath + [CodingKeys.thread])
        try listing?.resolve(expander, at: c.codingPath + [CodingKeys.listing])
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: .timeZone, in: c, debugDescription: "unknown time zone \"\(timeZone)\"")
        }
        for (index, hook) in hooks.enumerated() where !Hooks.names.contains(hook) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: c.codingPath + [CodingKeys.hooks, AnyCodingKey(intValue: index)],
                    debugDescription:
                        "unknown hook \"\(hook)\" (known: \(Hooks.names.sorted().joined(separator: ", ")))"))
        }
    }
}

/// How a profile recognises its pages.
public struct Detection: Sendable, Equatable, Decodable {
    /// Regular expressions over the page URL; a match is strong evidence.
    public var urls: [String] = []
    /// XPath expressions that select something only on this engine's pages (a generator meta, a
    /// telltale class); each that matches is evidence.
    public var markers: [String] = []
    /// A page is a listing when this XPath selects something (otherwise a thread when the thread
    /// rules find posts).
    public var listing: [String] = []

    init() {}

    private enum CodingKeys: String, CodingKey, CaseIterable { case urls, markers, listing }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        urls = try c.decodeIfPresent([String].self, forKey: .urls) ?? []
        markers = try c.decodeIfPresent([String].self, forKey: .markers) ?? []
        listing = try c.decodeIfPresent([String].self, forKey: .listing) ?? []
        for (index, pattern) in urls.enumerated() {
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: c.codingPath + [CodingKeys.urls, AnyCodingKey(intValue: index)],
                        debugDescription: "invalid regular expression \"\(pattern)\""))
            }
        }
    }
}

/// Named counts (`replies`, `views`, `recommendations`, `score`) and where each comes from.
public typealias CountFields = [String: Field]

/// How to read a thread page.
public struct ThreadRules: Sendable, Equatable, Decodable {
    /// The thread title.
    public var title: Field?
    /// Breadcrumb nodes: each selected node's text is one forum name, top down.
    public var forum: Field?
    /// The thread id.
    public var id: Field?
    /// The thread's own address (canonical link).
    public var url: Field?
    /// The story link at thread level (the title link on Hacker News and Reddit link posts).
    public var story: Field?
    /// Thread-level counts.
    public var counts: CountFields
    /// This page's number.
    public var currentPage: Field?
    /// The number of the last page.
    public var lastPage: Field?
    /// The next page's link.
    public var nextPage: Field?
    /// The last page's link.
    public var lastPageURL: Field?
    /// Kinds of posts (for example the opening post and the replies), merged in page order.
    public var posts: [PostRules]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case title, forum, id, url, story, counts, currentPage, lastPage, nextPage, lastPageURL = "lastPageUrl", posts
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(Field.self, forKey: .title)
        forum = try c.decodeIfPresent(Field.self, forKey: .forum)
        id = try c.decodeIfPresent(Field.self, forKey: .id)
        url = try c.decodeIfPresent(Field.self, forKey: .url)
        story = try c.decodeIfPresent(Field.self, forKey: .story)
        counts = try decodeCounts(c, .counts)
        currentPage = try c.decodeIfPresent(Field.self, forKey: .currentPage)
        lastPage = try c.decodeIfPresent(Field.self, forKey: .lastPage)
        nextPage = try c.decodeIfPresent(Field.self, forKey: .nextPage)
        lastPageURL = try c.decodeIfPresent(Field.self, forKey: .lastPageURL)
        posts = try c.decodeIfPresent([PostRules].self, forKey: .posts) ?? []
    }
}

/// How to read one kind of post. Fields are relative to the post node.
public struct PostRules: Sendable, Equatable, Decodable {
    /// Selects the post nodes, from the document.
    public var node: String
    /// A post node for which this XPath selects something is skipped (adverts dressed as posts).
    public var exclude: String?
    /// The post id.
    public var id: Field?
    /// The parent post's id (threaded forums).
    public var parent: Field?
    /// The nesting depth (0 = top level); the parent is derived from it when not given.
    public var depth: Field?
    /// The post's own title.
    public var title: Field?
    /// The author's name.
    public var author: Field?
    /// The author's profile link.
    public var authorURL: Field?
    /// The author's post count.
    public var authorPostCount: Field?
    /// Machine-readable publish time (`@datetime`, `@title`, `@data-time`), preferred for the UTC time.
    public var published: Field?
    /// The publish time as shown.
    public var publishedText: Field?
    /// Machine-readable edit time.
    public var edited: Field?
    /// The edit time as shown.
    public var editedText: Field?
    /// The body node: its inner HTML and text are kept.
    public var body: Field?
    /// Selects something when the post is hidden or deleted.
    public var hidden: String?
    /// Counts on the post.
    public var counts: CountFields
    /// Comments attached to the post (Stack Exchange), read with these rules relative to the post.
    public var comments: Box<PostRules>?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case node, exclude, id, parent, depth, title, author, authorURL = "authorUrl", authorPostCount, published,
            publishedText, edited, editedText, body, hidden, counts, comments
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        node = try c.decode(String.self, forKey: .node)
        exclude = try c.decodeIfPresent(String.self, forKey: .exclude)
        id = try c.decodeIfPresent(Field.self, forKey: .id)
        parent = try c.decodeIfPresent(Field.self, forKey: .parent)
        depth = try c.decodeIfPresent(Field.self, forKey: .depth)
        title = try c.decodeIfPresent(Field.self, forKey: .title)
        author = try c.decodeIfPresent(Field.self, forKey: .author)
        authorURL = try c.decodeIfPresent(Field.self, forKey: .authorURL)
        authorPostCount = try c.decodeIfPresent(Field.self, forKey: .authorPostCount)
        published = try c.decodeIfPresent(Field.self, forKey: .published)
        publishedText = try c.decodeIfPresent(Field.self, forKey: .publishedText)
        edited = try c.decodeIfPresent(Field.self, forKey: .edited)
        editedText = try c.decodeIfPresent(Field.self, forKey: .editedText)
        body = try c.decodeIfPresent(Field.self, forKey: .body)
        hidden = try c.decodeIfPresent(String.self, forKey: .hidden)
        counts = try decodeCounts(c, .counts)
        comments = try c.decodeIfPresent(PostRules.self, forKey: .comments).map(Box.init)
    }
}

/// How to read a listing page. Fields other than `rows` are relative to each row.
public struct ListingRules: Sendable, Equatable, Decodable {
    /// The forum's name (from the document).
    public var title: Field?
    /// Selects the thread rows, from the document.
    public var rows: String
    /// A row for which this XPath selects something is skipped.
    public var exclude: String?
    /// The thread link.
    public var url: Field?
    /// The thread id.
    public var id: Field?
    /// The thread title.
    public var threadTitle: Field?
    /// The starter's name.
    public var author: Field?
    /// The starter's profile link.
    public var authorURL: Field?
    /// Machine-readable time of the last activity.
    public var lastActivity: Field?
    /// The last activity as shown.
    public var lastActivityText: Field?
    /// The story link the row shows.
    public var story: Field?
    /// Counts in the row.
    public var counts: CountFields
    /// The next listing page (from the document).
    public var nextPage: Field?
    /// The forums the page names (a board index; sub-forums above a forum's threads).
    public var forums: ForumRules?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case title, rows, exclude, url, id, threadTitle, author, authorURL = "authorUrl", lastActivity,
            lastActivityText, story, counts, nextPage
        case forums
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(Field.self, forKey: .title)
        rows = try c.decode(String.self, forKey: .rows)
        exclude = try c.decodeIfPresent(String.self, forKey: .exclude)
        url = try c.decodeIfPresent(Field.self, forKey: .url)
        id = try c.decodeIfPresent(Field.self, forKey: .id)
        threadTitle = try c.decodeIfPresent(Field.self, forKey: .threadTitle)
        author = try c.decodeIfPresent(Field.self, forKey: .author)
        authorURL = try c.decodeIfPresent(Field.self, forKey: .authorURL)
        lastActivity = try c.decodeIfPresent(Field.self, forKey: .lastActivity)
        lastActivityText = try c.decodeIfPresent(Field.self, forKey: .lastActivityText)
        story = try c.decodeIfPresent(Field.self, forKey: .story)
        counts = try decodeCounts(c, .counts)
        nextPage = try c.decodeIfPresent(Field.self, forKey: .nextPage)
        forums = try c.decodeIfPresent(ForumRules.self, forKey: .forums)
    }
}

/// A reference box, so a struct can hold a value of its own type.
public final class Box<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The boxed value.
    public let value: Value
    public init(_ value: Value) { self.value = value }
    public static func == (lhs: Box, rhs: Box) -> Bool { lhs.value == rhs.value }
}

private func decodeCounts<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> CountFields {
    guard container.contains(key) else { return [:] }
    let counts = try container.decode(CountFields.self, forKey: key)
    for name in counts.keys where !Counts.names.contains(name) {
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: container.codingPath + [key, AnyCodingKey(stringValue: name)],
                debugDescription: "unknown count (expected one of: \(Counts.names.joined(separator: ", ")))"))
    }
    return counts
}
