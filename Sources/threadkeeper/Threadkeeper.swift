import ArgumentParser
import Foundation

/// The command-line tool: verbs in the order data flows (DESIGN.md).
struct Threadkeeper: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "threadkeeper",
        abstract: "Archive forum discussions of news stories.",
        version: "0.1.0",
        subcommands: [
            FetchCommand.self, ParseCommand.self, ProfilesCommand.self, CheckCommand.self, CrawlCommand.self,
            ArchiveCommand.self, ImportCommand.self, ListCommand.self, ShowCommand.self, ReadCommand.self,
            HistoryCommand.self, DiffCommand.self, StoriesCommand.self, StoryCommand.self, ExportCommand.self,
            VerifyCommand.self, IndexCommand.self, SearchCommand.self,
        ]
    )
}

/// Runs the command tree; bad usage exits with status 2 (DESIGN.md), not ArgumentParser's 64.
@main
enum Main {
    static func main() async {
        do {
            var command = try Threadkeeper.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Threadkeeper.exitCode(for: error)
            if code == .validationFailure {
                // One line, like every other failure; the usage is one `--help` away.
                let message = Threadkeeper.message(for: error).split(separator: "\n").first.map(String.init) ?? ""
                FileHandle.standardError.write(
                    Data("threadkeeper: \(message) (see 'threadkeeper --help')\n".utf8))
                exit(2)
            }
            Threadkeeper.exit(withError: error)
        }
    }
}

/// Writes one line to standard error, prefixed with the tool's name and the verb.
func report(_ verb: String, _ message: String) {
    FileHandle.standardError.write(Data("threadkeeper: \(verb): \(message)\n".utf8))
}
