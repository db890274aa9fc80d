public import Foundation
public import Model

/// How hard the crawler may press on servers (`politeness` in config.json). The defaults come from
/// `Model.Defaults`.
public struct PolitenessSettings: Sendable, Equatable {
    /// Largest `maxConcurrent`: more transfers than this gains nothing on one machine.
    public static let maxConcurrentLimit = 256

    /// Transfers in flight at once over all hosts, 1...256 (`maxConcurrent`, default 16).
    public var maxConcurrent: Int
    /// Transfers in flight at once to one host, 1...`maxConcurrent` (`perHost`, default 2).
    public var perHost: Int
    /// Seconds between the starts of two requests to one host, ≥ 0 (`delay`, default 1).
    public var delay: TimeInterval
    /// Whether robots.txt is fetched and obeyed (`robots`, default true).
    public var robots: Bool
    /// Most seconds of a robots.txt `Crawl-delay` honoured, ≥ 0 (`maxCrawlDelay`, default 30).
    public var maxCrawlDelay: TimeInterval

    /// Creates settings; every argument defaults to the value used when config.json leaves it out.
    public init(
        maxConcurrent: Int = Defaults.maxConcurrent,
        perHost: Int = Defaults.perHost,
        delay: TimeInterval = Defaults.delay / .seconds(1),
        robots: Bool = Defaults.robots,
        maxCrawlDelay: TimeInterval = Defaults.maxCrawlDelay / .seconds(1)
    ) {
        self.maxConcurrent = maxConcurrent
        self.perHost = perHost
        self.delay = delay
        self.robots = robots
        self.maxCrawlDelay = maxCrawlDelay
    }

    /// These settings with every value `overrides` gives put in place of ours.
    public func merged(with overrides: PolitenessOverrides) -> PolitenessSettings {
        PolitenessSettings(
            maxConcurrent: overrides.maxConcurrent ?? maxConcurrent,
            perHost: overrides.perHost ?? perHost,
            delay: overrides.delay ?? delay,
            robots: overrides.robots ?? robots,
            maxCrawlDelay: overrides.maxCrawlDelay ?? maxCrawlDelay
        )
    }

    /// `self` merged with `overrides`, checking that `perHost` does not exceed `maxConcurrent` afterwards.
    ///
    /// The error points at the key the overrides gave (`perHost` first), `codingPath` being the path of
    /// the overrides object.
    func merged(checking overrides: PolitenessOverrides, at codingPath: [any CodingKey]) throws -> PolitenessSettings {
        let merged = merged(with: overrides)
        guard merged.perHost > merged.maxConcurrent else { return merged }
        typealias Key = PolitenessOverrides.CodingKeys
        if let perHost = overrides.perHost {
            throw DecodingError.invalid(
                at: codingPath + [Key.perHost],
                expected: "an integer from 1 to maxConcurrent (\(merged.maxConcurrent))",
                found: .integer(perHost)
            )
        }
        throw DecodingError.invalid(
            at: codingPath + [Key.maxConcurrent],
            expected: "an integer from perHost (\(merged.perHost)) to \(Self.maxConcurrentLimit)",
            found: .integer(merged.maxConcurrent)
        )
    }
}
