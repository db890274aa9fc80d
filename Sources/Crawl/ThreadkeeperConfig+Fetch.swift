public import Config
public import Fetch
import Foundation

extension ThreadkeeperConfig {
    /// The HTTP client's settings: the config's `fetch` and `politeness` (and `userAgent`), with each site's
    /// own `fetch` and `politeness` keys as the policy of its seeds' hosts (see `hostPolicies()`).
    public func fetchConfiguration() -> FetchConfiguration {
        var configuration = FetchConfiguration(fetch: fetch, politeness: politeness, userAgent: userAgent)
        configuration.hostPolicies = hostPolicies()
        return configuration
    }

    /// Each site's overrides as the `HostPolicy` of every host its seeds name: only the keys the site sets
    /// (its `maxConcurrent` is left out: the client's cap is global).
    ///
    /// A host is keyed by its lower-cased name, or by `name:port` when the seed gives a port, so two sites on
    /// one machine with different ports keep apart. When sites share a host, the first in `sites` wins.
    /// Sites without overrides add nothing.
    public func hostPolicies() -> [String: HostPolicy] {
        var policies: [String: HostPolicy] = [:]
        for site in sites {
            let policy = HostPolicy(fetch: site.fetch, politeness: site.politeness)
            guard !policy.isEmpty else { continue }
            for seed in site.seeds {
                guard let key = Self.hostKey(of: seed), policies[key] == nil else { continue }
                policies[key] = policy
            }
        }
        return policies
    }

    /// `host` or `host:port` (an explicit port) of an http(s) URL, lower-cased, IPv6 addresses in brackets.
    static func hostKey(of url: String) -> String? {
        guard let components = URLComponents(string: url), var host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}

extension HostPolicy {
    /// A site's `fetch` and `politeness` overrides as a host policy; `maxConcurrent` is not a per-host value.
    public init(fetch: FetchOverrides, politeness: PolitenessOverrides) {
        self.init(
            connectTimeout: fetch.connectTimeout.map { .seconds($0) },
            timeout: fetch.timeout.map { .seconds($0) },
            stallTimeout: fetch.stallTimeout.map { .seconds($0) },
            maxBodyBytes: fetch.maxBodyBytes,
            retries: fetch.retries,
            maxRedirects: fetch.maxRedirects,
            perHost: politeness.perHost,
            delay: politeness.delay.map { .seconds($0) },
            robots: politeness.robots,
            maxCrawlDelay: politeness.maxCrawlDelay.map { .seconds($0) }
        )
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
