import Locking

/// Counts things open at once (connections, requests being answered) and remembers the peak.
///
/// A server has its own; several servers can share one to measure across hosts.
public final class LoopbackGauge: Sendable {
    private struct Counts {
        var open = 0
        var peak = 0
        var total = 0
    }

    private let counts = Locked(Counts())

    /// Creates a gauge at zero.
    public init() {}

    /// How many are open now.
    public var open: Int { counts.withLock { $0.open } }
    /// The most that were open at once.
    public var peak: Int { counts.withLock { $0.peak } }
    /// How many were opened so far.
    public var total: Int { counts.withLock { $0.total } }

    func opened() {
        counts.withLock {
            $0.open += 1
            $0.total += 1
            $0.peak = max($0.peak, $0.open)
        }
    }

    func closed() {
        counts.withLock { $0.open -= 1 }
    }
}
