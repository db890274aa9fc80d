import ArgumentParser
import Config
import Crawl
import Extract
import Fetch
import Foundation
import Model

/// `threadkeeper check`: fetch every seed of config.json with the crawler's client and show what
/// the extractor reads from it. A dry run of one crawl round: nothing is written.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fetch each configured site's seeds and show what extraction finds (writes nothing).",
        discussion: """
            For every seed of every site in the configuration, prints one line: the site, the URL, \
            the HTTP status, and the threads (listing) or posts (thread) the site's profile reads, \
            under a header line; a failed seed gives one line on stderr with the cause, and exit status \
            1. --json prints one JSON object per seed instead. --site with a name the configuration \
            does not have is bad usage (exit status 2) and lists the configured sites.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Only this site (by its name in the configuration).")
    var site: String?

    @Flag(help: "One JSON object per seed (failures too, with \"error\").")
    var json = false

    func run() async throws {
        let (loaded, pipeline) = try options.loadPipeline(for: "check")
        let profiles = pipeline.profiles
        let config: ThreadkeeperConfig
        if let found = loaded {
            config = found
        } else {
            report("check", "no configuration: pass --config PATH or run where config.json is")
            throw ExitCode.failure
        }
        let sites = config.sites.filter { site == nil || $0.name == site }
        if let site, sites.isEmpty {
            throw ValidationError(unknownSite(site, in: config))
        }
        for site in sites where profiles.profile(named: site.profile) == nil {
            report("check", "\(config.source): site \(site.name): unknown profile \"\(site.profile)\"")
            throw ExitCode.failure
        }
        let client = HTTPClient(configuration: config.fetchConfiguration())
        let results = await withTaskGroup(of: (Int, SeedCheck).self) { group in
            var index = 0
            for site in sites {
                for seed in site.seeds {
                    let position = index
                    index += 1
                    group.addTask { (position, await pipeline.check(seed, site: site.name, profile: site.profile, client: client)) }
                }
            }
            var results: [(Int, SeedCheck)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        await client.shutdown()
        var headerShown = false
        for result in results {
            if let error = result.error { report("check", "\(result.site): \(error)") }
            if json {
                try printJSON(result)
            } else if result.error == nil {
                if !headerShown { print("site\turl\tstatus\tfound") }
                headerShown = true
                print(result.line)
            }
        }
        if results.contains(where: { $0.error != nil }) { throw ExitCode.failure }
    }
}

/// The usage error for a `--site` naming no configured site: the file and the sites it configures.
func unknownSite(_ name: String, in config: ThreadkeeperConfig) -> String {
    let known = config.sites.map(\.name)
    let list = known.isEmpty ? "it configures no sites" : "configured sites: \(known.joined(separator: ", "))"
    return "--site: no site named \"\(name)\" in \(config.source); \(list)"
}

extension SeedCheck {
    /// `site  url  200  listing: 5 threads, next page …` (tab-separated).
    var line: String {
        let found: String
        if kind == "listing" {
            found = "listing: \(threads ?? 0) threads" + (forums.map { ", \($0) forums" } ?? "")
                + (nextPage.map { ", next page \($0)" } ?? "")
        } else {
            found = "thread: \(posts ?? 0) posts"
        }
        return "\(site)\t\(url)\t\(status.map(String.init) ?? "-")\t\(found)"
    }
}
