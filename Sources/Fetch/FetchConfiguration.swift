/// Limits and politeness settings of an `HTTPClient`.
///
/// Every value has the default of `config.json`; the command-line tool maps the file onto this type.
/// Values below their minimum are raised to it when the client starts (a cap of 0 would stall every fetch).
public struct FetchConfiguration: Sendable, Equatable {
    /// The `User-Agent` header; its product token (the part before `/`) selects the robots.txt group.
    public var userAgent: String
    /// Longest time to wait for a TCP (and TLS) connection.
    public var connectTimeout: Duration
    /// Longest time one attempt may take, redirects included.
    public var timeout: Duration
    /// An attempt fails when no byte arrives for this long (whole seconds, at least 1).
    public var stallTimeout: Duration
    /// Largest body accepted, counted after decompression, so it also caps compression bombs.
    public var maxBodyBytes: Int
    /// Extra attempts after a retryable failure (connection failure, timeout, 408, 429, 500, 502, 503, 504).
    public var retries: Int
    /// Most redirects followed before `tooManyRedirects`.
    public var maxRedirects: Int
    /// Most transfers in flight at once, all hosts together.
    public var maxConcurrent: Int
    /// Most transfers in flight at once to one host (host name and port).
    public var perHost: Int
    /// Least time between the starts of two requests to the same host.
    public var delay: Duration
    /// Whether robots.txt is fetched and obeyed (a request can override it).
    public var robots: Bool
    /// Largest robots.txt `Crawl-delay` honoured; longer values are cut to this.
    public var maxCrawlDelay: Duration
    /// Longest `Retry-After` honoured; longer values are cut to this.
    public var maxRetryAfter: Duration
    /// First retry waits about this long; each further retry doubles it (with jitter).
    public var backoffBase: Duration
    /// Longest computed backoff between two attempts (a `Retry-After` may ask for more, up to `maxRetryAfter`).
    public var maxBackoff: Duration
    /// How long a fetched robots.txt is trusted (RFC 9309 asks for at most 24 hours).
    public var robotsLifetime: Duration
    /// How long a host whose robots.txt was unreachable (5xx, network error) stays fully disallowed
    /// before robots.txt is tried again.
    public var robotsRetryAfterError: Duration
    /// Whether the `http_proxy`/`https_proxy` environment variables are honoured (off: always connect directly).
    public var usesEnvironmentProxy: Bool

    /// Creates a configuration; every argument defaults to the value of the default `config.json`.
    public init(
        userAgent: String = "threadkeeper/0.1 (+https://example.org/contact)",
        connectTimeout: Duration = .seconds(10),
        timeout: Duration = .seconds(60),
        stallTimeout: Duration = .seconds(30),
        maxBodyBytes: Int = 20 * 1024 * 1024,
        retries: Int = 3,
        maxRedirects: Int = 10,
        maxConcurrent: Int = 16,
        perHost: Int = 2,
        delay: Duration = .seconds(1),
        robots: Bool = true,
        maxCrawlDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(120),
        backoffBase: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(30),
        robotsLifetime: Duration = .seconds(24 * 3600),
        robotsRetryAfterError: Duration = .seconds(600),
        usesEnvironmentProxy: Bool = false
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.stallTimeout = stallTimeout
        self.maxBodyBytes = maxBodyBytes
        self.retries = retries
        self.maxRedirects = maxRedirects
        self.maxConcurrent = maxConcurrent
        self.perHost = perHost
        self.delay = delay
        self.robots = robots
        self.maxCrawlDelay = maxCrawlDelay
        self.maxRetryAfter = maxRetryAfter
        self.backoffBase = backoffBase
        self.maxBackoff = maxBackoff
        self.robotsLifetime = robotsLifetime
        self.robotsRetryAfterError = robotsRetryAfterError
        self.usesEnvironmentProxy = usesEnvironmentProxy
    }

    /// The same settings with every value raised to its minimum.
    var sanitized: FetchConfiguration {
        var copy = self
        copy.maxConcurrent = max(1, maxConcurrent)
        copy.perHost = max(1, perHost)
        copy.retries = max(0, retries)
        copy.maxRedirects = max(0, maxRedirects)
        copy.maxBodyBytes = max(0, maxBodyBytes)
        copy.delay = max(.zero, delay)
        copy.stallTimeout = max(.seconds(1), stallTimeout)
        copy.connectTimeout = max(.milliseconds(1), connectTimeout)
        copy.timeout = max(.milliseconds(1), timeout)
        copy.backoffBase = max(.zero, backoffBase)
        copy.maxBackoff = max(.zero, maxBackoff)
        copy.maxCrawlDelay = max(.zero, maxCrawlDelay)
        copy.maxRetryAfter = max(.zero, maxRetryAfter)
        return copy
    }

    /// The product token robots.txt groups are matched against: `threadkeeper` for the default agent.
    var productToken: String {
        let token = userAgent.prefix { $0 != "/" && $0 != " " }
        return token.isEmpty ? "*" : token.lowercased()
    }
}
