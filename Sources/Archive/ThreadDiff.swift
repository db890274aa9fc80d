public import Model

/// What changed in a thread between two versions: thread fields, posts added, removed and edited (with a
/// word-level diff of their text). `--json` prints this type; its shape is documented in `archive/README.md`.
public struct ThreadDiff: Sendable, Hashable, Encodable {
    public var key: String
    public var from: Int
    public var to: Int
    public var fromFetchedAt: String
    public var toFetchedAt: String
    /// Thread-level fields that differ, in a fixed order: title, url, forum, story, then counts.
    public var fields: [FieldChange]
    public var added: [ArchivedPost]
    public var removed: [ArchivedPost]
    public var edited: [PostEdit]

    public var isEmpty: Bool { fields.isEmpty && added.isEmpty && removed.isEmpty && edited.isEmpty }

    public init(from old: ThreadSnapshot, to new: ThreadSnapshot) {
        key = new.key
        from = old.version
        to = new.version
        fromFetchedAt = old.provenance.fetchedAt
        toFetchedAt = new.provenance.fetchedAt
        var fields: [FieldChange] = []
        func compare(_ name: String, _ a: String?, _ b: String?) {
            if a != b { fields.append(FieldChange(name: name, old: a, new: b)) }
        }
        compare("title", old.title, new.title)
        compare("url", old.url, new.url)
        compare("forum", old.forum.joined(separator: " › "), new.forum.joined(separator: " › "))
        compare("story", old.story?.url, new.story?.url)
        for name in Counts.names {
            compare("counts.\(name)", old.counts[name].map(String.init), new.counts[name].map(String.init))
        }
        self.fields = fields
        var oldByKey: [String: ArchivedPost] = [:]
        for post in old.posts { oldByKey[post.key] = post }
        var added: [ArchivedPost] = []
        var removed: [ArchivedPost] = []
        var edited: [PostEdit] = []
        for post in new.posts {
            guard let before = oldByKey[post.key], before.removedIn == nil else {
                if post.removedIn == nil { added.append(post) }
                continue
            }
            if post.removedIn != nil {
                removed.append(post)
            } else if ChangeRule.comparable(before.post) != ChangeRule.comparable(post.post) {
                edited.append(PostEdit(before: before, after: post))
            }
        }
        self.added = added
        self.removed = removed
        self.edited = edited
    }

    private enum CodingKeys: String, CodingKey {
        case key, from, to, fromFetchedAt, toFetchedAt, fields, added, removed, edited
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(fromFetchedAt, forKey: .fromFetchedAt)
        try c.encode(toFetchedAt, forKey: .toFetchedAt)
        try c.encode(fields, forKey: .fields)
        try c.encode(added, forKey: .added)
        try c.encode(removed, forKey: .removed)
        try c.encode(edited, forKey: .edited)
    }
}

/// A thread-level field that changed.
public struct FieldChange: Sendable, Hashable, Encodable {
    public var name: String
    public var old: String?
    public var new: String?

    private enum CodingKeys: String, CodingKey { case name, old, new }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(old, forKey: .old)
        try c.encode(new, forKey: .new)
    }
}

/// A post whose content changed: both states, the names of what changed, and its text word by word.
public struct PostEdit: Sendable, Hashable, Encodable {
    public var key: String
    public var before: ArchivedPost
    public var after: ArchivedPost
    /// `text`, `html`, `title`, `author`, `published`, `edited`, `links`, `counts`, `hidden`, `parent`, `comments`.
    public var changed: [String]
    /// The text, as runs kept (`" "`), removed (`"-"`) and added (`"+"`).
    public var text: [TextRun]

    init(before: ArchivedPost, after: ArchivedPost) {
        key = after.key
        self.before = before
        self.after = after
        let a = ChangeRule.comparable(before.post)
        let b = ChangeRule.comparable(after.post)
        var changed: [String] = []
        if a.text != b.text { changed.append("text") }
        if a.html != b.html { changed.append("html") }
        if a.title != b.title { changed.append("title") }
        if a.author != b.author { changed.append("author") }
        if a.published != b.published { changed.append("published") }
        if a.edited != b.edited { changed.append("edited") }
        if a.links != b.links { changed.append("links") }
        if a.counts != b.counts { changed.append("counts") }
        if a.isHidden != b.isHidden { changed.append("hidden") }
        if a.parent != b.parent || a.depth != b.depth || a.id != b.id { changed.append("parent") }
        if a.comments != b.comments { changed.append("comments") }
        self.changed = changed
        text = Self.coalesced(WordDiff.diff(before.post.text ?? "", after.post.text ?? "")).map(TextRun.init)
    }

    /// The changes with the whitespace between two changed stretches counted as changed too, so a rewritten
    /// phrase reads as one removal and one addition rather than alternating words. Kept runs joined with the
    /// removed ones still give the old text, with the added ones the new text.
    package static func coalesced(_ changes: [WordDiff.Change]) -> [WordDiff.Change] {
        var result: [WordDiff.Change] = []
        var removed = ""
        var added = ""
        var pendingSpace: String?
        func flush() {
            if !removed.isEmpty { result.append(.removed(removed)) }
            if !added.isEmpty { result.append(.added(added)) }
            removed = ""
            added = ""
        }
        for change in changes {
            switch change {
            case .removed(let text):
                if let space = pendingSpace { removed += space; added += space; pendingSpace = nil }
                removed += text
            case .added(let text):
                if let space = pendingSpace { removed += space; added += space; pendingSpace = nil }
                added += text
            case .same(let text):
                if let space = pendingSpace {
                    flush()
                    result.append(.same(space))
                    pendingSpace = nil
                }
                if !(removed.isEmpty && added.isEmpty), text.allSatisfy(\.isWhitespace) {
                    pendingSpace = text
                } else {
                    flush()
                    result.append(.same(text))
                }
            }
        }
        flush()
        if let space = pendingSpace { result.append(.same(space)) }
        return result
    }

    private enum CodingKeys: String, CodingKey { case key, before, after, changed, text }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
        try c.encode(changed, forKey: .changed)
        try c.encode(text, forKey: .text)
    }
}

/// A run of a word diff: `op` is `" "` (kept), `"-"` (removed) or `"+"` (added).
public struct TextRun: Sendable, Hashable, Encodable {
    public var op: String
    public var text: String

    init(_ change: WordDiff.Change) {
        switch change {
        case .same(let text): (op, self.text) = (" ", text)
        case .removed(let text): (op, self.text) = ("-", text)
        case .added(let text): (op, self.text) = ("+", text)
        }
    }
}
