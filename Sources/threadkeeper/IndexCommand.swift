import Archive
import ArgumentParser
import Foundation
import Search

/// `threadkeeper index [--rebuild]`: build the search index or bring it up to date.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build the full-text search index of the archive, or bring it up to date.",
        discussion: """
            The index (ARCHIVE/index/search.sqlite; under ~/.cache/threadkeeper/ when the archive folder is \
            not writable) is derived from the archive: a missing, damaged or outdated one is built again, and \
            one behind the archive reindexes the threads that changed. Deleting it loses nothing. Prints one \
            line: what it did, threads, posts, time and file.
            """
    )

    @Flag(help: "Build the index again from the whole archive.")
    var rebuild = false

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let reader = try archive.reader(for: "index")
        let index = try orFailSearch("index") { () throws(SearchError) in try SearchIndex.open(archive: reader) }
        var result = index.opened
        if rebuild && !result.rebuilt {
            result = try orFailSearch("index") { () throws(SearchError) in try index.rebuild() }
        }
        for problem in result.problems { report("index", problem) }
        print(Self.line(result))
        if !result.problems.isEmpty { throw ExitCode.failure }
    }

    /// `rebuilt (missing): 3 threads, 7 posts in 0.1 s: archive/index/search.sqlite`.
    static func line(_ report: IndexReport) -> String {
        let (seconds, attoseconds) = report.duration.components
        let time = String(format: "%.1f s", Double(seconds) + Double(attoseconds) / 1e18)
        let what = report.rebuilt
            ? "rebuilt (\(report.reason ?? "asked"))"
            : "up to date (\(report.reindexed) reindexed, \(report.dropped) dropped)"
        return "\(what): \(report.threads) threads, \(report.posts) posts in \(time): \(report.file)"
    }
}

/// Runs `body`; a `SearchError` (or an `ArchiveError`) is reported as one line for `verb` and ends the command
/// with status 1, or 2 for a query that cannot be read.
func orFailSearch<T>(_ verb: String, _ body: () throws -> T) throws -> T {
    do {
        return try orFail(verb, body)
    } catch let error as SearchError {
        report(verb, error.description)
        throw error.code == .badQuery ? ExitCode(2) : ExitCode.failure
    }
}
