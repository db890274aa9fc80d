import Archive
import ArgumentParser
import Extract
import Foundation
import Model

/// `threadkeeper stories`: threads grouped by the news story they discuss.
struct StoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "List news stories with the archived threads that discuss them, most active first.",
        discussion: """
            Threads from every site are grouped by the canonical form of the story link their opening \
            post shares (tracking parameters, www., AMP forms removed). The index is derived from the \
            archive: --rebuild builds it anew (it is rebuilt by itself when missing, e.g. after a crash).
            """
    )

    @Option(help: "Only stories with activity at or after TIME (ISO 8601 or Unix seconds).")
    var since: String?

    @Flag(help: "One JSON object per story.")
    var json = false

    @Flag(help: "Rebuild the index from the archive (takes the writer lock).")
    var rebuild = false

    @OptionGroup var archive: ArchiveOptions

    func validate() throws {
        if let since, parseTime(since) == nil {
            throw ValidationError("--since: \"\(since)\" is not an ISO 8601 time or Unix seconds")
        }
    }

    func run() throws {
        let index: StoryIndex
        if rebuild {
            let writer = try archive.writer(for: "stories")
            index = try orFail("stories") { () throws(ArchiveError) in try writer.rebuildStoryIndex() }
        } else {
            index = try archive.reader(for: "stories").storyIndex()
        }
        let cutoff = since.flatMap(parseTime).map(ISOTime.string)
        for story in index.since(cutoff) {
            try printStory(story, json: json)
        }
    }
}

/// `threadkeeper story URL`: every archived discussion of one story.
struct StoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story",
        abstract: "Show every archived discussion of a news story, by its URL (any form of it).")

    @Argument(help: "The story's URL (tracking parameters, www. and AMP forms are fine).")
    var url: String

    @Flag(help: "The story as one JSON object.")
    var json = false

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        guard let canonical = Links.canonical(url) else {
            report("story", "\(url): not an http(s) URL")
            throw ExitCode.failure
        }
        guard let story = try archive.reader(for: "story").storyIndex().story(canonical) else {
            report("story", "\(url): no archived thread discusses this story (\(canonical))")
            throw ExitCode.failure
        }
        try printStory(story, json: json)
    }
}

/// A story: its canonical link, then one line per thread (site, key, posts, last activity, title).
private func printStory(_ story: StoryEntry, json: Bool) throws {
    if json {
        try printJSON(story)
        return
    }
    let threads = story.threads.count == 1 ? "1 thread" : "\(story.threads.count) threads"
    print("\(TerminalText.escaped(story.canonical, keepNewlines: false))\t\(threads)\t\(story.posts) posts\tlast \(story.lastActivity)")
    for thread in story.threads {
        let title = TerminalText.escaped(thread.title ?? "(untitled)", keepNewlines: false)
        print("  \(thread.site ?? "-")\t\(TerminalText.escaped(thread.key, keepNewlines: false))\t\(thread.posts) posts\t\(thread.lastActivity)\t\(title)")
    }
}
