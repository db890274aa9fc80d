import Locking

/// The paths requested of a running server, oldest first (capped): what a browser test reads to prove that
/// no page made the browser ask for a marker URL.
public final class RequestLog: Sendable {
    private let paths = Locked<[String]>([])
    private let limit: Int

    public init(limit: Int = 10_000) {
        self.limit = limit
    }

    func record(_ path: String) {
        paths.withLock { paths in
            if paths.count >= limit { paths.removeFirst(paths.count - limit + 1) }
            paths.append(path)
        }
    }

    /// Every path recorded so far.
    public var all: [String] { paths.withLock { $0 } }
}
