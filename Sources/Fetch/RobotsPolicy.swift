/// What robots.txt says for one origin, including when it could not be read.
enum RobotsPolicy: Sendable, Hashable {
    /// robots.txt was read: its rules decide.
    case rules(RobotsRules)
    /// No usable robots.txt (4xx, or too many redirects): everything is allowed (RFC 9309 §2.3.1.3).
    case allowAll
    /// robots.txt answered 5xx or 429: nothing is allowed for a while (RFC 9309 §2.3.1.4). The text says why.
    case disallowAll(String)
    /// robots.txt could not be fetched at all (no connection, timeout): nothing is allowed for a while
    /// either, but the refusal carries the transport failure, which says more than "disallowed".
    case unreachable(FetchError.Code, String)

    /// Nil when `pathAndQuery` may be fetched; otherwise the error code and cause of the refusal.
    func refusal(for pathAndQuery: String) -> (code: FetchError.Code, detail: String)? {
        switch self {
        case .allowAll:
            return nil
        case .disallowAll(let reason):
            return (.disallowedByRobots, "disallowed: \(reason)")
        case .unreachable(let code, let reason):
            return (code, reason)
        case .rules(let rules):
            guard let rule = rules.decidingRule(for: pathAndQuery), !rule.allows else { return nil }
            return (
                .disallowedByRobots,
                "disallowed by robots.txt rule '\(rule.text)' for user-agent '\(rules.group ?? "*")'"
            )
        }
    }

    /// The Crawl-delay asked for, if any.
    var crawlDelay: Duration? {
        if case .rules(let rules) = self { return rules.crawlDelay }
        return nil
    }
}
