import Foundation
import Testing

@Suite("threadkeeper: verbs, help and usage")
struct HelpTests {
    /// Every verb, in the order `--help` lists them (the order data flows).
    static let verbs = [
        "fetch", "parse", "profiles", "check", "crawl", "archive", "import", "list", "show", "read", "history", "diff",
        "stories", "story", "export", "verify",
    ]

    @Test("--help lists the verbs, exit status 0")
    func help() async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["--help"], in: folder.url)
        #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.isEmpty, "\(outcome)")
        let verbs = outcome.stdoutLines.compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
        #expect(verbs.filter(Self.verbs.contains) == Self.verbs, "\(outcome)")
    }

    @Test("each verb has its own help", arguments: verbs)
    func verbHelp(_ verb: String) async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run([verb, "--help"], in: folder.url)
        #expect(outcome.exitedNormally && outcome.status == 0, "\(outcome)")
        #expect(outcome.stdoutText.contains("USAGE: threadkeeper \(verb)"), "\(outcome)")
    }

    @Test("--version prints the version, exit status 0")
    func version() async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(["--version"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdoutLines.count == 1)
        #expect(outcome.stdoutText.first?.isNumber == true, "\(outcome)")
    }

    @Test("bad usage exits with status 2", arguments: [
        (["frobnicate"], "frobnicate"),
        (["parse"], "missing expected argument"),
        (["parse", "--bogus", "page.html"], "--bogus"),
        (["profiles", "extra"], "extra"),
    ])
    func badUsage(_ arguments: [String], _ named: String) async throws {
        let folder = try TemporaryFolder()
        let outcome = try await CLI.run(arguments, in: folder.url)
        expectBadUsage(outcome, naming: [named])
    }
}
