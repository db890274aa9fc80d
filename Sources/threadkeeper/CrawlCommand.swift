import Archive
import ArgumentParser
import Config
import Crawl
import Fetch
import Foundation
import Logging
import Model

/// `threadkeeper crawl`: the scheduled job over config.json's sites.
struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Crawl the configured forums: discover threads from listings and keep each archived thread current.",
        discussion: """
            --once (the default) runs one pass and exits, for cron and systemd timers; --every 30m keeps \
            running, sleeping between passes, and stops cleanly on SIGINT or SIGTERM (threads being \
            stored are finished). A live status line on a terminal, log lines otherwise; a report at the \
            end of each pass (--report-json FILE for machines). Exit status 0 when every site was \
            reached, 1 when any site failed entirely.
            """
    )

    @Option(help: "Only this site (repeatable).")
    var site: [String] = []

    @Flag(help: "Run one pass and exit (the default).")
    var once = false

    @Option(help: ArgumentHelp("Run a pass every DURATION (90s, 15m, 1h30m) until SIGINT/SIGTERM.", valueName: "DURATION"))
    var every: String?

    @Option(name: .customLong("report-json"), help: ArgumentHelp("Write each pass's report as JSON to FILE.", valueName: "FILE"))
    var reportJSON: String?

    @OptionGroup var archive: ArchiveOptions

    func validate() throws {
        if let every {
            guard let seconds = ConfigDuration.seconds(in: every), seconds >= 1 else {
                throw ValidationError("--every: \"\(every)\" is not a duration such as 90s, 15m or 1h30m")
            }
            if once { throw ValidationError("--once and --every exclude each other") }
            _ = seconds
        }
    }

    func run() async throws {
        let (config, pipeline) = try archive.options.loadPipeline(for: "crawl")
        guard let config else {
            report("crawl", "no configuration: pass --config PATH or run where config.json is")
            throw ExitCode.failure
        }
        let sites = try chosenSites(config)
        if let reportJSON {
            do {
                try OutputFile(path: reportJSON).check()
            } catch {
                report("crawl", "\(reportJSON): cannot write the report: \(error.reason)")
                throw ExitCode.failure
            }
        }
        let writer = try archive.writer(for: "crawl")
        let client = HTTPClient(configuration: config.fetchConfiguration())
        let terminal = Terminal.standardError
        let logger = Logger(label: "threadkeeper.crawl")
        let crawler = Crawler(
            pipeline: pipeline, client: client, writer: writer,
            progress: { progress in CrawlOutput.show(progress, terminal: terminal, logger: logger) })
        let signals = StopSignals { crawler.requestStop() }
        var reached = true
        while true {
            let result = await crawler.pass(sites: sites)
            CrawlOutput.finishLine(terminal: terminal)
            print(result.text)
            fflush(nil)  // the report reaches a pipe or file now, not at exit
            if let reportJSON { try writeReport(result, to: reportJSON) }
            reached = result.allSitesReached
            guard let every, !crawler.isStopRequested,
                let seconds = ConfigDuration.seconds(in: every)
            else { break }
            await signals.sleep(seconds: seconds)
            if crawler.isStopRequested { break }
        }
        await crawler.close()
        await client.shutdown()
        signals.cancel()
        if !reached { throw ExitCode.failure }
    }

    private func chosenSites(_ config: ThreadkeeperConfig) throws -> [SiteConfig] {
        for name in site where config.site(named: name) == nil {
            throw ValidationError(unknownSite(name, in: config))
        }
        return site.isEmpty ? config.sites : config.sites.filter { site.contains($0.name) }
    }

    private func writeReport(_ result: CrawlReport, to path: String) throws {
        do {
            try OutputFile(path: path).save([UInt8](try CanonicalJSON.encodePretty(result)) + [0x0A])
        } catch let error as OutputFile.Problem {
            report("crawl", "\(path): cannot write the report: \(error.reason)")
            throw ExitCode.failure
        }
    }
}
