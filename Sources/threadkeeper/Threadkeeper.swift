import ArgumentParser

@main
struct Threadkeeper: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "threadkeeper",
        abstract: "Archive forum discussions of news stories.",
        subcommands: []
    )
}
