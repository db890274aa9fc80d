import Foundation
import HTML
import Model

/// Walks postings, answers and comments into posts in reading order.
struct PostCollector {
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
