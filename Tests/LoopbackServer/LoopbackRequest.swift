/// A request as the loopback server parsed it.
public struct LoopbackRequest: Sendable {
    /// The method, such as `GET`.
    public var method: String
    /// The request target as sent (`/path?query`).
    public var target: String
    /// The header fields in order, names as sent.
    public var headers: [(name: String, value: String)]
    /// How many requests for this path (query excluded) the server has seen, this one included (1-based).
    public var sequence: Int
    /// Which connection carried the request (1-based, in order of acceptance).
    public var connection: Int

    /// The path part of `target`.
    public var path: String { String(target.prefix { $0 != "?" }) }

    /// The query part of `target`, without `?`.
    public var query: String? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: mark)...])
    }

    /// The value of the first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// One request in the server's log.
public struct LoopbackLogEntry: Sendable {
    /// The request target.
    public var target: String
    /// The connection that carried it.
    public var connection: Int
    /// When the server finished reading its head.
    public var receivedAt: ContinuousClock.Instant
    /// The `User-Agent` it carried.
    public var userAgent: String?
}
