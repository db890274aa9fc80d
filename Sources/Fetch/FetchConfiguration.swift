public import Model

/// Limits and politeness settings of an `HTTPClient`.
///
/// Every value has the default of `config.json` (from `Model.Defaults`); the command-line tool maps the
/// file onto this type. Values below their minimum are raised to it when the client starts (a cap of 0
/// would stall every fetch). `hostPolicies` overrides the per-transfer and per-host values for chosen
/// hosts; `maxConcurrent` and the robots.txt and retry timing stay global.
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
    /// Overrides for chosen hosts, keyed by lower-cased host name (`forum.example`, every port) or host name
    /// and port (`127.0.0.1:8080`, that port only); see `policy(forHost:port:)` for how a request's host
    /// finds its entry. Values a policy leaves `nil` come from this configuration.
    public var hostPolicies: [String: HostPolicy]

    /// Creates a configuration; every argument defaults to the value of the default `config.json`.
    public init(
        userAgent: String = Defaults.userAgent,
        connectTimeout: Duration = Defaults.connectTimeout,
        timeout: Duration = Defaults.timeout,
        stallTimeout: Duration = Defaults.stallTimeout,
        maxBodyBytes: Int = Defaults.maxBodyBytes,
        retries: Int = Defaults.retries,
        maxRedirects: Int = Defaults.maxRedirects,
        maxConcurrent: Int = Defaults.maxConcurrent,
        perHost: Int = Defaults.perHost,
        delay: Duration = Defaults.delay,
        robots: Bool = Defaults.robots,
        maxCrawlDelay: Duration = Defaults.maxCrawlDelay,
        maxRetryAfter: Duration = .seconds(120),
        backoffBase: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(30),
        robotsLifetime: Duration = .seconds(24 * 3600),
        robotsRetryAfterError: Duration = .seconds(600),
        usesEnvironmentProxy: Bool = false,
        hostPolicies: [String: HostPolicy] = [:]
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
        self.hostPolicies = hostPolicies
    }

    /// The policy that applies to requests for `host` (and `port`, the URL's port or its scheme's default),
    /// or nil when none does.
    ///
    /// The first key present wins, most specific first: `host:port`, then `host`, then the same two for
    /// the host with a leading `www.` removed (or added), so `example.org` also covers `www.example.org`
    /// and the other way round. `host` is compared lower-cased; IPv6 addresses are written in brackets
    /// (`[::1]:8080`). Only one policy applies; policies are not merged with each other.
    public func policy(forHost host: String, port: Int? = nil) -> HostPolicy? {
        guard !hostPolicies.isEmpty else { return nil }
        let host = host.lowercased()
        let alternative = host.hasPrefix("www.") ? String(host.dropFirst(4)) : "www." + host
        for name in [host, alternative] {
            if let port, let policy = hostPolicies["\(name):\(port)"] { return policy }
            if let policy = hostPolicies[name] { return policy }
        }
        return nil
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
        // Keys lower-cased (when two keys differ only in case, the first in sorted order wins).
        var policies: [String: HostPolicy] = [:]
        for key in hostPolicies.keys.sorted() {
            let lowered = key.lowercased()
            if policies[lowered] == nil, let policy = hostPolicies[key] { policies[lowered] = policy.sanitized }
        }
        copy.hostPolicies = policies
        return copy
    }

    /// The effective settings for requests to `host` and `port`: this configuration with the host's policy
    /// put in place. Call it on a sanitized configuration (the policies are then sanitized too).
    func settings(forHost host: String, port: Int) -> HostSettings {
        let policy = self.policy(forHost: host, port: port) ?? HostPolicy()
        return HostSettings(
            connectTimeout: policy.connectTimeout ?? connectTimeout,
            timeout: policy.timeout ?? timeout,
            stallTimeout: policy.stallTimeout ?? stallTimeout,
            maxBodyBytes: policy.maxBodyBytes ?? maxBodyBytes,
            retries: policy.retries ?? retries,
            maxRedirects: policy.maxRedirects ?? maxRedirects,
            limits: PolitenessState.Limits(perHost: policy.perHost ?? perHost, delay: policy.delay ?? delay),
            robots: policy.robots ?? robots,
            maxCrawlDelay: policy.maxCrawlDelay ?? maxCrawlDelay)
    }

    /// The largest per-host cap of any host: the configuration's own, or a policy's when higher.
    var largestPerHost: Int {
        hostPolicies.values.compactMap(\.perHost).reduce(perHost, max)
    }

    /// The product token robots.txt groups are matched against: `threadkeeper` for the default agent.
    var productToken: String {
        let token = userAgent.prefix { $0 != "/" && $0 != " " }
        return token.isEmpty ? "*" : token.lowercased()
    }
}
