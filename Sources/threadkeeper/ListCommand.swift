import Archive
import ArgumentParser
import Foundation
import Model

/// `threadkeeper list`: the archived threads.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List archived threads: site, thread, title, versions, posts, last change.")

    @Option(help: "Only threads of this site: its host, or the config name of the site that crawls it.")
    var site: String?

    @Flag(help: "One JSON object per thread (its state.json).")
    var json = false

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let reader = try archive.reader(for: "list")
        let (states, problems) = reader.states()
        for problem in problems { report("list", problem) }
        for state in states where site == nil || [state.site, state.host, state.schedule?.site].contains(site) {
            if json {
                try printJSON(state)
            } else {
                let title = TerminalText.escaped(state.title ?? "(untitled)", keepNewlines: false)
                let versions = state.versions == 1 ? "1 version" : "\(state.versions) versions"
                print("\(state.site ?? "-")\t\(TerminalText.escaped(state.key, keepNewlines: false))\t\(title)\t\(versions)\t\(state.posts) posts\t\(state.lastChanged)")
            }
        }
        if !problems.isEmpty { throw ExitCode.failure }
    }
}
