import Archive
import Model

extension ReaderPages {
    /// The thread index: threads, newest activity first, filtered by site (its name or host) and forum (any
    /// part of its forum path), page `page` of them. A page past the last is not found.
    public func index(site: String? = nil, forum: String? = nil, page: Int = 1) throws(PageError) -> String {
        try indexPage(states: reader.states().states, site: site, forum: forum, page: page)
    }

    /// The number of index pages `states` make.
    func indexPageCount(_ count: Int) -> Int { max(1, (count + options.pageSize - 1) / options.pageSize) }

    func indexPage(states: [ThreadState], site: String?, forum: String?, page: Int) throws(PageError) -> String {
        let site = site.flatMap { $0.isEmpty ? nil : $0 }
        let forum = forum.flatMap { $0.isEmpty ? nil : $0 }
        let links = links(depth: 0)
        let all = states.map { ($0, forumPath(of: $0)) }
        let shown = all.filter { state, path in
            (site == nil || state.site == site || state.host == site) && (forum.map { path.contains($0) } ?? true)
        }.sorted { ($0.0.lastChanged, $1.0.threadKey) > ($1.0.lastChanged, $0.0.threadKey) }
        let pages = indexPageCount(shown.count)
        guard page >= 1, page <= pages else { throw PageError(.notFound, "no page \(page) of threads (there are \(pages))") }
        var times = times()
        let rows = shown.dropFirst((page - 1) * options.pageSize).prefix(options.pageSize).map { state, path in
            row(state, forum: path, links: links, times: &times)
        }
        var filters: [FilterForm] = []
        var active: [ActiveFilter] = []
        if links.isServer {
            let sites = Set(all.map { $0.0.site ?? $0.0.host }).sorted()
            let forums = Set(all.flatMap(\.1)).sorted()
            filters.append(
                FilterForm(
                    action: "/", sites: sites.map { OptionView(value: $0, label: $0, selected: $0 == site) },
                    forums: forums.map { OptionView(value: $0, label: $0, selected: $0 == forum) }))
            if let site { active.append(ActiveFilter(name: "site", value: site, clear: links.index(forum: forum))) }
            if let forum { active.append(ActiveFilter(name: "forum", value: forum, clear: links.index(site: site))) }
        }
        let hosts = Set(shown.map(\.0.host)).sorted().prefix(20)
        let feeds = hosts.compactMap { host in links.siteFeed(host: host).map { FeedLink(title: "New in \(host)", href: $0) } }
        let heading = ["Threads", site.map { "on \($0)" }, forum.map { "in \($0)" }].compactMap { $0 }.joined(separator: " ")
        let pager = PagerView(page: page, pages: pages) { links.index(page: $0, site: site, forum: forum) }
        let view = IndexView(
            chrome: Chrome(title: heading, links: links, feeds: feeds), heading: heading, filters: filters,
            activeFilters: active, threads: rows, isEmpty: rows.isEmpty, total: shown.count, pager: pager,
            hasPager: pages > 1)
        return PageTemplates.render(view, "index")
    }

    /// A thread's forum path: from its state, or from its snapshot for states written before it was kept there.
    func forumPath(of state: ThreadState) -> [String] {
        if let forum = state.forum { return forum }
        return (try? reader.snapshot(of: state.threadKey).forum) ?? []
    }

    /// A thread in the index.
    func row(_ state: ThreadState, forum: [String], links: PageLinks, times: inout TimeText) -> ThreadRow {
        let key = state.threadKey
        let site = state.site ?? state.host
        return ThreadRow(
            href: links.thread(key), title: state.title ?? key.description,
            site: [LinkView(site, href: links.isServer ? links.index(site: site) : nil)],
            forum: forum.last.map { [LinkView(forum.joined(separator: " › "), href: links.isServer ? links.index(forum: $0) : nil)] } ?? [],
            details: Self.plural(state.posts, "post") + " · " + Self.plural(state.versions, "version"),
            lastActivity: times.view(iso: state.lastChanged).map { [$0] } ?? [],
            story: state.story.map { [LinkView($0, href: links.story(id: StoryEntry.id(ofCanonical: $0)))] } ?? [])
    }
}
