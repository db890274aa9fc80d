public import Config
public import Extract
public import Foundation
import Model

/// What every stage of a run shares: the configuration, the profiles it makes available and the extractor.
public struct Pipeline: Sendable {
    /// Written into every version's provenance.
    public static let tool = "threadkeeper 0.1.0"

    public let config: ThreadkeeperConfig
    public let profiles: ProfileSet
    public let extractor: Extractor

    /// The pipeline of `config` (built-in defaults when nil): its profiles are loaded and checked here.
    public init(config: ThreadkeeperConfig?) throws(ExtractError) {
        let config = config ?? ThreadkeeperConfig()
        self.config = config
        profiles = try config.profileSet()
        extractor = Extractor(profiles: profiles)
    }

    /// How to extract a page of `url` fetched at `fetchedAt`: the site serving it (`site`, else the one whose
    /// seeds share its host) gives its time zone and profile (`profile` overrides it). The site's name is
    /// not written into the page's JSON: its `site` is the URL's host (`SiteName`).
    public func extractionOptions(
        url: String?, fetchedAt: Date, charset: String? = nil, profile: String? = nil, site: SiteConfig? = nil
    ) -> ExtractionOptions {
        let site = site ?? config.site(for: url)
        var chosen = profile ?? site?.profile
        if profile == nil, let name = chosen, profiles.profile(named: name) == nil { chosen = nil }
        return ExtractionOptions(
            url: url, fetchedAt: fetchedAt, declaredCharset: charset,
            timeZone: site?.timeZone.flatMap(TimeZone.init(identifier:)), profile: chosen,
            maximumBytes: config.fetch.maxBodyBytes)
    }
}

extension ThreadkeeperConfig {
    /// The built-in profiles with the config's additions and overrides.
    public func profileSet() throws(ExtractError) -> ProfileSet {
        var set = try ProfileSet.builtIn()
        for document in profiles {
            try set.add(json: document.json, source: "\(source) $.profiles[\(document.index)]")
        }
        return set
    }

    /// The configured site whose seeds share the host and port of `url`, else only its host (ignoring `www.`).
    public func site(for url: String?) -> SiteConfig? {
        guard let parts = url.flatMap(URLComponents.init(string:)), let host = parts.host.map(SiteName.normalised) else {
            return nil
        }
        func seeds(_ site: SiteConfig, match: (URLComponents) -> Bool) -> Bool {
            site.seeds.contains { seed in
                guard let seed = URLComponents(string: seed), seed.host.map(SiteName.normalised) == host else { return false }
                return match(seed)
            }
        }
        return sites.first { seeds($0) { $0.port == parts.port } } ?? sites.first { seeds($0) { _ in true } }
    }
}
