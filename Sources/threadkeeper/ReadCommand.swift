import Archive
import ArgumentParser
import Foundation

/// `threadkeeper read THREAD`: a thread for reading in a terminal.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read a thread in the terminal: title, forum, story, then every post.",
        discussion: """
            Each post shows its author, the author's post count, the local time and the text wrapped \
            to the terminal, replies indented by depth. Through $PAGER (default `less -R`) when standard \
            output is a terminal. Control characters from the page are shown escaped.
            """
    )

    @Argument(help: "The thread: host/id, its URL, or a unique prefix.")
    var thread: String

    @Option(help: "The version (default: the latest).")
    var version: Int?

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let reader = try archive.reader(for: "read")
        let key = try resolve(thread, in: reader, verb: "read")
        let snapshot = try orFail("read") { () throws(ArchiveError) in try reader.snapshot(of: key, version: version) }
        let terminal = Terminal.standardOutput
        let text = ThreadText(width: terminal.width, palette: Palette(enabled: terminal.isTTY)).render(snapshot)
        terminal.page(text)
    }
}
