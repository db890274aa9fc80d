import ArgumentParser
import Config
import Crawl
import Fetch
import Foundation

/// `threadkeeper fetch URL`: one fetch through the crawler's HTTP client, for debugging.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch one URL through the crawler's HTTP client (a debugging aid).",
        discussion: """
            Uses the same client, limits and politeness as the crawl (robots.txt included), with the \
            settings of config.json and of the site whose seeds share the URL's host. Prints one status \
            line on stderr (status, final URL, bytes, time, content encoding, charset) and the body on \
            stdout or in --output FILE (checked before fetching). A failed fetch (no response, or a \
            final status other than 2xx or 304) prints instead one line naming the URL and the cause, \
            exit status 1; the body of an error response is still written, for debugging.
            """
    )

    @Argument(help: "The http or https URL to fetch (with its scheme: http://example.com/).")
    var url: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the body to FILE instead of stdout.", valueName: "FILE"))
    var output: String?

    @Flag(
        name: [.customShort("i"), .customLong("include-headers")], help: "Write the response headers before the body.")
    var includeHeaders = false

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        if let output {
            // Before fetching: a path that cannot be written fails now, not after the transfer.
            do {
                try OutputFile(path: output).check()
            } catch {
                report("fetch", "\(output): cannot write: \(error.reason)")
                throw ExitCode.failure
            }
        }
        let configuration: FetchConfiguration
        do {
            configuration = try fetchConfiguration()
        } catch {
            report("fetch", error.description)
            throw ExitCode.failure
        }
        let client = HTTPClient(configuration: configuration)
        let result: Result<FetchResponse, FetchError>
        do {
            result = .success(try await client.fetch(FetchRequest(url: url)))
        } catch {
            result = .failure(error)
        }
        await client.shutdown()

        let response: FetchResponse
        switch result {
        case .failure(let error):
            report("fetch", error.description)
            throw ExitCode.failure
        case .success(let success):
            response = success
        }
        let failed = !(response.isSuccess || response.isNotModified)
        if !failed {
            FileHandle.standardError.write(Data((Self.statusLine(for: response) + "\n").utf8))
        }
        var bytes: [UInt8] = []
        if includeHeaders { bytes += Array(Self.headerBlock(for: response).utf8) }
        bytes += response.body
        if let output {
            do {
                try OutputFile(path: output).save(bytes)
            } catch {
                report("fetch", "\(output): cannot write: \(error.reason)")
                throw ExitCode.failure
            }
        } else {
            do {
                try FileHandle.standardOutput.write(contentsOf: Data(bytes))
            } catch {
                report("fetch", "stdout: cannot write (closed?)")
                throw ExitCode.failure
            }
        }
        if failed {
            let final = response.finalURL == url ? "" : " (final URL \(response.finalURL))"
            report("fetch", "\(url): HTTP \(response.status)\(final)")
            throw ExitCode.failure
        }
    }

    /// The client settings: config.json (or `--config`), each site's overrides for its hosts. Defaults when
    /// there is no configuration file.
    func fetchConfiguration() throws(ConfigError) -> FetchConfiguration {
        try options.load()?.fetchConfiguration() ?? FetchConfiguration()
    }

    /// `200 http://host/final 5120 bytes 0.042 s encoding=gzip charset=utf-8 [redirects=1] [attempts=2]`.
    static func statusLine(for response: FetchResponse) -> String {
        let (seconds, attoseconds) = response.timings.total.components
        let time = String(format: "%.3f s", Double(seconds) + Double(attoseconds) / 1e18)
        var parts = [
            "\(response.status)", response.finalURL, "\(response.body.count) bytes", time,
            "encoding=\(response.contentEncoding ?? "identity")", "charset=\(response.declaredCharset ?? "none")",
        ]
        if response.isNotModified { parts.append("not-modified") }
        if response.redirectCount > 0 { parts.append("redirects=\(response.redirectCount)") }
        if response.attempts > 1 { parts.append("attempts=\(response.attempts)") }
        return parts.joined(separator: " ")
    }

    /// The status and headers of the final response, as `curl -i` shows them.
    static func headerBlock(for response: FetchResponse) -> String {
        var text = "HTTP \(response.status)\r\n"
        for header in response.headers { text += "\(header.name): \(header.value)\r\n" }
        return text + "\r\n"
    }
}
