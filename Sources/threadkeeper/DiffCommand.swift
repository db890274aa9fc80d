import Archive
import ArgumentParser
import Foundation
import Model

/// `--color=auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// `threadkeeper diff THREAD [FROM [TO]]`: what changed between two versions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed in a thread between two versions (default: the last two).",
        discussion: """
            Posts added, removed and edited (a word-level diff of the text), and changed title, story, \
            forum path and counts. Coloured like `git diff` on a terminal. --json prints the stable \
            machine form documented in archive/README.md.
            """
    )

    @Argument(help: "The thread: host/id, its URL, or a unique prefix.")
    var thread: String

    @Argument(help: "The older version (default: the one before TO).")
    var from: Int?

    @Argument(help: "The newer version (default: the latest).")
    var to: Int?

    @Flag(help: "The diff as one JSON object.")
    var json = false

    @Option(help: "Colour: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let reader = try archive.reader(for: "diff")
        let key = try resolve(thread, in: reader, verb: "diff")
        let diff = try orFail("diff") { () throws(ArchiveError) in
            let count = try reader.history(of: key, through: 0).count
            guard count > 1 || from != nil else {
                throw ArchiveError("\(key): has only one version; nothing to compare yet")
            }
            let newer = to ?? (from.map { _ in count } ?? count)
            let older = from ?? max(1, newer - 1)
            let (a, b) = try reader.snapshots(of: key, older, newer)
            return ThreadDiff(from: a, to: b)
        }
        if json {
            try printJSON(diff)
        } else {
            let text = DiffText(width: Terminal.standardOutput.width, palette: Palette(enabled: Terminal.colours(color)))
            FileHandle.standardOutput.write(Data(text.render(diff).utf8))
        }
    }
}
