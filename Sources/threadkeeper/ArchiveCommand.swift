import Archive
import ArgumentParser
import Crawl
import Fetch
import Foundation

/// `threadkeeper archive URL...`: fetch every page of each thread and store a version.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Fetch every page of threads and store them in the archive.",
        discussion: """
            Follows each thread's next-page links (up to the site's threadPages, else 50), with \
            conditional requests when the thread is already archived. One line per thread: new / \
            changed / unchanged, the thread, its version, posts +added ~edited -removed; or one line \
            naming the URL and the cause. Exit status 1 when any thread failed.
            """
    )

    @Argument(help: "Thread URLs.")
    var urls: [String]

    @Flag(help: "One JSON object per thread: outcome, thread, version, summary.")
    var json = false

    @OptionGroup var archive: ArchiveOptions

    func run() async throws {
        let (config, pipeline) = try archive.options.loadPipeline(for: "archive")
        let writer = try archive.writer(for: "archive")
        let client = HTTPClient(configuration: (config ?? pipeline.config).fetchConfiguration())
        let archiver = ThreadArchiver(pipeline: pipeline, client: client, writer: writer)
        var failed = false
        for url in urls {
            switch await archiver.archive(url) {
            case .success(let outcome):
                if json { try printJSON(OutcomeJSON(outcome: outcome)) } else { print(outcomeLine(outcome)) }
            case .failure(let failure):
                report("archive", failure.description)
                failed = true
            }
        }
        await client.shutdown()
        try? writer.close()
        if failed { throw ExitCode.failure }
    }
}
