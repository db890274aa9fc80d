public import Model

/// The whole configuration of Threadkeeper: where the archive is, how to fetch, how politely, how often,
/// which profiles and which sites. Read from config.json by `load(from:)`; every key has a default, so
/// `{}` is a valid configuration with no sites.
public struct ThreadkeeperConfig: Sendable, Equatable {
    /// The file read when no `--config PATH` is given, relative to the current directory.
    public static let defaultPath = "config.json"

    /// Where this configuration came from, as errors should name it: the path given to `load(from:)`, the
    /// `source` given to `decode(_:source:)`, or `"built-in defaults"`.
    public var source: String
    /// The archive folder (`archive`, default `"archive"`). A relative path is relative to the current
    /// directory of the command, like any path given on the command line, not to the config file's folder.
    public var archive: String
    /// The `User-Agent` sent with every request (`userAgent`); no control characters.
    public var userAgent: String
    /// Limits for every transfer (`fetch`).
    public var fetch: FetchSettings
    /// Concurrency, per-host delay and robots.txt (`politeness`).
    public var politeness: PolitenessSettings
    /// When threads are revisited and retired (`schedule`).
    public var schedule: ScheduleSettings
    /// User-defined profiles and overrides of built-in ones, as raw JSON for the Extract module (`profiles`).
    public var profiles: [ProfileDocument]
    /// The forums to crawl, names unique (`sites`).
    public var sites: [SiteConfig]

    /// Creates a configuration; every argument defaults to the value used when config.json leaves it out.
    public init(
        source: String = "built-in defaults",
        archive: String = "archive",
        userAgent: String = Defaults.userAgent,
        fetch: FetchSettings = FetchSettings(),
        politeness: PolitenessSettings = PolitenessSettings(),
        schedule: ScheduleSettings = ScheduleSettings(),
        profiles: [ProfileDocument] = [],
        sites: [SiteConfig] = []
    ) {
        self.source = source
        self.archive = archive
        self.userAgent = userAgent
        self.fetch = fetch
        self.politeness = politeness
        self.schedule = schedule
        self.profiles = profiles
        self.sites = sites
    }

    /// The site named `name`, if there is one.
    public func site(named name: String) -> SiteConfig? {
        sites.first { $0.name == name }
    }

    /// Effective fetch settings for one site: the global `fetch` with the site's `fetch` keys put in place.
    public func fetchSettings(for site: SiteConfig) -> FetchSettings {
        fetch.merged(with: site.fetch)
    }

    /// Effective politeness for one site: the global `politeness` with the site's `politeness` keys put in place.
    public func politeness(for site: SiteConfig) -> PolitenessSettings {
        politeness.merged(with: site.politeness)
    }

    /// Whether `text` may be sent as a `User-Agent`: not empty, and no control characters that could
    /// end the header line.
    static func isValidUserAgent(_ text: String) -> Bool {
        !text.isEmpty && !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
}
