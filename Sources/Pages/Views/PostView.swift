import Archive
import Foundation
import Model
import Mustache

/// One post as the `post` template shows it. Looked up by name rather than through `Mirror` (a thread page
/// may hold thousands); absent values are `NSNull` so a template never picks up the thread's value instead.
struct PostView: MustacheParent {
    var anchor: String
    var position: Int
    /// 0…8: replies are indented by depth, capped so deep threads stay readable.
    var depth: Int
    var author: String
    var authorHref: String?
    var postCount: String?
    var time: TimeView?
    var edited: TimeView?
    var counts: String?
    var title: String?
    /// Sanitised HTML.
    var body: String
    var removedIn: Int?
    var isHidden: Bool
    var comments: [CommentView]
    /// What this post is in a diff: `added`, `removed`; nil on a thread page.
    var change: String?
    /// The class that goes with `change`.
    var changeClass: String?

    static let maxDepth = 8

    init(_ archived: ArchivedPost, baseURL: String?, sanitizer: BodySanitizer, times: inout TimeText) {
        let post = archived.post
        anchor = PostAnchor.anchor(forPostKey: archived.key)
        position = post.position
        depth = min(max(post.depth ?? 0, 0), Self.maxDepth)
        author = post.author.name ?? "(unknown)"
        authorHref = PageLinks.external(post.author.url)
        postCount = post.author.postCount.map { PageText.grouped($0) + ($0 == 1 ? " post" : " posts") }
        time = times.view(post.published)
        edited = times.view(post.edited)
        counts = PageText.counts(post.counts)
        title = post.title.flatMap { $0.isEmpty ? nil : $0 }
        if let html = post.html, !html.isEmpty {
            body = sanitizer.sanitize(html, baseURL: baseURL)
        } else {
            body = PageText.paragraphs(post.text ?? "")
        }
        removedIn = archived.removedIn
        isHidden = post.isHidden
        comments = post.comments.map { CommentView(author: $0.author.name ?? "(unknown)", text: $0.text ?? "") }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "position": position
        case "depth": depth
        case "author": author
        case "authorHref": authorHref ?? NSNull()
        case "postCount": postCount ?? NSNull()
        case "time": time ?? NSNull()
        case "edited": edited ?? NSNull()
        case "counts": counts ?? NSNull()
        case "title": title ?? NSNull()
        case "body": body
        case "removedIn": removedIn ?? NSNull()
        case "hidden": isHidden
        case "comments": comments
        case "hasComments": !comments.isEmpty
        case "change": change ?? NSNull()
        case "changeClass": changeClass ?? NSNull()
        default: nil
        }
    }
}

/// A comment attached to a post (Stack Exchange).
struct CommentView {
    var author: String
    var text: String
}
