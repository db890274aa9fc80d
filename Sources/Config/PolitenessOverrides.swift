public import Foundation
import Model

/// A partial `politeness` object: only the keys given replace the settings they are merged into. The
/// global `politeness` of config.json is read as overrides of the defaults; a site's as overrides of the global.
public struct PolitenessOverrides: Sendable, Equatable {
    /// Replaces `PolitenessSettings.maxConcurrent` when set.
    public var maxConcurrent: Int?
    /// Replaces `PolitenessSettings.perHost` when set.
    public var perHost: Int?
    /// Replaces `PolitenessSettings.delay` when set.
    public var delay: TimeInterval?
    /// Replaces `PolitenessSettings.robots` when set.
    public var robots: Bool?
    /// Replaces `PolitenessSettings.maxCrawlDelay` when set.
    public var maxCrawlDelay: TimeInterval?

    /// Creates overrides; `nil` leaves a setting as it is.
    public init(
        maxConcurrent: Int? = nil,
        perHost: Int? = nil,
        delay: TimeInterval? = nil,
        robots: Bool? = nil,
        maxCrawlDelay: TimeInterval? = nil
    ) {
        self.maxConcurrent = maxConcurrent
        self.perHost = perHost
        self.delay = delay
        self.robots = robots
        self.maxCrawlDelay = maxCrawlDelay
    }
}

extension PolitenessOverrides: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case maxConcurrent, perHost, delay, robots, maxCrawlDelay
    }

    /// Decodes a `politeness` object, rejecting unknown keys and values out of range. Whether `perHost`
    /// fits `maxConcurrent` is checked after merging, by the configuration.
    public init(from decoder: any Decoder) throws {
        try decoder.requireObject()
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        maxConcurrent = try container.integer(
            .maxConcurrent, minimum: 1, maximum: PolitenessSettings.maxConcurrentLimit)
        perHost = try container.integer(.perHost, minimum: 1)
        delay = try container.seconds(.delay, allowsZero: true)
        robots = try container.bool(.robots)
        maxCrawlDelay = try container.seconds(.maxCrawlDelay, allowsZero: true)
    }
}
