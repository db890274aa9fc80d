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
            or the cause of the failure. Exit status 1 when any seed failed.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Only this site (by its name in the configuration).")
    var site: String?

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
            report("check", "\(config.source): no site named \"\(site)\"")
            throw ExitCode.failure
        }
        for site in sites where profiles.profile(named: site.profile) == nil {
            report("check", "\(config.source): site \(site.name): unknown profile \"\(site.profile)\"")
            throw ExitCode.failure
        }
        let client = HTTPClient(configuration: config.fetchConfiguration())
        let lines = await withTaskGroup(of: (Int, String, Bool).self) { group in
            var index = 0
            for site in sites {
                for seed in site.seeds {
                    let position = index
                    index += 1
                    group.addTask {
                        let (line, ok) = await Self.check(seed, site: site, client: client, pipeline: pipeline)
                        return (position, line, ok)
                    }
                }
            }
            var results: [(Int, String, Bool)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        await client.shutdown()
        for (_, line, ok) in lines {
            if ok { print(line) } else { report("check", line) }
        }
        if lines.contains(where: { !$0.2 }) { throw ExitCode.failure }
    }

    private static func check(_ seed: String, site: SiteConfig, client: HTTPClient, pipeline: Pipeline) async
        -> (String, Bool)
    {
        let response: FetchResponse
        do {
            response = try await client.fetch(FetchRequest(url: seed))
        } catch {
            return ("\(site.name): \(error.description)", false)
        }
        guard response.isSuccess else {
            return ("\(site.name): \(response.finalURL): HTTP \(response.status)", false)
        }
        let options = pipeline.extractionOptions(
            url: response.finalURL, fetchedAt: Date(), charset: response.declaredCharset, profile: site.profile)
        do {
            switch try pipeline.extractor.extract(response.body, options: options, source: response.finalURL) {
            case .listing(let listing):
                let next = listing.nextPage.map { ", next page \($0)" } ?? ""
                return ("\(site.name)\t\(response.finalURL)\t\(response.status)\tlisting: \(listing.threads.count) threads\(next)", true)
            case .thread(let thread):
                return ("\(site.name)\t\(response.finalURL)\t\(response.status)\tthread: \(thread.posts.count) posts", true)
            }
        } catch {
            return ("\(site.name): \(error.description)", false)
        }
    }
}
