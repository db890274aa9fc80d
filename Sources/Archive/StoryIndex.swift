import Foundation
import Model

/// Threads grouped by the news story they discuss (the canonical form of the link their opening post
/// shares): derived data, built from the threads' `state.json` and kept as `archive/stories.json`, which a
/// write that changes a thread removes and a crawl pass writes anew, so a crash never leaves a stale one.
public struct StoryIndex: Sendable, Hashable, Codable {
    public var stories: [StoryEntry]

    /// The index of `states`, most active story first: more threads, then more posts, then newer activity.
    public init(states: [ThreadState]) {
        var groups: [String: [ThreadState]] = [:]
        for state in states {
            guard let story = state.story else { continue }
            groups[story, default: []].append(state)
        }
        stories = groups.map { canonical, states in
            let threads = states.map {
                StoryThread(
                    key: $0.key, site: $0.site, title: $0.title, url: $0.url, posts: $0.posts,
                    lastActivity: $0.lastChanged)
            }.sorted { ($0.lastActivity, $0.key) > ($1.lastActivity, $1.key) }
            return StoryEntry(
                canonical: canonical, threads: threads, posts: threads.reduce(0) { $0 + $1.posts },
                lastActivity: threads.map(\.lastActivity).max() ?? "")
        }.sorted {
            ($0.threads.count, $0.posts, $0.lastActivity, $1.canonical) > ($1.threads.count, $1.posts, $1.lastActivity, $0.canonical)
        }
    }

    /// The stories with activity at or after `since` (UTC ISO 8601), all when nil.
    public func since(_ since: String?) -> [StoryEntry] {
        guard let since else { return stories }
        return stories.filter { $0.lastActivity >= since }
    }

    /// The story whose canonical link is `canonical`.
    public func story(_ canonical: String) -> StoryEntry? {
        stories.first { $0.canonical == canonical }
    }
}

/// One story and the archived threads that discuss it.
public struct StoryEntry: Sendable, Hashable, Codable {
    public var canonical: String
    public var threads: [StoryThread]
    public var posts: Int
    public var lastActivity: String

    /// The story's name in web reader paths (`/stories/ID`): 16 lower-case hex digits of the SHA-256 of its
    /// canonical link.
    public var id: String { Self.id(ofCanonical: canonical) }

    /// The id of the story whose canonical link is `canonical`.
    public static func id(ofCanonical canonical: String) -> String {
        String(Digest.sha256(Array(canonical.utf8)).dropFirst("sha256:".count).prefix(16))
    }
}

/// An archived thread under a story.
public struct StoryThread: Sendable, Hashable, Codable {
    public var key: String
    public var site: String?
    public var title: String?
    public var url: String?
    public var posts: Int
    public var lastActivity: String

    private enum CodingKeys: String, CodingKey { case key, site, title, url, posts, lastActivity }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(site, forKey: .site)
        try c.encode(title, forKey: .title)
        try c.encode(url, forKey: .url)
        try c.encode(posts, forKey: .posts)
        try c.encode(lastActivity, forKey: .lastActivity)
    }
}

extension ArchiveReader {
    var storyIndexFile: String { "\(root)/stories.json" }

    /// The story index: stories.json when present and readable, else built from the threads' states.
    public func storyIndex() -> StoryIndex {
        if let bytes = try? DurableFile.read(storyIndexFile),
            let index = try? JSONDecoder().decode(StoryIndex.self, from: Data(bytes))
        {
            return index
        }
        return StoryIndex(states: states().states)
    }
}

extension ArchiveWriter {
    /// Builds the story index from every thread's state and writes stories.json.
    @discardableResult
    public func rebuildStoryIndex() throws(ArchiveError) -> StoryIndex {
        let index = StoryIndex(states: reader.states().states)
        let bytes: [UInt8]
        do {
            bytes = try CanonicalJSON.bytes(index) + [0x0A]
        } catch {
            throw ArchiveError("\(reader.storyIndexFile): cannot encode: \(error)")
        }
        try DurableFile.replace(reader.storyIndexFile, with: bytes, scratch: reader.scratchFolder)
        return index
    }

    /// Removes stories.json: the threads changed, so it is rebuilt from them when next asked for.
    func invalidateStoryIndex() {
        unlink(reader.storyIndexFile)
    }
}
