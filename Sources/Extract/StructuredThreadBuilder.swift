import Foundation
import HTML
import Model

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
