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
            VerifyCommand.self, IndexCommand.self, SearchCommand.self, ServeCommand.self,
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
            let verb = Usage.verb(in: CommandLine.arguments)
            if code == .validationFailure {
                FileHandle.standardError.write(
                    Data((Usage.line(Threadkeeper.message(for: error), verb: verb) + "\n").utf8))
                exit(2)
            }
            let text = Threadkeeper.fullMessage(for: error)
            if code == .success, text.contains("USAGE:") {
                // A help page: with the exit statuses, which ArgumentParser has no place for.
                print(text.hasSuffix("\n") ? text + Usage.exitStatusHelp : text + "\n" + Usage.exitStatusHelp)
                exit(0)
            }
            Threadkeeper.exit(withError: error)
        }
    }
}

/// Writes one line to standard error, prefixed with the tool's name and the verb.
func report(_ verb: String, _ message: String) {
    FileHandle.standardError.write(Data("threadkeeper: \(verb): \(message)\n".utf8))
}
