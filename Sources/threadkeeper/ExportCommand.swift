import Archive
import ArgumentParser
import Foundation
import Model
import Pages

/// `threadkeeper export [THREAD...] --format jsonl`: one JSON object per post; `threadkeeper export --format
/// html DIR [THREAD...]`: the web reader's pages as files.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export posts as JSON Lines, or the archive as HTML pages to read without a server.",
        discussion: """
            jsonl: each line is a post of the latest version (removed posts included, with removedIn) with \
            `thread` (host/id), `threadTitle`, `threadUrl`, `site`, `story` and `version` beside the \
            post's own fields. All threads when none is named.

            html: `export --format html DIR [THREAD...]` writes the reader's pages into DIR (created if \
            missing; if not empty it must be an earlier html export): index.html, stories/, and each \
            thread's versions, history and diffs under t/, with relative links, to open from file:// or hand \
            to someone else. No search, no feeds.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, html }

    @Argument(help: "Threads (host/id, URL or unique prefix); all when none. With --format html, the folder first.")
    var threads: [String] = []

    @Option(help: "The output format: jsonl or html.")
    var format: Format = .jsonl

    @Flag(help: "html: keep remote images in post bodies (off: loading them tells the forum who reads what).")
    var remoteImages = false

    func validate() throws {
        if format == .html, threads.isEmpty {
            throw ValidationError("--format html needs the folder to write: export --format html DIR [THREAD...]")
        }
    }

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let reader = try archive.reader(for: "export")
        if format == .html { return try exportHTML(reader) }
        let keys = threads.isEmpty
            ? reader.states().states.map(\.threadKey)
            : try threads.map { try resolve($0, in: reader, verb: "export") }
        var failed = false
        for key in keys {
            do {
                let snapshot = try reader.snapshot(of: key)
                for post in snapshot.posts {
                    try printJSON(ExportedPost(snapshot: snapshot, post: post))
                }
            } catch {
                report("export", "\(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// The pages into the folder named first; one summary line, and a line per thread that failed.
    private func exportHTML(_ reader: ArchiveReader) throws {
        let folder = threads[0]
        let keys = try threads.dropFirst().map { try resolve($0, in: reader, verb: "export") }
        let export = StaticExport(reader: reader, options: PageOptions(allowRemoteImages: remoteImages))
        let written: ExportReport
        do {
            written = try export.write(to: folder, threads: keys.isEmpty ? nil : keys)
        } catch {
            report("export", error.message)
            throw ExitCode.failure
        }
        for problem in written.problems { report("export", problem) }
        print("exported \(written.threads) thread\(written.threads == 1 ? "" : "s") to \(folder): \(written.files.count) files, \(written.bytes) bytes"
            + (written.problems.isEmpty ? "" : "; \(written.problems.count) failed"))
        if !written.problems.isEmpty { throw ExitCode.failure }
    }

    /// A post with its thread's fields beside its own.
    struct ExportedPost: Encodable {
        var snapshot: ThreadSnapshot
        var post: ArchivedPost

        enum Keys: String, CodingKey { case thread, threadTitle, threadUrl, site, story, version }

        func encode(to encoder: any Encoder) throws {
            try post.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(snapshot.key, forKey: .thread)
            try c.encode(snapshot.title, forKey: .threadTitle)
            try c.encode(snapshot.url, forKey: .threadUrl)
            try c.encode(snapshot.site, forKey: .site)
            try c.encode(snapshot.story?.canonical, forKey: .story)
            try c.encode(snapshot.version, forKey: .version)
        }
    }
}
