import Foundation

/// Where an `HTTPClient` reads the time and how it waits: the scheduler's delays and holds, retry backoff,
/// `Retry-After` and the lifetime of cached robots.txt files all go through it.
///
/// The client uses `SystemFetchClock` unless given another; tests pass a clock they advance by hand, so
/// politeness and caching are checked without real sleeps. curl's own timeouts (connect, total, stall) and
/// the timings of a response always use real time.
public protocol FetchClock: Sendable {
    /// The current instant, on the monotonic clock the waits are measured on.
    var now: ContinuousClock.Instant { get }
    /// The current wall-clock time in seconds since 1970-01-01T00:00:00Z, for `Retry-After` HTTP-dates.
    var secondsSince1970: Double { get }
    /// Suspends until `now` reaches `deadline`; throws `CancellationError` when the task is cancelled first.
    func sleep(until deadline: ContinuousClock.Instant) async throws
}

/// The real time: `ContinuousClock` for instants and waits, the system's wall clock for dates.
public struct SystemFetchClock: FetchClock {
    /// Creates the clock.
    public init() {}

    /// `ContinuousClock.now`.
    public var now: ContinuousClock.Instant { ContinuousClock.now }

    /// The system's wall-clock time.
    public var secondsSince1970: Double { Date().timeIntervalSince1970 }

    /// Sleeps on `ContinuousClock` (with a tolerance of one millisecond).
    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await ContinuousClock().sleep(until: deadline, tolerance: .milliseconds(1))
    }
}
