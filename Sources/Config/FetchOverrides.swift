public import Foundation
import Model

/// A partial `fetch` object: only the keys given replace the settings they are merged into. The global
/// `fetch` of config.json is read as overrides of the defaults; a site's `fetch` as overrides of the global.
public struct FetchOverrides: Sendable, Equatable {
    /// Replaces `FetchSettings.connectTimeout` when set.
    public var connectTimeout: TimeInterval?
    /// Replaces `FetchSettings.timeout` when set.
    public var timeout: TimeInterval?
    /// Replaces `FetchSettings.stallTimeout` when set.
    public var stallTimeout: TimeInterval?
    /// Replaces `FetchSettings.maxBodyBytes` when set.
    public var maxBodyBytes: Int?
    /// Replaces `FetchSettings.retries` when set.
    public var retries: Int?
    /// Replaces `FetchSettings.maxRedirects` when set.
    public var maxRedirects: Int?

    /// Creates overrides; `nil` leaves a setting as it is.
    public init(
        connectTimeout: TimeInterval? = nil,
        timeout: TimeInterval? = nil,
        stallTimeout: TimeInterval? = nil,
        maxBodyBytes: Int? = nil,
        retries: Int? = nil,
        maxRedirects: Int? = nil
    ) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.stallTimeout = stallTimeout
        self.maxBodyBytes = maxBodyBytes
        self.retries = retries
        self.maxRedirects = maxRedirects
    }
}

extension FetchOverrides: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case connectTimeout, timeout, stallTimeout, maxBodyBytes, retries, maxRedirects
    }

    /// Decodes a `fetch` object, rejecting unknown keys and values out of range.
    public init(from decoder: any Decoder) throws {
        try decoder.requireObject()
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        connectTimeout = try container.seconds(.connectTimeout)
        timeout = try container.seconds(.timeout)
        stallTimeout = try container.seconds(.stallTimeout)
        maxBodyBytes = try container.integer(.maxBodyBytes, minimum: 1)
        retries = try container.integer(.retries, minimum: 0, maximum: 10)
        maxRedirects = try container.integer(.maxRedirects, minimum: 0, maximum: 50)
    }
}
