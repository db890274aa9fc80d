import Archive
import ArgumentParser
import Foundation
import Model

/// `threadkeeper history THREAD`: one line per version.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List a thread's versions: number, fetch time, posts, +added ~edited -removed, changed fields.")

    @Argument(help: "The thread: host/id, its URL, or a unique prefix.")
    var thread: String

    @Flag(help: "One JSON object per version.")
    var json = false

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let reader = try archive.reader(for: "history")
        let key = try resolve(thread, in: reader, verb: "history")
        let history = try orFail("history") { () throws(ArchiveError) in try reader.history(of: key) }
        for record in history.records {
            let summary = record.summary
            if json {
                let line = HistoryLine(
                    version: record.version, fetchedAt: record.provenance.fetchedAt, hash: record.hash,
                    pages: record.provenance.pages.count, summary: summary)
                try printJSON(line)
            } else {
                let fields = summary.changedFields.isEmpty ? "" : "\t" + summary.changedFields.joined(separator: ", ")
                print("v\(record.version)\t\(record.provenance.fetchedAt)\t\(summary.posts) posts\t+\(summary.added) ~\(summary.edited) -\(summary.removed)\(fields)")
            }
        }
        if history.tornTail > 0 {
            report("history", "\(key): the last \(history.tornTail) bytes of its history are a torn write, ignored (threadkeeper verify --repair removes them)")
        }
    }

    struct HistoryLine: Encodable {
        var version: Int
        var fetchedAt: String
        var hash: String
        var pages: Int
        var summary: ChangeSummary
    }
}
