import Fetch
import FuzzSupport

/// robots.txt parsing on one input, decoded as the client decodes a fetched file, then a few paths
/// matched against its rules (the input's first line doubles as one, so matching is fuzzed too).
enum RobotsCheck {
    static let paths = ["/", "/robots.txt", "/private/a?b=1", "/%7Euser/x%2fy", "/a*b$", "/é/ü", ""]

    /// Runs one small file before the first input is timed, as the other fuzzers do.
    static func warmUp() {
        run(Array("User-agent: *\nDisallow: /private\n".utf8))
    }

    static func run(_ input: [UInt8]) {
        var body = input[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let text = String(decoding: body, as: UTF8.self)
        let rules = RobotsRules(parsing: text, productToken: "threadkeeper")
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        for path in paths + [String(firstLine)] {
            let rule = rules.decidingRule(for: path)
            if rules.allows(path) != (rule?.allows ?? true) {
                FuzzReplay.fail("allows(\(path.debugDescription)) disagrees with its deciding rule")
            }
            if path == "/robots.txt", rule != nil {
                FuzzReplay.fail("a rule decides /robots.txt")
            }
        }
        if let delay = rules.crawlDelay, delay < .zero || delay > .seconds(86_400) {
            FuzzReplay.fail("a crawl delay out of range: \(delay)")
        }
    }
}
