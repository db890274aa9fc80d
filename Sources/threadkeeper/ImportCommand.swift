import Archive
import ArgumentParser
import Config
import Crawl
import Foundation

/// `threadkeeper import FILE... --url URL`: store saved pages of one thread as a version.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store saved pages of one thread (in order) as a version in the archive.",
        discussion: """
            The pages are extracted as if fetched from --url at --fetched-at (default: now) and stored \
            like a fetch: a new version when the discussion changed, otherwise only the latest \
            observation. Prints one line: new / changed / unchanged, the thread, its version, and posts \
            +added ~edited -removed.
            """
    )

    @Argument(help: "Saved pages of one thread, in page order.")
    var files: [String]

    @Option(help: "The thread's address (its first page).")
    var url: String

    @Option(name: .customLong("fetched-at"), help: "When the pages were fetched (ISO 8601 or Unix seconds). Default: now.")
    var fetchedAt: String?

    @Option(help: "The profile to use instead of detecting one.")
    var profile: String?

    @Flag(help: "One JSON object per thread: outcome, thread, version, summary.")
    var json = false

    @OptionGroup var archive: ArchiveOptions

    func validate() throws {
        if let fetchedAt, parseTime(fetchedAt) == nil {
            throw ValidationError("--fetched-at: \"\(fetchedAt)\" is not an ISO 8601 time or Unix seconds")
        }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ValidationError("--url: \"\(url)\" is not an http(s) URL")
        }
    }

    func run() throws {
        let (_, pipeline) = try archive.options.loadPipeline(for: "import")
        var saved: [(source: String, bytes: [UInt8])] = []
        for file in files {
            do {
                saved.append((file, try readSavedPage(file, limit: pipeline.config.fetch.maxBodyBytes)))
            } catch {
                report("import", "\(file): \(error.reason)")
                throw ExitCode.failure
            }
        }
        let capture: ThreadCapture
        do {
            capture = try pipeline.capture(
                savedPages: saved, url: url, fetchedAt: fetchedAt.flatMap(parseTime) ?? Date(), profile: profile)
        } catch {
            report("import", error.description)
            throw ExitCode.failure
        }
        let writer = try archive.writer(for: "import")
        let outcome = try orFail("import") { () throws(ArchiveError) in
            defer { try? writer.close() }
            return try writer.store(capture)
        }
        if json { try printJSON(OutcomeJSON(outcome: outcome)) } else { print(outcomeLine(outcome)) }
    }
}
