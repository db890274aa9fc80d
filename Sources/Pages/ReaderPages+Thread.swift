public import Archive
package import Model
import Dispatch
import Locking

extension ReaderPages {
    /// A thread as of `version` (the latest when nil): every post with author, times, counts and body,
    /// replies indented, removed and hidden posts marked, and a picker of its versions.
    public func thread(key: ThreadKey, version: Int? = nil) throws(PageError) -> String {
        let count = try versionCount(of: key)
        if let version { try check(version, of: key, count: count) }
        let snapshot = try load { () throws(ArchiveError) in try reader.snapshot(of: key, version: version) }
        return renderThread(snapshot, key: key, versions: count)
    }

    /// The thread page of `snapshot`, one of `versions` versions of `key` (the benchmark times this).
    package func renderThread(_ snapshot: ThreadSnapshot, key: ThreadKey, versions: Int) -> String {
        let links = links(depth: 3)
        var times = times()
        let live = snapshot.posts.count(where: { $0.removedIn == nil })
        let removed = snapshot.posts.count - live
        let forum = snapshot.forum.map { LinkView($0, href: links.isServer ? links.index(forum: $0) : nil) }
        let title = snapshot.title ?? key.description
        let feeds = links.threadFeed(key).map { [FeedLink(title: "Changes to this thread", href: $0)] } ?? []
        let view = ThreadView(
            chrome: Chrome(title: title, links: links, feeds: feeds), title: title, forum: forum,
            hasForum: !forum.isEmpty, site: snapshot.site ?? key.host,
            source: PageLinks.external(snapshot.url).map { [$0] } ?? [],
            story: snapshot.story.map { story in
                let id = StoryEntry.id(ofCanonical: story.canonical)
                let page = storyPages.map { $0.contains(id) } ?? true
                return [ThreadStory(
                    url: story.url, link: PageLinks.external(story.url).map { [$0] } ?? [],
                    page: page ? [links.story(id: id)] : [])]
            } ?? [],
            version: snapshot.version, versions: versions, isLatest: snapshot.version == versions,
            latest: links.thread(key), fetched: times.view(iso: snapshot.provenance.fetchedAt).map { [$0] } ?? [],
            counts: PageText.counts(snapshot.counts).map { [$0] } ?? [], livePosts: Self.plural(live, "post"),
            removedPosts: removed > 0 ? [removed] : [],
            picker: (1...max(1, versions)).map {
                VersionLink(number: $0, href: $0 == versions ? links.thread(key) : links.thread(key, version: $0),
                            current: $0 == snapshot.version)
            },
            history: links.history(key), posts: renderPosts(snapshot.posts, baseURL: snapshot.url))
        return PageTemplates.render(view, "thread")
    }
}

extension ReaderPages {
    /// The posts' HTML, each post rendered with the `post` template, in order. Sanitising and rendering
    /// thousands of posts is most of a thread page's time, and each post's HTML depends on that post alone,
    /// so runs of posts are rendered on all cores at once and joined; posts rendered before are reused.
    func renderPosts(_ posts: [ArchivedPost], baseURL: String?) -> String {
        let runLength = 64
        let runs = (posts.count + runLength - 1) / runLength
        guard runs > 1 else { return renderRun(posts[...], baseURL: baseURL) }
        let rendered = Locked([String](repeating: "", count: runs))
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let start = run * runLength
            let html = renderRun(posts[start..<min(start + runLength, posts.count)], baseURL: baseURL)
            rendered.withLock { $0[run] = html }
        }
        return rendered.withLock { $0.joined() }
    }

    private func renderRun(_ posts: ArraySlice<ArchivedPost>, baseURL: String?) -> String {
        var times = times()
        let sanitizer = sanitizer
        var html = ""
        for post in posts {
            let render = { PageTemplates.render(PostView(post, baseURL: baseURL, sanitizer: sanitizer, times: &times), "post") }
            html += renderedPosts?.html(post, baseURL: baseURL, render: render) ?? render()
        }
        return html
    }
}
