import Foundation
import HTML
import Model

/// Reads schema.org discussion markup (JSON-LD and microdata).
///
/// Understands `DiscussionForumPosting`, `SocialMediaPosting`, `QAPage`/`Question`/`Answer`, `Comment`
/// (nested comments become replies with a parent) and articles that carry comments. JSON-LD may be an
/// object, an array or an `@graph`, with items referenced by `@id`; microdata follows the HTML spec
/// (a property belongs to its nearest `itemscope`, values from `content`, `datetime`, `href`, `src`,
/// `data`, `value` or the text). When both kinds describe the page, the one with more posts wins and
/// the other fills its gaps. Malformed JSON is skipped, never fatal.
enum StructuredData {
    /// Larger JSON-LD scripts are skipped.
    static let maximumScriptBytes = 8 << 20

    /// The discussion the page's markup describes, if any.
    static func read(_ document: HTMLDocument, pageURL: String?) -> StructuredThread? {
        let builder = StructuredThreadBuilder(pageURL: pageURL)
        let json = JSONLDReader()
        defer { json.release() }
        var candidates: [StructuredThread] = []
        if let thread = builder.thread(from: json.items(in: document)) { candidates.append(thread) }
        if let thread = builder.thread(from: MicrodataReader(document: document).roots()) {
            candidates.append(thread)
        }
        guard var best = candidates.first else { return nil }
        for candidate in candidates.dropFirst() where candidate.posts.count > best.posts.count {
            best = candidate
        }
        for other in candidates {
            best.title = best.title ?? other.title
            best.url = best.url ?? other.url
            best.story = best.story ?? other.story
            best.counts = best.counts.filling(from: other.counts)
        }
        if best.title == nil, !best.posts.isEmpty {
            best.title = pageTitle(document)
        }
        return best
    }

    /// `og:title` or `<title>`, for markup that names no headline.
    private static func pageTitle(_ document: HTMLDocument) -> String? {
        for xpath in ["string(/html/head/meta[@property='og:title']/@content)", "string(/html/head/title)"] {
            if let value = try? document.evaluate(xpath).string {
                let title = Node.collapse(value)
                if !title.isEmpty { return title }
            }
        }
        return nil
    }
}

// MARK: - The common item model

/// One schema.org item, read from JSON-LD or microdata. Its properties are read when first asked for,
/// so items nobody looks at (breadcrumbs, site navigation) cost nothing.
final class SchemaItem {
    /// Local type names (`DiscussionForumPosting`, not the URL).
    let types: [String]
    /// `@id` (JSON-LD) or `itemid` (microdata).
    let id: String?
    /// The element the item was read from (microdata).
    let node: Node?
    private var loaded: [String: [SchemaValue]]?
    private let load: () -> [String: [SchemaValue]]

    init(types: [String], id: String?, node: Node?, properties: @escaping () -> [String: [SchemaValue]]) {
        self.types = types
        self.id = id
        self.node = node
        self.load = properties
    }

    /// Every property, by local name, values in order.
    var properties: [String: [SchemaValue]] {
        if let loaded { return loaded }
        let made = load()
        loaded = made
        return made
    }

    func values(_ name: String) -> [SchemaValue] { properties[name] ?? [] }

    /// Drops the properties read, breaking reference cycles between items (`@id` references).
    func release() {
        loaded = nil
    }

    /// The first non-empty text value among these properties, whitespace collapsed.
    func string(_ names: String...) -> String? {
        for name in names {
            for value in values(name) {
                if let text = value.string.map(Node.collapse), !text.isEmpty { return text }
            }
        }
        return nil
    }

    /// The nested items of a property.
    func items(_ name: String) -> [SchemaItem] {
        values(name).compactMap { if case .item(let item) = $0 { item } else { nil } }
    }

    func isA(_ names: Set<String>) -> Bool { types.contains(where: names.contains) }

    /// A property that names a URL: the text itself, or a nested item's `url` / `@id`.
    func link(_ names: String...) -> String? {
        for name in names {
            for value in values(name) {
                switch value {
                case .item(let item):
                    if let url = item.string("url") ?? item.id { return url }
                default:
                    if let text = value.string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                        return text
                    }
                }
            }
        }
        return nil
    }
}

/// One value of a property.
enum SchemaValue {
    /// A JSON-LD string or number, or a microdata attribute value (`content`, `href`, …).
    case text(String)
    /// Microdata: an element whose text content is the value (a post body).
    case element(Node)
    /// Microdata: a `<time datetime>`: the machine-readable value and the element showing the time.
    case time(String, Node)
    /// A nested item.
    case item(SchemaItem)

    /// The value as text (nil for a nested item).
    var string: String? {
        switch self {
        case .text(let text): text
        case .element(let node): node.rawText
        case .time(let machine, _): machine
        case .item: nil
        }
    }
}

/// The local name of a schema.org type or property: `http://schema.org/Comment`, `schema:Comment` → `Comment`.
func schemaLocalName(_ name: String) -> String {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    guard let cut = trimmed.lastIndex(where: { $0 == "/" || $0 == "#" || $0 == ":" }) else { return trimmed }
    return String(trimmed[trimmed.index(after: cut)...])
}

// MARK: - JSON-LD

/// Reads the `application/ld+json` scripts of a page into items.
final class JSONLDReader {
    /// Objects by `@id`, so `{"@id": "#c1"}` references find the object they name.
    private var objects: [String: [String: Any]] = [:]
    /// Items made so far by `@id`: a reference made twice is one item (and cycles end).
    private var made: [String: SchemaItem] = [:]
    /// Every item made, to break their reference cycles in `release()`.
    private var all: [SchemaItem] = []

    /// Type names whose presence makes a script worth parsing.
    private static let interesting = [
        "DiscussionForumPosting", "SocialMediaPosting", "Comment", "QAPage", "Question", "Answer", "Article",
        "BlogPosting", "Posting",
    ]

    /// The top-level items of every script, in page order (arrays and `@graph` flattened).
    /// Items stay readable until `release()`.
    func items(in document: HTMLDocument) -> [SchemaItem] {
        let xpath =
            "//script[translate(normalize-space(@type),'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
            + "='application/ld+json']"
        guard let scripts = try? document.nodes(xpath), !scripts.isEmpty else { return [] }
        var roots: [Any] = []
        for script in scripts {
            let text = script.rawText
            guard text.utf8.count <= StructuredData.maximumScriptBytes,
                Self.interesting.contains(where: { text.contains($0) }),
                let json = Self.parse(text)
            else { continue }
            index(json, depth: 0)
            roots.append(json)
        }
        return roots.flatMap { topLevel($0) }
    }

    /// Forgets every item made, so items and reader can be freed.
    func release() {
        for item in all { item.release() }
        all = []
        made = [:]
        objects = [:]
    }

    /// The script's JSON, tolerating comment and CDATA wrappers, HTML-escaped text and raw control
    /// characters inside strings; nil when it is not JSON.
    static func parse(_ text: String) -> Any? {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for wrapper in ["<!--", "//<![CDATA[", "<![CDATA["] where body.hasPrefix(wrapper) {
            body.removeFirst(wrapper.count)
        }
        for wrapper in ["-->", "//]]>", "]]>"] where body.hasSuffix(wrapper) {
            body.removeLast(wrapper.count)
        }
        body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasPrefix("{") || body.hasPrefix("[") else {
            if body.hasPrefix("&") { return parse(HTMLEntities.decode(body)) }
            return nil
        }
        if let json = decode(body) { return json }
        // Raw line breaks and tabs inside strings are invalid JSON but common; outside strings they
        // are whitespace either way.
        let flattened = String(body.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
        if let json = decode(flattened) { return json }
        if flattened.contains("&quot;") { return decode(HTMLEntities.decode(flattened)) }
        return nil
    }

    private static func decode(_ text: String) -> Any? {
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return nil }
        return json is [String: Any] || json is [Any] ? json : nil
    }

    /// Records every object that carries an `@id` and more than a reference's keys.
    private func index(_ json: Any, depth: Int) {
        guard depth < 64 else { return }
        if let array = json as? [Any] {
            for element in array { index(element, depth: depth + 1) }
        } else if let object = json as? [String: Any] {
            if let id = object["@id"] as? String, object.keys.contains(where: { !$0.hasPrefix("@") }) {
                if (objects[id]?.count ?? 0) < object.count { objects[id] = object }
            }
            for (key, value) in object where !key.hasPrefix("@") || key == "@graph" {
                index(value, depth: depth + 1)
            }
        }
    }

    /// The items a script's JSON holds at its top level.
    private func topLevel(_ json: Any) -> [SchemaItem] {
        if let array = json as? [Any] { return array.flatMap { topLevel($0) } }
        guard let object = json as? [String: Any] else { return [] }
        var result: [SchemaItem] = []
        if object["@type"] != nil { result.append(item(object)) }
        if let graph = object["@graph"] { result += topLevel(graph) }
        return result
    }

    private func item(_ object: [String: Any]) -> SchemaItem {
        let id = object["@id"] as? String
        if let id, let existing = made[id] { return existing }
        let source = id.flatMap { objects[$0] }.map { $0.count > object.count ? $0 : object } ?? object
        var types: [String] = []
        if let type = source["@type"] as? String {
            types = [schemaLocalName(type)]
        } else if let list = source["@type"] as? [Any] {
            types = list.compactMap { $0 as? String }.map(schemaLocalName)
        }
        let made = SchemaItem(types: types, id: id, node: nil) { [self] in
            var properties: [String: [SchemaValue]] = [:]
            for (key, value) in source where !key.hasPrefix("@") {
                let values = self.values(value, depth: 0)
                if !values.isEmpty { properties[schemaLocalName(key), default: []] += values }
            }
            return properties
        }
        if let id { self.made[id] = made }
        all.append(made)
        return made
    }

    private func values(_ json: Any, depth: Int) -> [SchemaValue] {
        switch json {
        case let text as String:
            return [.text(text.contains("&") ? HTMLEntities.decode(text) : text)]
        case let array as [Any]:
            guard depth < 8 else { return [] }
            return array.flatMap { values($0, depth: depth + 1) }
        case let object as [String: Any]:
            if let id = object["@id"] as? String, !object.keys.contains(where: { !$0.hasPrefix("@") }) {
                // A reference: the item it names, or just the address.
                if objects[id] != nil || made[id] != nil { return [.item(item(object))] }
                return [.text(id)]
            }
            if let value = object["@value"] { return values(value, depth: depth) }
            return [.item(item(object))]
        case let number as NSNumber:
            if let int = Int(exactly: number.doubleValue) { return [.text(String(int))] }
            return [.text(number.stringValue)]
        default:
            return []
        }
    }
}

// MARK: - Microdata

/// Reads microdata items: one query for the top-level items; an item's properties are read, when
/// first asked for, by walking its own subtree (not into nested items), so every element is visited
/// once however deeply items nest.
final class MicrodataReader {
    let document: HTMLDocument

    /// Top-level items beyond this many are ignored (absurd pages).
    static let maximumRoots = 10_000

    init(document: HTMLDocument) {
        self.document = document
    }

    /// Items that are no other item's property, in page order.
    func roots() -> [SchemaItem] {
        guard let nodes = try? document.nodes("//*[@itemscope][not(@itemprop)]") else { return [] }
        return nodes.prefix(Self.maximumRoots).map(item)
    }

    func item(_ node: Node) -> SchemaItem {
        let types = (node.attribute("itemtype") ?? "").split(whereSeparator: \.isWhitespace).map {
            schemaLocalName(String($0))
        }
        let id = node.attribute("itemid").flatMap { $0.isEmpty ? nil : $0 }
        return SchemaItem(types: types, id: id, node: node) { [self] in self.properties(of: node) }
    }

    /// Elements one item's walk visits at most (absurd pages).
    static let maximumWalk = 1_000_000
    /// Elements whose content holds no microdata.
    private static let opaque: Set<String> = ["script", "style", "template", "svg", "math"]

    /// The item's properties: elements below it whose nearest item scope is this item, in page order.
    private func properties(of node: Node) -> [String: [SchemaValue]] {
        var properties: [String: [SchemaValue]] = [:]
        var stack = Self.elements(of: node).reversed() as [Node]
        var visited = 0
        while let element = stack.popLast(), visited < Self.maximumWalk {
            visited += 1
            let isScope = element.attribute("itemscope") != nil
            if let names = element.attribute("itemprop")?.split(whereSeparator: \.isWhitespace), !names.isEmpty {
                let value = value(of: element, isScope: isScope)
                for name in names {
                    properties[schemaLocalName(String(name)), default: []].append(value)
                }
            }
            // A nested item's properties are its own.
            if !isScope, !Self.opaque.contains(element.name) {
                stack.append(contentsOf: Self.elements(of: element).reversed())
            }
        }
        return properties
    }

    private static func elements(of node: Node) -> [Node] {
        node.children.filter(\.isElement)
    }

    /// A property's value, per the HTML microdata rules.
    private func value(of element: Node, isScope: Bool) -> SchemaValue {
        if isScope { return .item(item(element)) }
        switch element.name {
        case "meta": return .text(element.attribute("content") ?? "")
        case "a", "area", "link": return .text(element.attribute("href") ?? "")
        case "img", "audio", "embed", "iframe", "source", "track", "video": return .text(element.attribute("src") ?? "")
        case "object": return .text(element.attribute("data") ?? "")
        case "data", "meter": return .text(element.attribute("value") ?? "")
        case "time":
            if let machine = element.attribute("datetime"), !machine.isEmpty { return .time(machine, element) }
            return .element(element)
        default:
            if let content = element.attribute("content") { return .text(content) }
            return .element(element)
        }
    }
}

// MARK: - From items to a thread

/// Builds a `StructuredThread` from the items of one kind of markup.
struct StructuredThreadBuilder {
    let pageURL: String?
    private let dates = DateReaderCache.utc
    private let now = Date()

    init(pageURL: String?) {
        self.pageURL = pageURL
    }

    /// Types that are a discussion's opening post.
    static let postings: Set<String> = ["DiscussionForumPosting", "SocialMediaPosting", "Question"]
    /// Articles that count as a discussion when they carry comments.
    static let articles: Set<String> = [
        "Article", "NewsArticle", "BlogPosting", "TechArticle", "Report", "ScholarlyArticle", "LiveBlogPosting",
        "OpinionNewsArticle", "AnalysisNewsArticle", "ReportageNewsArticle",
    ]
    /// Types that are replies when they stand alone at the top level.
    static let replies: Set<String> = ["DiscussionForumPosting", "SocialMediaPosting", "Comment", "Answer"]
    /// At most this many posts are read (cyclic or absurd markup).
    static let maximumPosts = 100_000

    func thread(from roots: [SchemaItem]) -> StructuredThread? {
        var main: (item: SchemaItem, container: SchemaItem?, root: Int)?
        for (index, root) in roots.enumerated() {
            if let found = posting(in: root, container: nil, depth: 0) {
                main = (found.item, found.container, index)
                break
            }
        }
        let standalone = roots.enumerated().filter { index, root in
            index != main?.root && root.isA(Self.replies) && !root.isA(["Question"])
        }.map(\.element)
        guard main != nil || !standalone.isEmpty else { return nil }

        var thread = StructuredThread()
        var collector = PostCollector(builder: self)
        if let (item, container, _) = main {
            thread.title = item.string("headline", "name") ?? container?.string("headline", "name")
            thread.url = (item.link("url", "mainEntityOfPage", "discussionUrl") ?? container?.link("url"))
                .flatMap { Links.absolute($0, base: pageURL) }
            thread.story = item.link("sharedContent").flatMap { Links.absolute($0, base: pageURL) }
                .flatMap { $0.hasPrefix("http") ? $0 : nil }
            collector.visited.insert(ObjectIdentifier(item))
            if item.isA(["Question"]) {
                collector.addQuestion(item, container: container)
            } else {
                collector.addPosting(item)
            }
            // Postings given as sibling items are posts of their own (one item per post), so the
            // first one's counts are its own, not the thread's.
            if !standalone.contains(where: { $0.isA(["DiscussionForumPosting", "SocialMediaPosting"]) }) {
                thread.counts = counts(of: item)
            }
        }
        for item in standalone {
            collector.addComment(item, parent: nil, depth: 0)
        }
        thread.posts = collector.finish().map { post in
            var post = post
            if post.title == thread.title { post.title = nil }
            return post
        }
        return thread
    }

    /// The opening post an item is or names as its `mainEntity`.
    private func posting(in item: SchemaItem, container: SchemaItem?, depth: Int) -> (
        item: SchemaItem, container: SchemaItem?
    )? {
        if item.isA(Self.postings) { return (item, container) }
        if item.isA(Self.articles), !item.values("comment").isEmpty { return (item, container) }
        // Only pages name their discussion as `mainEntity`; other items are not opened (cheap on
        // pages full of breadcrumbs, offers or people).
        guard depth < 3, item.types.contains(where: { $0.hasSuffix("Page") }) else { return nil }
        for entity in item.items("mainEntity") {
            if let found = posting(in: entity, container: item, depth: depth + 1) { return found }
        }
        return nil
    }

    // MARK: Fields

    func post(_ item: SchemaItem, position: Int) -> Post {
        var post = Post(position: position)
        post.id = item.id ?? item.link("url") ?? item.node?.attribute("id").flatMap { $0.isEmpty ? nil : $0 }
        post.title = item.string("headline", "name")
        post.author = author(of: item)
        post.published = timestamp(
            item.values("datePublished") + item.values("dateCreated") + item.values("uploadDate"))
        let edited = timestamp(item.values("dateModified"))
        if edited.iso != nil, edited.iso != post.published.iso { post.edited = edited }
        body(of: item, into: &post)
        post.counts = counts(of: item)
        return post
    }

    private func author(of item: SchemaItem) -> Author {
        for value in item.values("author") + item.values("creator") {
            switch value {
            case .item(let person):
                let name =
                    person.string("name", "alternateName")
                    ?? [person.string("givenName"), person.string("familyName")].compactMap { $0 }
                    .joined(separator: " ").nilIfEmpty
                let url = person.link("url").flatMap { Links.absolute($0, base: pageURL) }
                if name != nil || url != nil { return Author(name: name, url: url) }
            default:
                if let name = value.string.map(Node.collapse), !name.isEmpty { return Author(name: name) }
            }
        }
        return Author()
    }

    private func timestamp(_ values: [SchemaValue]) -> Timestamp {
        for value in values {
            let machine: String?
            let shown: String?
            switch value {
            case .time(let text, let node):
                machine = text
                shown = PageReader.shown(node.rawText)
            case .element(let node):
                machine = nil
                shown = PageReader.shown(node.rawText)
            case .text(let text):
                machine = text
                shown = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case .item:
                continue
            }
            var stamp = dates.timestamp(
                text: shown?.isEmpty == false ? shown : machine, machine: machine, fetchedAt: now)
            // Markup times are absolute; one read only relative to now would make output depend on the clock.
            if stamp.isApproximate {
                stamp.iso = nil
                stamp.isApproximate = false
            }
            if stamp.iso != nil || stamp.text != nil { return stamp }
        }
        return .none
    }

    private func body(of item: SchemaItem, into post: inout Post) {
        for value in item.values("articleBody") + item.values("text") {
            switch value {
            case .element(let node):
                post.html = node.innerHTML.trimmingCharacters(in: .whitespacesAndNewlines)
                post.text = node.text
                var seen = Set<String>()
                for href in (try? node.nodes(".//a/@href"))?.map(\.rawText) ?? [] {
                    if let link = Links.absolute(href, base: pageURL), seen.insert(link).inserted {
                        post.links.append(link)
                    }
                }
                return
            case .text(let text), .time(let text, _):
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty {
                    post.text = trimmed
                    return
                }
            case .item:
                continue
            }
        }
    }

    func counts(of item: SchemaItem) -> Counts {
        var counts = Counts()
        for value in item.values("interactionStatistic") + item.values("interactionCount") {
            switch value {
            case .item(let counter):
                guard let kind = counter.values("interactionType").lazy.compactMap(Self.interactionKind).first,
                    let number = counter.string("userInteractionCount").flatMap(CountReader.count(from:)),
                    counts[kind] == nil
                else { continue }
                counts[kind] = number
            default:
                // The older `interactionCount` text: `UserLikes:8`, `UserComments:3`.
                guard let text = value.string, let kind = Self.legacyKind(text),
                    let number = CountReader.count(from: text), counts[kind] == nil
                else { continue }
                counts[kind] = number
            }
        }
        if counts.replies == nil {
            // A question's replies are its answers; its comments hang off it.
            let replies = item.isA(["Question"]) ? item.string("answerCount") : item.string("commentCount")
            counts.replies = replies.flatMap(CountReader.count(from:))
        }
        if let up = item.string("upvoteCount").flatMap(CountReader.count(from:)) {
            if let down = item.string("downvoteCount").flatMap(CountReader.count(from:)) {
                counts.score = counts.score ?? up - down
                counts.recommendations = counts.recommendations ?? up
            } else {
                counts.score = counts.score ?? up
            }
        }
        return counts
    }

    /// The count an `interactionType` feeds: a URL, a name, or an action item.
    private static func interactionKind(_ value: SchemaValue) -> String? {
        let names: [String]
        switch value {
        case .item(let action): names = action.types + [action.id].compactMap { $0 }.map(schemaLocalName)
        default: names = [value.string.map(schemaLocalName) ?? ""]
        }
        for name in names {
            switch name {
            case "ReplyAction", "CommentAction": return "replies"
            case "LikeAction", "AgreeAction", "EndorseAction": return "recommendations"
            case "ViewAction", "WatchAction", "ReadAction": return "views"
            default: continue
            }
        }
        return nil
    }

    private static func legacyKind(_ text: String) -> String? {
        let lowered = text.lowercased()
        if lowered.contains("like") || lowered.contains("plusone") { return "recommendations" }
        if lowered.contains("comment") || lowered.contains("repl") || lowered.contains("answer") { return "replies" }
        if lowered.contains("view") || lowered.contains("visit") { return "views" }
        return nil
    }
}

/// Walks postings, answers and comments into posts in reading order.
private struct PostCollector {
    let builder: StructuredThreadBuilder
    var visited = Set<ObjectIdentifier>()
    private var posts: [Post] = []
    private var ids = Set<String>()
    private var nested = false

    init(builder: StructuredThreadBuilder) {
        self.builder = builder
    }

    /// A discussion posting: itself when it has an author or a body, then its comments as replies.
    mutating func addPosting(_ item: SchemaItem) {
        let opening = builder.post(item, position: 0)
        let hasContent = opening.author.name != nil || opening.text != nil
        if hasContent { append(opening) }
        for comment in item.items("comment") {
            addComment(comment, parent: hasContent ? opening.id : nil, depth: 0)
        }
    }

    /// A question: itself, its comments attached, then its answers (accepted first, or in page order
    /// for microdata), each with its comments attached. Answers may hang off the page (`QAPage`).
    mutating func addQuestion(_ item: SchemaItem, container: SchemaItem?) {
        var question = builder.post(item, position: 0)
        question.comments = attached(item)
        if question.author.name != nil || question.text != nil { append(question) }
        var answers = answerItems(of: item)
        if answers.isEmpty, let container { answers = answerItems(of: container) }
        if answers.allSatisfy({ $0.node != nil }) {
            answers.sort { lhs, rhs in lhs.node.flatMap { l in rhs.node.map { l.precedes($0) } } ?? false }
        }
        for answer in answers where visited.insert(ObjectIdentifier(answer)).inserted {
            guard posts.count < StructuredThreadBuilder.maximumPosts else { return }
            var post = builder.post(answer, position: 0)
            post.comments = attached(answer)
            append(post)
        }
    }

    private func answerItems(of item: SchemaItem) -> [SchemaItem] {
        item.items("acceptedAnswer") + item.items("suggestedAnswer") + item.items("answer")
    }

    /// Comments on a question or answer, kept on the post (not replies of their own).
    private mutating func attached(_ item: SchemaItem) -> [Post] {
        var result: [Post] = []
        for comment in item.items("comment") where visited.insert(ObjectIdentifier(comment)).inserted {
            var post = builder.post(comment, position: result.count + 1)
            post.parent = nil
            result.append(post)
        }
        return result
    }

    /// A comment and, depth first, the comments on it.
    mutating func addComment(_ item: SchemaItem, parent: String?, depth: Int) {
        guard visited.insert(ObjectIdentifier(item)).inserted, posts.count < StructuredThreadBuilder.maximumPosts,
            depth < 256
        else { return }
        var post = builder.post(item, position: 0)
        post.parent = parent
        post.depth = depth
        if depth > 0 { nested = true }
        append(post)
        let id = post.id
        for reply in item.items("comment") {
            addComment(reply, parent: id, depth: depth + 1)
        }
    }

    private mutating func append(_ post: Post) {
        if let id = post.id, !ids.insert(id).inserted { return }
        var numbered = post
        numbered.position = posts.count + 1
        posts.append(numbered)
    }

    /// The posts; depths and top-level parents are kept only where comments nest.
    func finish() -> [Post] {
        guard !nested else { return posts }
        return posts.map { post in
            var flat = post
            if flat.depth == 0 {
                flat.depth = nil
                flat.parent = nil
            }
            return flat
        }
    }
}

// MARK: - HTML entities

/// Decodes the HTML character references JSON-LD text sometimes carries (`&amp;`, `&#39;`, `&#x27;`).
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "hellip": "…",
        "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "copy": "©",
        "reg": "®", "trade": "™", "laquo": "«", "raquo": "»", "euro": "€", "middot": "·",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(after: index)..<semicolon]
            if let decoded = decodeReference(name) {
                output += decoded
                index = text.index(after: semicolon)
            } else {
                output.append(character)
                index = text.index(after: index)
            }
        }
        return output
    }

    private static func decodeReference(_ name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
        return named[String(name)]
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
