public import Archive
package import Model

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
        let sanitizer = sanitizer
        var posts: [PostView] = []
        posts.reserveCapacity(snapshot.posts.count)
        for post in snapshot.posts {
            posts.append(PostView(post, baseURL: snapshot.url, sanitizer: sanitizer, times: &times))
        }
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
            history: links.history(key), posts: posts)
        return PageTemplates.render(view, "thread")
    }
}
