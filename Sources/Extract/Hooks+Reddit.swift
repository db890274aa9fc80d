import Foundation
import HTML
import Model

/// The `reddit-state` hook: Reddit's 2018–2022 React page renders comments with obfuscated classes
/// and without author links; authors, exact times, scores and parents live only in the state it
/// embeds as `window.___r = {…}` (`posts.models` and `comments.models`, keyed by `t3_…` / `t1_…`).
///
/// Fills what the XPath rules left empty (author, author URL, exact time, edit time, score, deleted)
/// for every post whose id is in that state, takes the parent from it, and fills the thread's
/// counts, subreddit and story link when the page showed none.
enum RedditState {
    static let name = "reddit-state"

    static func apply(document: HTMLDocument, to thread: inout Discussion, reader: PageReader) {
        guard let state = read(reader) else { return }
        let posts = models(state, "posts")
        let comments = models(state, "comments")
        guard !posts.isEmpty || !comments.isEmpty else { return }
        let base = reader.pageURL ?? "https://www.reddit.com/"
        for index in thread.posts.indices {
            guard let id = thread.posts[index].id, let model = comments[id] ?? posts[id] else { continue }
            fill(&thread.posts[index], from: model, base: base)
        }
        guard let opening = thread.posts.first, let id = opening.id, let post = posts[id] else { return }
        if thread.counts.replies == nil { thread.counts.replies = integer(post["numComments"]) }
        if thread.counts.score == nil, post["isScoreHidden"] as? Bool != true {
            thread.counts.score = integer(post["score"])
        }
        if thread.title == nil { thread.title = post["title"] as? String }
        if thread.forum.isEmpty, let belongsTo = post["belongsTo"] as? [String: Any],
            let subredditID = belongsTo["id"] as? String,
            let subreddit = models(state, "subreddits")[subredditID],
            let name = (subreddit["displayText"] as? String) ?? (subreddit["name"] as? String), !name.isEmpty
        {
            thread.forum = [name]
        }
        if thread.story == nil, post["isMediaOnly"] as? Bool != true,
            let source = post["source"] as? [String: Any], let url = source["url"] as? String,
            let link = Links.absolute(url, base: reader.pageURL),
            Links.isExternal(link, pageURL: reader.pageURL), !isMedia(link),
            let canonical = Links.canonical(link)
        {
            thread.story = Story(url: link, canonical: canonical)
        }
    }

    /// One post or comment: fills its empty fields from the state's model.
    private static func fill(_ post: inout Post, from model: [String: Any], base: String) {
        if post.author.name == nil, let author = model["author"] as? String, !author.isEmpty {
            post.author.name = author
        }
        if post.author.url == nil, let author = post.author.name, !author.hasPrefix("["),
            let escaped = author.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)
        {
            post.author.url = Links.absolute("/user/\(escaped)/", base: base)
        }
        if post.published.iso == nil || post.published.isApproximate, let created = instant(model["created"]) {
            post.published.iso = DateReader.iso(created)
            post.published.isApproximate = false
        }
        if post.edited.iso == nil, let edited = instant(model["editedAt"]) {
            post.edited.iso = DateReader.iso(edited)
        }
        if post.counts.score == nil, model["isScoreHidden"] as? Bool != true {
            post.counts.score = integer(model["score"])
        }
        if let parent = model["parentId"] as? String, !parent.isEmpty {
            post.parent = parent
        }
        if model["isDeleted"] as? Bool == true {
            post.isHidden = true
        }
    }

    /// The `window.___r` object of the page, or nil.
    static func read(_ reader: PageReader) -> [String: Any]? {
        for script in reader.nodes("//script[contains(., 'window.___r')]") {
            let text = script.rawText
            guard let marker = text.range(of: "window.___r") else { continue }
            let rest = text[marker.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            guard rest.first == "=" else { continue }
            let value = rest.dropFirst().drop { $0.isWhitespace }
            guard let object = jsonObject(value.utf8) else { continue }
            return object
        }
        return nil
    }

    /// The JSON object at the start of `bytes` (up to its closing brace), or nil.
    static func jsonObject(_ bytes: Substring.UTF8View) -> [String: Any]? {
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        var depth = 0
        var inString = false
        var escaped = false
        var end: Substring.UTF8View.Index?
        loop: for index in bytes.indices {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    end = bytes.index(after: index)
                    break loop
                }
            default: break
            }
        }
        guard let end else { return nil }
        let data = Data(bytes[bytes.startIndex..<end])
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// `state[section].models`: objects keyed by id.
    private static func models(_ state: [String: Any], _ section: String) -> [String: [String: Any]] {
        guard let part = state[section] as? [String: Any], let models = part["models"] as? [String: Any] else {
            return [:]
        }
        return models.compactMapValues { $0 as? [String: Any] }
    }

    /// A number from JSON (`NSNumber`, `Int` or `Double`, whichever the platform's parser gives).
    private static func number(_ value: Any?) -> Double? {
        switch value {
        case let value as Int: Double(value)
        case let value as Double: value
        case let value as NSNumber: value.doubleValue
        default: nil
        }
    }

    /// A whole number from JSON.
    private static func integer(_ value: Any?) -> Int? {
        guard let double = number(value), double.isFinite, abs(double) < 1e15 else { return nil }
        return Int(double)
    }

    /// An epoch in seconds or milliseconds (Reddit uses both), as a date.
    private static func instant(_ value: Any?) -> Date? {
        // `true` (an "edited" flag without a time) reads as 1: not a time.
        guard let seconds = number(value), seconds.isFinite, seconds > 1 else { return nil }
        return Date(timeIntervalSince1970: seconds >= 100_000_000_000 ? seconds / 1000 : seconds)
    }

    /// Images, videos and Reddit's own media hosts are not stories.
    private static func isMedia(_ link: String) -> Bool {
        let parts = URLComponents(string: link)
        let host = parts?.host?.lowercased() ?? ""
        let mediaHosts = ["redd.it", "redditmedia.com", "reddituploads.com", "redditstatic.com", "imgur.com", "gfycat.com"]
        if mediaHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) { return true }
        let path = (parts?.path ?? link).lowercased()
        let extensions = [".jpg", ".jpeg", ".png", ".gif", ".gifv", ".webp", ".bmp", ".svg", ".mp4", ".webm"]
        return extensions.contains { path.hasSuffix($0) }
    }
}
