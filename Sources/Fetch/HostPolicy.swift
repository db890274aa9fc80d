/// One host's changes to a client's `FetchConfiguration` (a site's `fetch` and `politeness` in config.json).
///
/// Each value left `nil` is taken from the configuration. Per-transfer limits (timeouts, body size,
/// redirects) apply to each attempt to the host, `retries` to each request, `perHost` and `delay` to the
/// host's slots in the scheduler (always under the global `maxConcurrent`), `robots` to whether its
/// robots.txt is read (a request's `respectsRobots` still wins), and `maxCrawlDelay` caps its robots.txt
/// `Crawl-delay`. Like the global values, they apply to the requested URL's host, not to the hosts
/// redirects lead to. Values below their minimum are raised to it when the client starts.
public struct HostPolicy: Sendable, Equatable {
    /// Replaces `FetchConfiguration.connectTimeout` when set.
    public var connectTimeout: Duration?
    /// Replaces `FetchConfiguration.timeout` when set.
    public var timeout: Duration?
    /// Replaces `FetchConfiguration.stallTimeout` when set.
    public var stallTimeout: Duration?
    /// Replaces `FetchConfiguration.maxBodyBytes` when set.
    public var maxBodyBytes: Int?
    /// Replaces `FetchConfiguration.retries` when set.
    public var retries: Int?
    /// Replaces `FetchConfiguration.maxRedirects` when set.
    public var maxRedirects: Int?
    /// Replaces `FetchConfiguration.perHost` when set.
    public var perHost: Int?
    /// Replaces `FetchConfiguration.delay` when set.
    public var delay: Duration?
    /// Replaces `FetchConfiguration.robots` when set.
    public var robots: Bool?
    /// Replaces `FetchConfiguration.maxCrawlDelay` when set.
    public var maxCrawlDelay: Duration?

    /// Creates a policy; `nil` leaves a value to the configuration.
    public init(
        connectTimeout: Duration? = nil,
        timeout: Duration? = nil,
        stallTimeout: Duration? = nil,
        maxBodyBytes: Int? = nil,
        retries: Int? = nil,
        maxRedirects: Int? = nil,
        perHost: Int? = nil,
        delay: Duration? = nil,
        robots: Bool? = nil,
        maxCrawlDelay: Duration? = nil
    ) {
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.stallTimeout = stallTimeout
        self.maxBodyBytes = maxBodyBytes
        self.retries = retries
        self.maxRedirects = maxRedirects
        self.perHost = perHost
        self.delay = delay
        self.robots = robots
        self.maxCrawlDelay = maxCrawlDelay
    }

    /// Whether the policy changes nothing.
    public var isEmpty: Bool { self == HostPolicy() }

    /// The same policy with every value raised to the minimum `FetchConfiguration.sanitized` applies.
    var sanitized: HostPolicy {
        var copy = self
        copy.perHost = perHost.map { max(1, $0) }
        copy.retries = retries.map { max(0, $0) }
        copy.maxRedirects = maxRedirects.map { max(0, $0) }
        copy.maxBodyBytes = maxBodyBytes.map { max(0, $0) }
        copy.delay = delay.map { max(.zero, $0) }
        copy.stallTimeout = stallTimeout.map { max(.seconds(1), $0) }
        copy.connectTimeout = connectTimeout.map { max(.milliseconds(1), $0) }
        copy.timeout = timeout.map { max(.milliseconds(1), $0) }
        copy.maxCrawlDelay = maxCrawlDelay.map { max(.zero, $0) }
        return copy
    }
}

/// The settings one request runs with: a sanitized configuration with its host's policy put in place.
struct HostSettings: Sendable, Equatable {
    var connectTimeout: Duration
    var timeout: Duration
    var stallTimeout: Duration
    var maxBodyBytes: Int
    var retries: Int
    var maxRedirects: Int
    /// The host's connection cap and delay, for the scheduler.
    var limits: PolitenessState.Limits
    var robots: Bool
    var maxCrawlDelay: Duration
}
