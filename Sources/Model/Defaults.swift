/// The one source of Threadkeeper's defaults: what config.json means when it leaves a key out, and what the
/// HTTP client and the extractor use when nobody configures them.
///
/// `Config` (`FetchSettings`, `PolitenessSettings`, `ScheduleSettings`, `ThreadkeeperConfig`), `Fetch`
/// (`FetchConfiguration`) and `Extract` (`ExtractionOptions`) read their defaults from here, so they cannot
/// drift apart. Times are `Duration`s; config.json writes them as seconds or duration strings.
public enum Defaults {
    // MARK: identity

    /// The `User-Agent` sent with every request (`userAgent`).
    public static let userAgent = "threadkeeper/0.1 (+https://example.org/contact)"

    // MARK: fetch

    /// Longest wait for a TCP (and TLS) connection (`fetch.connectTimeout`).
    public static let connectTimeout: Duration = .seconds(10)
    /// Longest time one attempt may take, redirects included (`fetch.timeout`).
    public static let timeout: Duration = .seconds(60)
    /// A transfer fails when no byte arrives for this long (`fetch.stallTimeout`).
    public static let stallTimeout: Duration = .seconds(30)
    /// Largest page accepted, counted after decompression (`fetch.maxBodyBytes`): 20 MiB. Also the size cap
    /// of a page given to the extractor.
    public static let maxBodyBytes = 20 * 1024 * 1024
    /// Extra attempts after a retryable failure (`fetch.retries`).
    public static let retries = 3
    /// Most redirects followed (`fetch.maxRedirects`).
    public static let maxRedirects = 10

    // MARK: politeness

    /// Most transfers in flight at once, all hosts together (`politeness.maxConcurrent`).
    public static let maxConcurrent = 16
    /// Most transfers in flight at once to one host (`politeness.perHost`).
    public static let perHost = 2
    /// Least time between the starts of two requests to one host (`politeness.delay`).
    public static let delay: Duration = .seconds(1)
    /// Whether robots.txt is fetched and obeyed (`politeness.robots`).
    public static let robots = true
    /// Longest robots.txt `Crawl-delay` honoured (`politeness.maxCrawlDelay`).
    public static let maxCrawlDelay: Duration = .seconds(30)

    // MARK: schedule

    /// Shortest wait before a thread is fetched again (`schedule.minInterval`): 15 minutes.
    public static let minInterval: Duration = .seconds(15 * 60)
    /// Longest wait before a live thread is fetched again (`schedule.maxInterval`): 1 day.
    public static let maxInterval: Duration = .seconds(24 * 3600)
    /// A thread unchanged for this long is no longer revisited (`schedule.retireAfter`): 30 days.
    public static let retireAfter: Duration = .seconds(30 * 24 * 3600)
}
