public import Foundation
public import Model

/// When threads are revisited (`schedule` in config.json). In the file each value is a duration string
/// (`"90s"`, `"15m"`, `"6h"`, `"1d"`, `"1h30m"`); here it is seconds. The defaults come from `Model.Defaults`.
public struct ScheduleSettings: Sendable, Equatable {
    /// Shortest wait before a thread is fetched again (`minInterval`, default `"15m"`).
    public var minInterval: TimeInterval
    /// Longest wait before a live thread is fetched again, ≥ `minInterval` (`maxInterval`, default `"1d"`).
    public var maxInterval: TimeInterval
    /// A thread unchanged for this long is no longer revisited (`retireAfter`, default `"30d"`).
    public var retireAfter: TimeInterval

    /// Creates settings; every argument defaults to the value used when config.json leaves it out.
    public init(
        minInterval: TimeInterval = Defaults.minInterval / .seconds(1),
        maxInterval: TimeInterval = Defaults.maxInterval / .seconds(1),
        retireAfter: TimeInterval = Defaults.retireAfter / .seconds(1)
    ) {
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.retireAfter = retireAfter
    }
}

extension ScheduleSettings: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case minInterval, maxInterval, retireAfter
    }

    /// Decodes a `schedule` object: known keys only, positive durations, `minInterval` ≤ `maxInterval`.
    public init(from decoder: any Decoder) throws {
        try decoder.requireObject()
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ScheduleSettings()
        minInterval = try container.duration(.minInterval) ?? defaults.minInterval
        maxInterval = try container.duration(.maxInterval) ?? defaults.maxInterval
        retireAfter = try container.duration(.retireAfter) ?? defaults.retireAfter
        guard minInterval <= maxInterval else {
            if let raw = try container.raw(.minInterval) {
                throw DecodingError.invalid(
                    at: container.path(.minInterval),
                    expected: "a duration no longer than maxInterval (\(ConfigDuration.string(for: maxInterval)))",
                    found: raw
                )
            }
            throw DecodingError.invalid(
                at: container.path(.maxInterval),
                expected: "a duration no shorter than minInterval (\(ConfigDuration.string(for: minInterval)))",
                found: try container.raw(.maxInterval) ?? .null
            )
        }
    }
}
