import Archive
import ArgumentParser
import Foundation
import Model

/// `threadkeeper show THREAD`: a thread as of any version, as JSON.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a thread as of any version (the snapshot JSON).",
        discussion: """
            THREAD is host/id as `list` shows it, the thread's URL, or a unique prefix. Prints the \
            snapshot indented (compact with --json), checked against its hash. Characters a terminal \
            would act on that JSON leaves raw (C1 controls, bidi overrides) are written as \\uXXXX \
            escapes: the same JSON value, safe on a screen.
            """
    )

    @Argument(help: "The thread: host/id, its URL, or a unique prefix.")
    var thread: String

    @Option(help: "The version (default: the latest).")
    var version: Int?

    @Flag(help: "Compact JSON on one line.")
    var json = false

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let reader = try archive.reader(for: "show")
        let key = try resolve(thread, in: reader, verb: "show")
        let snapshot = try orFail("show") { () throws(ArchiveError) in try reader.snapshot(of: key, version: version) }
        try printJSON(snapshot, pretty: !json)
    }
}
