public import Archive
import Model

extension ReaderPages {
    /// A thread's versions, newest first: when each was fetched, what changed, links to it and to its diff.
    public func history(key: ThreadKey) throws(PageError) -> String {
        _ = try versionCount(of: key)
        let history = try load { () throws(ArchiveError) in try reader.history(of: key) }
        return renderHistory(history.records, key: key)
    }

    func renderHistory(_ records: [VersionRecord], key: ThreadKey) -> String {
        let links = links(depth: 3)
        var times = times()
        let title = records.last?.thread.title ?? key.description
        let rows = records.reversed().map { record in
            let summary = record.summary
            return VersionRow(
                number: record.version,
                href: record.version == records.count ? links.thread(key) : links.thread(key, version: record.version),
                fetched: times.view(iso: record.provenance.fetchedAt).map { [$0] } ?? [], posts: summary.posts,
                added: summary.added, edited: summary.edited, removed: summary.removed,
                fields: summary.changedFields.joined(separator: ", "),
                diff: record.version > 1
                    ? [LinkView("changes from \(record.version - 1)", href: links.diff(key, from: record.version - 1, to: record.version))]
                    : [],
                isLatest: record.version == records.count)
        }
        let view = HistoryView(
            chrome: Chrome(title: "History: " + title, links: links), title: title, thread: links.thread(key), rows: rows)
        return PageTemplates.render(view, "history")
    }
}
