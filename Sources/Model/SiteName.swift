import Foundation

/// The `site` of a thread or listing: the host of its URL in lower case, without a leading `www.`
/// (`news.ycombinator.com`, `democraticunderground.com`). It depends on the URL alone, never on the
/// configuration or the working directory, so the same page at the same URL gives the same JSON.
public enum SiteName {
    /// The site of `url`, or nil when it has no host.
    public static func of(_ url: String?) -> String? {
        guard let url, let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        return normalised(host)
    }

    /// `host` in lower case without a leading `www.`.
    public static func normalised(_ host: String) -> String {
        let lower = host.lowercased()
        return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
    }
}
