import Search
import Archive

extension ReaderPages {
    /// Search results: the form filled in with the query, the number of matches, and one page of hits with
    /// their matches highlighted, each linking to the post in its thread.
    public func search(model: SearchPageModel) -> String {
        let links = links(depth: 0)
        var times = times()
        let hits = model.hits.map { hit in
            HitView(
                href: links.thread(hit.threadKey) + "#" + PostAnchor.anchor(forPostKey: hit.postKey),
                threadTitle: hit.threadTitle ?? hit.threadKey.description, author: hit.author ?? "(unknown)",
                site: hit.site ?? hit.threadKey.host, time: hit.published.flatMap { times.view(iso: $0) }.map { [$0] } ?? [],
                removed: hit.removed, snippet: hit.snippet.map { SnippetView(text: $0.text, isMatch: $0.isMatch) })
        }
        let pages = max(1, (model.total + model.pageSize - 1) / model.pageSize)
        let pager = PagerView(page: model.page, pages: pages) {
            links.search(query: model.query, site: model.site, author: model.author, from: model.from, to: model.to, page: $0)
        }
        let title = model.query.isEmpty ? "Search" : "Search: \(model.query)"
        let view = SearchView(
            chrome: Chrome(title: title, links: links, query: model.query), query: model.query, site: model.site,
            author: model.author, from: model.from, to: model.to, hasQuery: !model.query.isEmpty,
            total: model.total == 1 ? "1 post matches" : "\(PageText.grouped(model.total)) posts match", hits: hits,
            isEmpty: hits.isEmpty, pager: pager, hasPager: pages > 1)
        return PageTemplates.render(view, "search")
    }
}
