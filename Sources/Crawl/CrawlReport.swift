/// What one crawl pass did, per site and per host, and where extraction looked unhealthy. Printed as text at
/// the end of a pass and written as JSON by `--report-json FILE`.
public struct CrawlReport: Sendable, Hashable, Codable {
    public var started: String
    public var finished: String
    /// The pass stopped early (SIGINT/SIGTERM): threads in flight were finished, no new ones started.
    public var interrupted: Bool
    public var sites: [SiteReport]
    public var hosts: [HostReport]
    /// Pages where a profile found no posts, or lost a field it used to find on that thread.
    public var health: [HealthProblem]

    /// Whether every site answered at least one of its seeds (a site a stop kept from being tried is no failure).
    public var allSitesReached: Bool { sites.allSatisfy { $0.reached || $0.skipped } }
}

/// One site's part of a pass.
public struct SiteReport: Sendable, Hashable, Codable {
    public var name: String
    /// At least one seed was fetched and read.
    public var reached: Bool
    /// Not tried: a stop was asked for before its turn.
    public var skipped = false
    /// Listing pages read: the seeds' and, after them, those of the forums board indexes named.
    public var listingPages = 0
    /// Forums the listing pages named (the boards of a board index, a forum's sub-forums).
    public var forumsListed = 0
    /// Of those, forums whose listings were read (same host, new, within the site's `forums`).
    public var forumsFollowed = 0
    /// Thread rows the listings showed.
    public var threadsListed = 0
    /// Threads fetched this pass (new, showing activity, or due).
    public var threadsDue = 0
    public var threadsDone = 0
    public var newThreads = 0
    /// Versions stored for threads already archived.
    public var newVersions = 0
    public var unchanged = 0
    /// Threads every page of which answered 304.
    public var notModified = 0
    /// Failures by kind (`connectFailed`, `http 500`, `extraction`, …).
    public var errors: [String: Int] = [:]
    /// The failures' one-line messages (the first 20).
    public var failures: [String] = []

    public init(name: String, reached: Bool = false) {
        self.name = name
        self.reached = reached
    }

    mutating func fail(_ failure: CrawlFailure) {
        errors[failure.kind, default: 0] += 1
        if failures.count < 20 { failures.append(failure.description) }
    }
}

/// Traffic to one host during a pass.
public struct HostReport: Sendable, Hashable, Codable {
    public var host: String
    public var requests = 0
    public var bytes = 0
    public var notModified = 0
    public var errors = 0

    public init(host: String) {
        self.host = host
    }
}

/// A page where extraction went wrong in a way that suggests the forum changed its markup.
public struct HealthProblem: Sendable, Hashable, Codable {
    public var site: String
    public var profile: String?
    public var page: String
    public var problem: String
}

extension CrawlReport {
    /// The report for people: a line per site, a line per host, then the health problems.
    public var text: String {
        var lines: [String] = []
        lines.append("crawl \(started) → \(finished)\(interrupted ? " (interrupted)" : "")")
        for site in sites {
            let errors = site.errors.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            lines.append(
                "site \(site.name): \(site.reached ? "reached" : site.skipped ? "skipped (stopping)" : "NOT REACHED"); \(site.listingPages) listing pages, "
                    + (site.forumsListed == 0 ? "" : "\(site.forumsFollowed) of \(site.forumsListed) forums followed, ")
                    + "\(site.threadsListed) threads listed, \(site.threadsDue) due, \(site.threadsDone) done: "
                    + "\(site.newThreads) new, \(site.newVersions) new versions, \(site.unchanged) unchanged, "
                    + "\(site.notModified) not modified (304)" + (errors.isEmpty ? "" : "; errors: \(errors)"))
        }
        for host in hosts {
            lines.append(
                "host \(host.host): \(host.requests) requests, \(host.bytes) bytes, \(host.notModified) not modified, \(host.errors) errors")
        }
        for problem in health {
            lines.append("health \(problem.site) (\(problem.profile ?? "no profile")): \(problem.page): \(problem.problem)")
        }
        return lines.joined(separator: "\n")
    }
}
