import Foundation
import HTML
import Model

/// Reads a thread page with a profile's thread rules.
struct ThreadExtraction {
    let reader: PageReader
    let rules: ThreadRules

    func run() -> Discussion {
        var thread = Discussion()
        thread.title = reader.string(rules.title) ?? fallbackTitle()
        thread.id = reader.string(rules.id)
        thread.url = reader.link(rules.url)
        thread.forum = reader.strings(rules.forum).filter { $0 != thread.title }
        reader.threadValues = Self.values(of: thread)
        thread.counts = reader.counts(rules.counts)
        thread.pages = Pagination(
            current: reader.count(rules.currentPage), last: reader.count(rules.lastPage),
            next: reader.link(rules.nextPage), lastURL: reader.link(rules.lastPageURL))
        if let link = reader.links(rules.story).first(where: { Links.isExternal($0, pageURL: reader.pageURL) }),
            let canonical = Links.canonical(link)
        {
            thread.story = Story(url: link, canonical: canonical)
        }
        let (posts, openingShare) = readPosts()
        thread.posts = Self.linkParents(posts)
        // Without a thread-level story rule, the story is a link the opening post shares (page 1 only).
        if rules.story == nil, (thread.pages.current ?? 1) == 1, thread.posts.first?.parent == nil,
            let link = openingShare, let canonical = Links.canonical(link)
        {
            thread.story = Story(url: link, canonical: canonical)
        }
        return thread
    }

    /// The title from `og:title` or `<title>` when the profile's rule finds none.
    private func fallbackTitle() -> String? {
        reader.string(Self.pageTitle)
    }

    /// The thread's values post fields may name (`{"thread": "id"}`, `{thread.id}`).
    static func values(of thread: Discussion) -> [String: String] {
        var values: [String: String] = [:]
        values["id"] = thread.id
        values["title"] = thread.title
        values["url"] = thread.url
        return values
    }

    /// `og:title`, else `<title>`.
    static let pageTitle = Field(["//meta[@property='og:title']/@content", "/html/head/title"])

    /// Every post node of every kind, in page order, with its rules.
    func postNodes() -> [(node: Node, rules: PostRules)] {
        var found: [(node: Node, rules: PostRules)] = []
        var seen = Set<Node>()
        for postRules in rules.posts {
            for node in reader.nodes(postRules.node) {
                if let exclude = postRules.exclude, reader.matches(exclude, at: node) { continue }
                guard seen.insert(node).inserted else { continue }
                found.append((node, postRules))
            }
        }
        if rules.posts.count > 1 {
            found.sort { $0.node.precedes($1.node) }
        }
        return found
    }

    /// Undoes the nesting of posts the parser's error recovery made (see `unnest`), and tells the reader.
    func unnestPosts(_ posts: [Node]) {
        if Self.unnest(posts) {
            reader.treeChanged()
        }
    }

    /// Every post node of every kind, in page order, each read with its rules.
    private func readPosts() -> (posts: [Post], openingShare: String?) {
        let found = postNodes()
        // Where a post sits in the thread is read from the tree as the page built it; the rest after
        // undoing any nesting the parser's error recovery made.
        let placed = found.enumerated().map { index, item in
            place(item.node, rules: item.rules, position: index + 1)
        }
        unnestPosts(found.map(\.node))
        var openingBody: Node?
        let posts = zip(found, placed).enumerated().map { index, pair in
            let (item, post) = pair
            let (read, body) = readWithBody(item.node, rules: item.rules, into: post)
            if index == 0 { openingBody = body }
            return read
        }
        let openingShare = openingBody.flatMap {
            Self.sharedLink(in: $0, text: posts[0].text ?? "", base: reader.linkBase, pageURL: reader.pageURL)
        }
        return (posts, openingShare)
    }

    /// When the parser's error recovery put later posts inside an earlier one (a post that leaves a
    /// tag open swallows the rest of the page), moves each nested post out to follow the post before
    /// it, so that a field of one post never reads another post's markup. Page order is kept.
    /// Returns whether any post moved.
    @discardableResult
    static func unnest(_ posts: [Node]) -> Bool {
        let all = Set(posts)
        guard posts.contains(where: { $0.nearestAncestor(in: all) != nil }) else { return false }
        for index in posts.indices.dropFirst() where posts[index].nearestAncestor(in: all) != nil {
            posts[index].move(after: posts[index - 1])
        }
        return true
    }

    /// The link a post shares, as opposed to links it mentions: the first external, non-image link
    /// that stands at the start of the body (a pasted address or a headline link before the comment),
    /// or a pasted address in a body with few links. Links inside running text ("see [1]") and
    /// reference lists are not shared stories.
    static func sharedLink(in body: Node, text: String, base: String?, pageURL: String?) -> String? {
        var candidates: [(link: String, label: String)] = []
        for anchor in CompiledXPath.shared(".//a[@href]").evaluate(in: body.document, at: body)?.nodes ?? [] {
            guard let href = anchor.attribute("href"), let link = Links.absolute(href, base: base),
                Links.isExternal(link, pageURL: pageURL), !isImage(link)
            else { continue }
            candidates.append((link, anchor.lineText))
        }
        let distinct = Set(candidates.map(\.link)).count
        for (link, label) in candidates {
            let isAddress = label.isEmpty || label.hasPrefix("http") || label.hasPrefix("www.")
                || (label.contains("/") && !label.contains(" "))
            let offset = label.isEmpty
                ? nil : text.range(of: label).map { text.distance(from: text.startIndex, to: $0.lowerBound) }
            if (offset ?? Int.max) < 60 || (isAddress && distinct <= 2) {
                return link
            }
        }
        return nil
    }

    /// One post.
    func read(_ node: Node, rules: PostRules, position: Int) -> Post {
        read(node, rules: rules, into: place(node, rules: rules, position: position))
    }

    /// A post's place in the thread: id, parent and depth.
    func place(_ node: Node, rules: PostRules, position: Int) -> Post {
        var post = Post(position: position)
        post.id = reader.string(rules.id, at: node)
        post.parent = reader.string(rules.parent, at: node)
        post.depth = reader.string(rules.depth, at: node).flatMap(Double.init).flatMap {
            $0.isFinite && $0 >= 0 && $0 < 10_000 ? Int($0) : nil
        }
        return post
    }

    /// The rest of a placed post: title, author, times, body, counts, comments.
    func read(_ node: Node, rules: PostRules, into placed: Post) -> Post {
        readWithBody(node, rules: rules, into: placed).post
    }

    /// `read(_:rules:into:)`, and the first node the body field selects (the opening post's shared link
    /// is looked for in it).
    private func readWithBody(_ node: Node, rules: PostRules, into placed: Post) -> (post: Post, body: Node?) {
        var post = placed
        post.title = reader.string(rules.title, at: node)
        post.author = Author(
            name: reader.string(rules.author, at: node),
            postCount: reader.count(rules.authorPostCount, at: node),
            url: reader.link(rules.authorURL, at: node))
        post.published = reader.timestamp(machine: rules.published, shown: rules.publishedText, at: node)
        post.edited = reader.timestamp(machine: rules.edited, shown: rules.editedText, at: node)
        // The body field is evaluated once: its first selecting alternative gives either a comment range
        // (mail archives) or the body element.
        let bodySelection = reader.selection(rules.body, at: node)
        if let selected = bodySelection, let range = commentRangeBody(selected) {
            post.html = range.html
            post.text = range.text
            post.links = range.links
        } else if let body = bodySelection?.first {
            post.html = body.innerHTML.trimmingWhitespace
            post.text = body.text
            post.links = Self.links(in: body, base: reader.linkBase)
        }
        post.counts = reader.counts(rules.counts, at: node)
        post.isHidden = rules.hidden.map { reader.matches($0, at: node) } ?? false
        if let commentRules = rules.comments?.value {
            post.comments = reader.nodes(commentRules.node, at: node).enumerated().map { index, comment in
                var read = read(comment, rules: commentRules, position: index + 1)
                read.parent = read.parent ?? post.id
                return read
            }
        }
        return (post, bodySelection?.first)
    }

    /// The body's links, absolute, in order, each once.
    static func links(in body: Node, base: String?) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for href in (CompiledXPath.shared(".//a/@href").evaluate(in: body.document, at: body)?.nodes ?? []).map(\.rawText) {
            guard let link = Links.absolute(href, base: base), seen.insert(link).inserted else { continue }
            result.append(link)
        }
        return result
    }

    /// Derives each post's parent from depths on threaded pages (the nearest earlier post one level
    /// up; top-level replies answer the opening post when it carries no depth).
    static func linkParents(_ posts: [Post]) -> [Post] {
        guard posts.contains(where: { $0.depth != nil }) else { return posts }
        var result = posts
        var stack: [(depth: Int, id: String?)] = []
        let opening = posts.first.flatMap { $0.depth == nil ? $0.id : nil }
        for index in result.indices {
            guard let depth = result[index].depth else { continue }
            while let last = stack.last, last.depth >= depth { stack.removeLast() }
            if result[index].parent == nil {
                result[index].parent = stack.last?.id ?? opening
            }
            stack.append((depth, result[index].id))
        }
        return result
    }

    /// The story the opening post of a schema.org thread shares, by the same rule as `sharedLink`,
    /// read from the post's markup. Only when the opening post is on the page (page 1).
    static func story(of thread: Discussion, pageURL: String?) -> Story? {
        guard (thread.pages.current ?? 1) == 1, let opening = thread.posts.first, opening.parent == nil,
            let html = opening.html,
            let document = try? HTMLDocument(bytes: Array(html.utf8), declaredCharset: "UTF-8"),
            let body = document.root
        else { return nil }
        let pageURL = pageURL ?? thread.url
        guard let link = sharedLink(in: body, text: opening.text ?? body.text, base: pageURL, pageURL: pageURL),
            let canonical = Links.canonical(link)
        else { return nil }
        return Story(url: link, canonical: canonical)
    }

    static func isImage(_ link: String) -> Bool {
        let path = (URLComponents(string: link)?.path ?? link).lowercased()
        return [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp"].contains { path.hasSuffix($0) }
    }
}
