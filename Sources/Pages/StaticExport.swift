public import Archive
import Foundation
import Model

/// The reader's pages as files: `index.html` (and `page-2.html`…), `stories/`, and for each thread
/// `t/H/I/index.html`, `v-N.html` for every version, `history.html` and `diff-A-B.html` for consecutive
/// versions, with `style.css`. Links are relative, so the folder reads from `file://` with no server; there
/// is no search and there are no feeds.
///
/// Each file is written to a temporary name and renamed into place. A folder that is not empty must hold a
/// previous export (its `.threadkeeper-export` marker): files of that export that this one no longer writes
/// are removed, and nothing else is touched.
public struct StaticExport: Sendable {
    public let reader: ArchiveReader
    public let options: PageOptions

    /// The marker file that names a folder as an export, and lists the files it wrote.
    public static let markerName = ".threadkeeper-export"
    static let markerHeader = "threadkeeper html export 1"

    /// `options` with relative file links, whatever link style they name.
    public init(reader: ArchiveReader, options: PageOptions = PageOptions()) {
        self.reader = reader
        var options = options
        options.linkStyle = .files
        self.options = options
    }

    /// Writes the pages of `threads` (all when nil) into `folder`, created if missing.
    public func write(to folder: String, threads: [ThreadKey]? = nil) throws(PageError) -> ExportReport {
        let previous = try checkFolder(folder)
        let all = reader.states().states
        var selected = all
        if let threads {
            let wanted = Set(threads)
            selected = all.filter { wanted.contains($0.threadKey) }
            if let missing = threads.first(where: { key in !selected.contains { $0.threadKey == key } }) {
                throw PageError(.notFound, "\(missing): not in the archive")
            }
        }
        let stories = StoryIndex(states: selected)
        var pages = ReaderPages(reader: reader, options: options)
        pages.storyPages = Set(stories.stories.map(\.id))
        var report = ExportReport(folder: folder)

        for page in 1...pages.indexPageCount(selected.count) {
            try put(try pages.indexPage(states: selected, site: nil, forum: nil, page: page),
                    page == 1 ? "index.html" : "page-\(page).html", in: folder, report: &report)
        }
        try put(pages.storiesPage(stories), "stories/index.html", in: folder, report: &report)
        for entry in stories.stories {
            try put(pages.storyPage(entry), "stories/\(entry.id).html", in: folder, report: &report)
        }
        try put(ReaderPages.stylesheet, "style.css", in: folder, report: &report)
        for state in selected {
            do throws(PageError) {
                try writeThread(state.threadKey, pages: pages, folder: folder, report: &report)
                report.threads += 1
            } catch {
                report.problems.append(error.message)
            }
        }
        try finish(folder, previous: previous, report: report)
        return report
    }

    private func writeThread(_ key: ThreadKey, pages: ReaderPages, folder: String, report: inout ExportReport) throws(PageError) {
        let history = try pages.load { () throws(ArchiveError) in try reader.history(of: key) }
        let count = history.records.count
        let base = "t/\(key.relativePath)/"
        try put(pages.renderHistory(history.records, key: key), base + "history.html", in: folder, report: &report)
        var previous: ThreadSnapshot?
        for version in 1...max(1, count) {
            let snapshot = try pages.load { () throws(ArchiveError) in try reader.snapshot(of: key, version: version) }
            let page = pages.renderThread(snapshot, key: key, versions: count)
            try put(page, base + "v-\(version).html", in: folder, report: &report)
            if version == count { try put(page, base + "index.html", in: folder, report: &report) }
            if let previous {
                let diff = ThreadDiff(from: previous, to: snapshot)
                try put(pages.renderDiff(diff, title: snapshot.title ?? previous.title, key: key, versions: count),
                        base + "diff-\(version - 1)-\(version).html", in: folder, report: &report)
            }
            previous = snapshot
        }
    }

    // MARK: - Files

    /// The files a previous export in `folder` wrote; an error if the folder holds anything else.
    private func checkFolder(_ folder: String) throws(PageError) -> [String] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &isFolder) else {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw PageError(.failed, "\(folder): cannot create the folder: \(error.localizedDescription)")
            }
            return []
        }
        guard isFolder.boolValue else { throw PageError(.failed, "\(folder): not a folder") }
        let names = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
        if names.isEmpty { return [] }
        guard let marker = try? String(contentsOfFile: folder + "/" + Self.markerName, encoding: .utf8),
            marker.hasPrefix(Self.markerHeader)
        else {
            throw PageError(
                .failed, "\(folder): not empty and not an earlier html export (no \(Self.markerName)); choose a new or empty folder")
        }
        return marker.split(separator: "\n").dropFirst().map(String.init).filter(Self.isSafeRelativePath)
    }

    /// A path written by an export: relative, without `..`.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." }
    }

    /// Writes `text` to `folder/path` through a temporary file renamed into place.
    private func put(_ text: String, _ path: String, in folder: String, report: inout ExportReport) throws(PageError) {
        let target = folder + "/" + path
        let directory = (target as NSString).deletingLastPathComponent
        let temporary = directory + "/.tmp-" + ((path as NSString).lastPathComponent) + "-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
            unlink(temporary)
            throw PageError(.failed, "\(target): cannot write: \(error.localizedDescription)")
        }
        guard rename(temporary, target) == 0 else {
            let cause = String(cString: strerror(errno))
            unlink(temporary)
            throw PageError(.failed, "\(target): cannot rename into place: \(cause)")
        }
        report.files.append(path)
        report.bytes += text.utf8.count
    }

    /// Removes what the previous export wrote and this one did not, then writes the marker.
    private func finish(_ folder: String, previous: [String], report: ExportReport) throws(PageError) {
        let written = Set(report.files)
        for path in previous where !written.contains(path) {
            unlink(folder + "/" + path)
        }
        var scratch = report
        let marker = ([Self.markerHeader] + report.files).joined(separator: "\n") + "\n"
        try put(marker, Self.markerName, in: folder, report: &scratch)
    }
}

/// What an export wrote.
public struct ExportReport: Sendable, Hashable {
    /// The export's folder.
    public var folder: String
    /// Threads exported.
    public var threads: Int = 0
    /// The files written, relative to the folder, in the order written.
    public var files: [String] = []
    /// Their total size.
    public var bytes: Int = 0
    /// Threads that could not be exported, one line each.
    public var problems: [String] = []

    public init(folder: String) {
        self.folder = folder
    }
}
