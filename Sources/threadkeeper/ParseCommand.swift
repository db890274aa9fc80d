import ArgumentParser
import Config
import Extract
import Foundation
import Model

/// `threadkeeper parse FILE…`: extract thread or listing JSON from saved pages.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Extract thread or listing JSON from saved pages.",
        discussion: """
            Prints the JSON of one page (indented), or JSON Lines for several. Without --profile the \
            profile is chosen from the URL and the page's markup. A page that cannot be read gives one \
            line on stderr naming the file and the cause; the others are still printed; the exit \
            status is then 1.
            """
    )

    @Argument(help: "Saved HTML pages.")
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

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if let fetchedAt, Self.date(fetchedAt) == nil {
            throw ValidationError("--fetched-at: \"\(fetchedAt)\" is not an ISO 8601 time or Unix seconds")
        }
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ValidationError("--url: \"\(url)\" is not an http(s) URL")
        }
    }

    func run() throws {
        let (config, profiles) = try options.loadWithProfiles(for: "parse")
        let extractor = Extractor(profiles: profiles)
        let site = config?.site(for: url)
        var extraction = ExtractionOptions(
            url: url, fetchedAt: fetchedAt.flatMap(Self.date) ?? Date(), declaredCharset: charset,
            site: site?.name, timeZone: site?.timeZone.flatMap(TimeZone.init(identifier:)), profile: profile ?? site?.profile,
            // A saved page may be as large as a fetched one.
            maximumBytes: config?.fetch.maxBodyBytes ?? ExtractionOptions.defaultMaximumBytes)
        if profile == nil, let siteProfile = site?.profile, profiles.profile(named: siteProfile) == nil {
            extraction.profile = nil
        }
        var failed = false
        for file in files {
            do {
                let bytes = try read(file, limit: extraction.maximumBytes)
                if explain {
                    print(try extractor.explain(bytes, options: extraction, source: file))
                    continue
                }
                let page = try extractor.extract(bytes, options: extraction, source: file)
                let data = files.count == 1 && !compact ? try CanonicalJSON.encodePretty(page) : try CanonicalJSON.encode(page)
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            } catch let error as ExtractError {
                report("parse", error.description)
                failed = true
            } catch let error as ReadError {
                report("parse", "\(file): \(error.reason)")
                failed = true
            } catch {
                report("parse", "\(file): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    private struct ReadError: Error { var reason: String }

    private func read(_ file: String, limit: Int) throws(ReadError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw ReadError(reason: "no such file")
        }
        if isDirectory.boolValue { throw ReadError(reason: "is a directory, not a page") }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        if size > limit {
            throw ReadError(reason: "page is \(size) bytes, more than the limit of \(limit)")
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw ReadError(reason: "cannot be opened (permission denied?)")
        }
        defer { try? handle.close() }
        do {
            // Read at most one byte past the limit: a file that grew meanwhile still fails cleanly.
            return [UInt8](try handle.read(upToCount: limit + 1) ?? Data())
        } catch {
            throw ReadError(reason: "cannot be read: \(error.localizedDescription)")
        }
    }

    /// Reads `--fetched-at`: ISO 8601 (with or without seconds' fraction) or Unix seconds.
    static func date(_ text: String) -> Date? {
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
