import Archive
import ArgumentParser
import Foundation
import Search

/// `threadkeeper search QUERY`: full-text search over the archive's posts.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the archived posts: text, authors and thread titles.",
        discussion: """
            Words are ANDed; "exact phrase"; prefix*; -word leaves out; OR between two terms finds either; \
            site:, author:, from: and to: (YYYY-MM-DD, YYYY-MM or YYYY) in the query set the filters too. \
            Case and diacritics are ignored. Prints each hit: thread, author, time, title, and a snippet \
            with the matches highlighted on a terminal; --json prints one JSON object per hit. The index \
            is brought up to date (or built) first.
            """
    )

    @Argument(help: "What to search for.")
    var query: String

    @Option(help: "Only threads of this site (its config name, or the host).")
    var site: String?

    @Option(help: "Only posts by this author.")
    var author: String?

    @Option(help: "Only posts published on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).")
    var from: String?

    @Option(help: "Only posts published on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).")
    var to: String?

    @Option(help: "At most this many hits (1 to \(SearchQuery.maximumLimit)).")
    var limit = 20

    @Option(help: "Skip this many hits first.")
    var offset = 0

    @Flag(help: "One JSON object per hit.")
    var json = false

    @Option(help: "Colour: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    @OptionGroup var archive: ArchiveOptions

    func validate() throws {
        guard (1...SearchQuery.maximumLimit).contains(limit) else {
            throw ValidationError("--limit: \(limit) is not between 1 and \(SearchQuery.maximumLimit)")
        }
        guard offset >= 0 else { throw ValidationError("--offset: \(offset) is negative") }
    }

    func run() throws {
        let reader = try archive.reader(for: "search")
        let results = try orFailSearch("search") { () throws(SearchError) in
            let index = try SearchIndex.open(archive: reader)
            for problem in index.opened.problems { report("search", problem) }
            return try index.search(
                SearchQuery(query, site: site, author: author, from: from, to: to, limit: limit, offset: offset))
        }
        if json {
            for hit in results.hits { try printJSON(hit) }
            return
        }
        let palette = Palette(enabled: Terminal.colours(color))
        var text = ""
        for hit in results.hits {
            text += Self.render(hit, palette: palette, width: Terminal.standardOutput.width)
        }
        let shown = results.hits.isEmpty ? "no hits" : "hits \(offset + 1)–\(offset + results.hits.count) of \(results.total)"
        text += palette.dim(results.hits.isEmpty && results.total > 0 ? "no hits past \(offset) (\(results.total) in all)" : shown) + "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `host/id  author  time  [removed]  title`, then the snippet, indented.
    static func render(_ hit: SearchHit, palette: Palette, width: Int) -> String {
        func clean(_ text: String?) -> String { TerminalText.escaped(text ?? "-", keepNewlines: false) }
        var location = hit.threadKey.description + " #\(hit.position)"
        if let comment = hit.comment { location += " comment \(comment)" }
        var head = [palette.cyan(clean(location)), palette.bold(clean(hit.author)), clean(hit.published)]
        if hit.removed { head.append(palette.red("[removed]")) }
        head.append(clean(hit.threadTitle))
        let snippet = hit.snippet.map { run in
            let text = TerminalText.escaped(run.text.replacingOccurrences(of: "\n", with: " "), keepNewlines: false)
            return run.isMatch ? palette.yellow(palette.bold(text)) : text
        }.joined()
        return head.joined(separator: "  ") + "\n    " + snippet + "\n"
    }
}
