import Archive
import ArgumentParser
import Foundation

/// `threadkeeper verify [--repair]`: check every hash and every raw capture.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Replay every thread's history, check every hash and WARC reference; report each problem.",
        discussion: """
            One line per problem, naming the file (and version) and the cause; exit status 1 if any. \
            --repair (which takes the archive's writer lock) cuts off torn last records of histories and \
            WARC files and rewrites thread.json and state.json from the history where they disagree. \
            --json prints the counts and every problem as one JSON object.
            """
    )

    @Flag(help: "Mend what can be mended without losing anything.")
    var repair = false

    @Flag(help: "The counts and every problem as one JSON object.")
    var json = false

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let writer = repair ? try archive.writer(for: "verify") : nil
        let reader = try writer?.reader ?? archive.reader(for: "verify")
        let result = reader.verify(repair: repair)
        if json {
            for problem in result.failures { report("verify", problem.description) }
            try printJSON(VerifyJSON(result: result))
            if !result.failures.isEmpty { throw ExitCode.failure }
            return
        }
        for problem in result.problems {
            if problem.repaired {
                print("repaired: \(problem)")
            } else if problem.isLeftover {
                print("note: \(problem) (the next store or verify --repair completes it)")
            } else {
                report("verify", problem.description)
            }
        }
        let summary = "\(result.threads) threads, \(result.versions) versions, \(result.captures) captures, "
            + "\(result.warcFiles) WARC files (\(result.warcRecords) records): "
            + (result.failures.isEmpty ? "ok" : result.failures.count == 1 ? "1 problem" : "\(result.failures.count) problems")
        print(summary)
        if !result.failures.isEmpty { throw ExitCode.failure }
    }
}

