import ArgumentParser
import Config
import Extract
import Foundation

/// `--config PATH`, shared by the verbs that read config.json.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: ./config.json when present).")
    var config: String?

    /// The configuration (nil when there is none) and the profiles it makes available; a failure
    /// of either is reported as one line for `verb` and ends the command with status 1.
    func loadWithProfiles(for verb: String) throws -> (config: ThreadkeeperConfig?, profiles: ProfileSet) {
        do {
            let config = try load()
            return (config, try config?.profileSet() ?? ProfileSet.builtIn())
        } catch let error as ConfigError {
            report(verb, error.description)
        } catch let error as ExtractError {
            report(verb, error.description)
        }
        throw ExitCode.failure
    }

    /// The configuration: `--config` (which must exist), else ./config.json when present, else none.
    func load() throws(ConfigError) -> ThreadkeeperConfig? {
        if let config { return try ThreadkeeperConfig.load(from: config) }
        guard FileManager.default.fileExists(atPath: ThreadkeeperConfig.defaultPath) else { return nil }
        return try ThreadkeeperConfig.load(from: ThreadkeeperConfig.defaultPath)
    }
}

extension ThreadkeeperConfig {
    /// The built-in profiles with the config's additions and overrides.
    func profileSet() throws(ExtractError) -> ProfileSet {
        var set = try ProfileSet.builtIn()
        for document in profiles {
            try set.add(json: document.json, source: "\(source) $.profiles[\(document.index)]")
        }
        return set
    }

    /// The configured site whose seeds share the host of `url`.
    func site(for url: String?) -> SiteConfig? {
        guard let host = url.flatMap({ URLComponents(string: $0)?.host })?.lowercased() else { return nil }
        let bare = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        return sites.first { site in
            site.seeds.contains { seed in
                guard let seedHost = URLComponents(string: seed)?.host?.lowercased() else { return false }
                return (seedHost.hasPrefix("www.") ? String(seedHost.dropFirst(4)) : seedHost) == bare
            }
        }
    }
}
