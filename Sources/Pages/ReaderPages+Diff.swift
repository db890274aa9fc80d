public import Archive
import Model

extension ReaderPages {
    /// What changed in a thread from version `from` to version `to`: thread fields, posts added, removed
    /// and edited (their text word by word), counts.
    public func diff(key: ThreadKey, from: Int, to: Int) throws(PageError) -> String {
        let count = try versionCount(of: key)
        try check(from, of: key, count: count)
        try check(to, of: key, count: count)
        let (old, new) = try load { () throws(ArchiveError) in try reader.snapshots(of: key, from, to) }
        return renderDiff(ThreadDiff(from: old, to: new), title: new.title ?? old.title, key: key, versions: count)
    }

    func renderDiff(_ diff: ThreadDiff, title: String?, key: ThreadKey, versions: Int) -> String {
        let links = links(depth: 3)
        var times = times()
        let sanitizer = sanitizer
        let title = title ?? key.description
        func posts(_ list: [ArchivedPost], _ change: String, _ changeClass: String) -> [PostView] {
            list.map {
                var view = PostView($0, baseURL: nil, sanitizer: sanitizer, times: &times)
                view.change = change
                view.changeClass = changeClass
                return view
            }
        }
        let toHref = { (version: Int) in version == versions ? links.thread(key) : links.thread(key, version: version) }
        let edited = diff.edited.map { edit in
            let anchor = PostAnchor.anchor(forPostKey: edit.key)
            let counts = Counts.names.compactMap { name -> FieldRow? in
                let old = edit.before.post.counts[name]
                let new = edit.after.post.counts[name]
                guard old != new else { return nil }
                return FieldRow(name: name, old: old.map(String.init) ?? "none", new: new.map(String.init) ?? "none")
            }
            return EditView(
                anchor: anchor, href: toHref(diff.to) + "#" + anchor, position: edit.after.post.position,
                author: edit.after.post.author.name ?? "(unknown)", changed: edit.changed.joined(separator: ", "),
                counts: counts,
                title: edit.changed.contains("title")
                    ? [FieldRow(name: "title", old: edit.before.post.title ?? "(none)", new: edit.after.post.title ?? "(none)")]
                    : [],
                runs: edit.text.map { RunView(text: $0.text, op: $0.op) }, hasText: edit.changed.contains("text"))
        }
        var picker: [DiffPicker] = []
        if let action = links.diffAction(key) {
            let numbers = Array(1...max(1, versions))
            picker.append(
                DiffPicker(
                    action: action,
                    from: numbers.map { OptionView(value: String($0), label: "version \($0)", selected: $0 == diff.from) },
                    to: numbers.map { OptionView(value: String($0), label: "version \($0)", selected: $0 == diff.to) }))
        }
        let consecutive = diff.to == diff.from + 1
        let summary = diff.isEmpty
            ? "No changes."
            : "Posts: +\(diff.added.count) added, ~\(diff.edited.count) edited, −\(diff.removed.count) removed; "
                + "\(diff.fields.count) thread field\(diff.fields.count == 1 ? "" : "s") changed."
        let added = posts(diff.added, "+ added", "change-added")
        let removed = posts(diff.removed, "− removed", "change-removed")
        let view = DiffView(
            chrome: Chrome(title: "Changes: " + title, links: links), title: title, thread: links.thread(key),
            history: links.history(key), from: diff.from, to: diff.to, fromHref: toHref(diff.from), toHref: toHref(diff.to),
            fromFetched: times.view(iso: diff.fromFetchedAt).map { [$0] } ?? [],
            toFetched: times.view(iso: diff.toFetchedAt).map { [$0] } ?? [], summary: summary, isEmpty: diff.isEmpty,
            picker: picker,
            previous: consecutive && diff.from > 1 ? [links.diff(key, from: diff.from - 1, to: diff.from)] : [],
            next: consecutive && diff.to < versions ? [links.diff(key, from: diff.to, to: diff.to + 1)] : [],
            fields: diff.fields.map { FieldRow(name: $0.name, old: $0.old ?? "(none)", new: $0.new ?? "(none)") },
            hasFields: !diff.fields.isEmpty, added: added, removed: removed, edited: edited,
            hasAdded: !added.isEmpty, hasRemoved: !removed.isEmpty, hasEdited: !edited.isEmpty)
        return PageTemplates.render(view, "diff")
    }
}
