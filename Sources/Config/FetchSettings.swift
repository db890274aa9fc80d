public import Foundation
public import Model

/// Limits for every HTTP transfer: timeouts, body size, retries and redirects (`fetch` in config.json).
/// The defaults come from `Model.Defaults`.
public struct FetchSettings: Sendable, Equatable {
    /// Seconds to wait for a connection (`connectTimeout`, default 10).
    public var connectTimeout: TimeInterval
    /// Seconds a whole transfer may take (`timeout`, default 60).
    public var timeout: TimeInterval
    /// Seconds without a byte before a transfer counts as stalled (`stallTimeout`, default 30).
    public var stallTimeout: TimeInterval
    /// Largest body accepted, after decompression (`maxBodyBytes`, default 20 MiB).
    public var maxBodyBytes: Int
    /// Retries after a transient failure, 0...10 (`retries`, default 3).
    public var retries: Int
    /// Redirects followed, 0...50 (`maxRedirects`, default 10).
    public var maxRedirects: Int

    /// Creates settings; every argument defaults to the value used when config.json leaves it out.
    public init(
        connectTimeout: TimeInterval = Defaults.connectTimeout / .seconds(1),
        timeout: TimeInterval = Defaults.timeout / .seconds(1),
        stallTimeout: TimeInterval = Defaults.stallTimeout / .seconds(1),
        maxBodyBytes: Int = Defaults.maxBodyBytes,
        retries: Int = Defaults.retries,
        maxRedirects: Int = Defaults.maxRedirects
    ) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.stallTimeout = stallTimeout
        self.maxBodyBytes = maxBodyBytes
        self.retries = retries
        self.maxRedirects = maxRedirects
    }

    /// These settings with every value `overrides` gives put in place of ours.
    public func merged(with overrides: FetchOverrides) -> FetchSettings {
        FetchSettings(
            connectTimeout: overrides.connectTimeout ?? connectTimeout,
            timeout: overrides.timeout ?? timeout,
            stallTimeout: overrides.stallTimeout ?? stallTimeout,
            maxBodyBytes: overrides.maxBodyBytes ?? maxBodyBytes,
            retries: overrides.retries ?? retries,
            maxRedirects: overrides.maxRedirects ?? maxRedirects
        )
    }
}
