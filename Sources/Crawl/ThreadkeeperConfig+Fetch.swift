public import Config
public import Fetch
import Foundation

extension ThreadkeeperConfig {
    /// The HTTP client's settings: the config's `fetch` and `politeness` (and `userAgent`).
    public func fetchConfiguration() -> FetchConfiguration {
        FetchConfiguration(fetch: fetch, politeness: politeness, userAgent: userAgent)
    }
}

extension FetchConfiguration {
    /// Settings from config sections, the rest at their defaults.
    public init(fetch: FetchSettings, politeness: PolitenessSettings, userAgent: String) {
        self.init(
            userAgent: userAgent,
            connectTimeout: .seconds(fetch.connectTimeout),
            timeout: .seconds(fetch.timeout),
            stallTimeout: .seconds(fetch.stallTimeout),
            maxBodyBytes: fetch.maxBodyBytes,
            retries: fetch.retries,
            maxRedirects: fetch.maxRedirects,
            maxConcurrent: politeness.maxConcurrent,
            perHost: politeness.perHost,
            delay: .seconds(politeness.delay),
            robots: politeness.robots,
            maxCrawlDelay: .seconds(politeness.maxCrawlDelay)
        )
    }
}
