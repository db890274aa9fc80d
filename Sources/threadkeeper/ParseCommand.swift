import ArgumentParser
import Crawl
import Extract
import Foundation
import Model

/// `threadkeeper parse FILE…`: extract thread or listing JSON from saved pages.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Extract thread or listing JSON from saved pages.",
        discussion: """
            Prints the JSON of one page (indented), or JSON Lines for several; - reads a page from \
            standard input. Without --profile the \
            profile is chosen from the URL and the page's markup. A page that cannot be read gives one \
            line on stderr naming the file and the cause; the others are still printed; the exit \
            status is then 1. --forums prints the forums a board index names instead (text, or \
            --json for JSON Lines).
            """
    )

    @Argument(help: "Saved HTML pages; - reads one from standard input.")
    var files: [String]

    @Option(help: "The profile to use instead of detecting one (see `threadkeeper profiles`).")
    var profile: String?

    @Option(help: "The page's original address: resolves relative links and helps detection.")
    var url: String?

    @Option(name: .customLong("fetched-at"), help: "When the page was fetched (ISO 8601 or Unix seconds); relative times resolve against it. Default: now.")
    var fetchedAt: String?

    @Option(help: "The charset the HTTP Content-Type declared, if known.")
    var charset: String?

    @Flag(help: "Print, per profile field, how many nodes each XPath matched and sample values.")
    var explain = false

    @Flag(help: "Print one JSON object per line even for one page.")
    var compact = false

    @Flag(help: "Print the forums a board index (or a forum's sub-forum list) names, one a line.")
    var forums = false

    @Flag(help: "With --forums: one JSON object per forum and line instead of text.")
    var json = false

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if json && !forums {
            throw ValidationError("--json goes with --forums (parse prints JSON already)")
        }
        if forums && explain {
            throw ValidationError("--forums and --explain: choose one")
        }
        if let fetchedAt, parseTime(fetchedAt) == nil {
            throw ValidationError("--fetched-at: \"\(fetchedAt)\" is not an ISO 8601 time or Unix seconds")
        }
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ValidationError("--url: \"\(url)\" is not an http(s) URL")
        }
    }

    func run() throws {
        let (_, pipeline) = try options.loadPipeline(for: "parse")
        let extractor = pipeline.extractor
        let extraction = pipeline.extractionOptions(
            url: url, fetchedAt: fetchedAt.flatMap(parseTime) ?? Date(), charset: charset, profile: profile)
        var failed = false
        for file in files {
            let source = savedPageName(file)
            do {
                let bytes = try readSavedPage(file, limit: extraction.maximumBytes)
                if explain {
                    print(try extractor.explain(bytes, options: extraction, source: source))
                    continue
                }
                let page = try extractor.extract(bytes, options: extraction, source: source)
                if forums {
                    guard case .listing(let listing) = page, !listing.forums.isEmpty else {
                        report("parse", "\(source): names no forums (not a board index)")
                        failed = true
                        continue
                    }
                    try printForums(listing.forums)
                    continue
                }
                let data = files.count == 1 && !compact ? try CanonicalJSON.encodePretty(page) : try CanonicalJSON.encode(page)
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            } catch let error as ExtractError {
                // The library names no flags; here the way out is one.
                let hint = error.code == .unknownEngine ? "; name one with --profile" : ""
                report("parse", error.description + hint)
                failed = true
            } catch let error as SavedPageError {
                report("parse", "\(source): \(error.reason)")
                failed = true
            } catch {
                report("parse", "\(source): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// `Category › Forum  12 topics  340 posts  URL` (tab-separated), or with `--json` the forum objects.
    private func printForums(_ list: [ListingForum]) throws {
        for forum in list {
            if json {
                FileHandle.standardOutput.write(try CanonicalJSON.encode(forum) + Data("\n".utf8))
                continue
            }
            let name = [forum.category, forum.title ?? "(untitled)"].compactMap { $0 }.joined(separator: " › ")
            let topics = forum.counts.topics.map { "\($0) topics" } ?? "- topics"
            let posts = forum.counts.posts.map { "\($0) posts" } ?? "- posts"
            print("\(name)\t\(topics)\t\(posts)\t\(forum.url ?? "-")")
        }
    }
}
