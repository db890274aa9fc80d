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
