import Archive
import Model

extension ReaderPages {
    /// Threads grouped by the news story they discuss, most active story first.
    public func stories() -> String {
        storiesPage(reader.storyIndex())
    }

    /// One story and its threads; not found when no archived thread discusses a story with this id.
    public func story(id: String) throws(PageError) -> String {
        guard let entry = reader.storyIndex().stories.first(where: { $0.id == id }) else {
            throw PageError(.notFound, "story \(id): no archived thread discusses it")
        }
        return storyPage(entry)
    }

    func storiesPage(_ index: StoryIndex) -> String {
        let links = links(depth: 1)
        var times = times()
        let rows = index.stories.map { storyRow($0, links: links, times: &times) }
        let view = StoriesView(chrome: Chrome(title: "Stories", links: links), stories: rows, isEmpty: rows.isEmpty)
        return PageTemplates.render(view, "stories")
    }

    func storyPage(_ entry: StoryEntry) -> String {
        let links = links(depth: 1)
        var times = times()
        let feeds = links.storyFeed(id: entry.id).map { [FeedLink(title: "Threads on this story", href: $0)] } ?? []
        let view = StoryView(
            chrome: Chrome(title: entry.canonical, links: links, feeds: feeds),
            story: storyRow(entry, links: links, times: &times))
        return PageTemplates.render(view, "story")
    }

    func storyRow(_ entry: StoryEntry, links: PageLinks, times: inout TimeText) -> StoryRow {
        let threads = entry.threads.map { thread in
            let key = Self.key(thread.key)
            let site = thread.site ?? key.host
            return ThreadRow(
                href: links.thread(key), title: thread.title ?? thread.key,
                site: [LinkView(site, href: links.isServer ? links.index(site: site) : nil)], forum: [],
                details: Self.plural(thread.posts, "post"),
                lastActivity: times.view(iso: thread.lastActivity).map { [$0] } ?? [], story: [])
        }
        return StoryRow(
            href: links.story(id: entry.id), canonical: entry.canonical,
            link: PageLinks.external(entry.canonical).map { [$0] } ?? [],
            threadCount: Self.plural(entry.threads.count, "thread"), posts: Self.plural(entry.posts, "post"),
            lastActivity: times.view(iso: entry.lastActivity).map { [$0] } ?? [], threads: threads)
    }
}
