import Archive
import ArgumentParser
import Foundation
import Model

/// `threadkeeper export [THREAD...] --format jsonl`: one JSON object per post.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export posts as JSON Lines: one object per post with its thread and version.",
        discussion: """
            Each line is a post of the latest version (removed posts included, with removedIn) with \
            `thread` (host/id), `threadTitle`, `threadUrl`, `site`, `story` and `version` beside the \
            post's own fields. All threads when none is named.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl }

    @Argument(help: "Threads (host/id, URL or unique prefix); all when none.")
    var threads: [String] = []

    @Option(help: "The output format: jsonl.")
    var format: Format = .jsonl

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let reader = try archive.reader(for: "export")
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
