/// The bookkeeping of the politeness rules, free of time and waiting so it can be tested with any `now`.
///
/// A transfer may start when fewer than `maxConcurrent` transfers run in all, fewer than `perHost` run
/// to its host, and its host's next allowed start (last start plus the host's delay, or a
/// `Retry-After` hold) has come. The delay counts from the last start, so a Crawl-delay learnt from
/// robots.txt also spaces the first page from the robots.txt request.
struct PolitenessState {
    typealias Instant = ContinuousClock.Instant

    /// Whether a transfer may start now.
    enum Readiness: Equatable {
        /// It may start now.
        case ready
        /// It may start at this instant if nothing else changes.
        case notBefore(Instant)
        /// A cap is full; it may start when a transfer ends.
        case blocked
    }

    struct Host {
        var active = 0
        var lastStart: Instant?
        /// No start before this (a `Retry-After`).
        var heldUntil: Instant?
        /// The delay between starts: the configured one, or robots.txt's Crawl-delay when longer.
        var delay: Duration

        /// The earliest instant the next transfer may start.
        var nextStart: Instant? {
            [lastStart.map { $0 + delay }, heldUntil].compactMap { $0 }.max()
        }
    }

    /// Idle hosts are forgotten once the table holds this many, so it does not grow with every host seen.
    static let pruneThreshold = 4096

    let maxConcurrent: Int
    let perHost: Int
    let defaultDelay: Duration
    private(set) var activeTotal = 0
    private(set) var hosts: [String: Host] = [:]

    init(maxConcurrent: Int, perHost: Int, delay: Duration) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.perHost = max(1, perHost)
        self.defaultDelay = delay
    }

    /// Whether a transfer to `host` that must not start before `earliest` may start at `now`.
    func readiness(of host: String, earliest: Instant? = nil, at now: Instant) -> Readiness {
        if activeTotal >= maxConcurrent { return .blocked }
        let state = hosts[host]
        if let state, state.active >= perHost { return .blocked }
        let start = [state?.nextStart, earliest].compactMap { $0 }.max()
        if let start, start > now { return .notBefore(start) }
        return .ready
    }

    /// Whether every transfer slot is taken.
    var isSaturated: Bool { activeTotal >= maxConcurrent }

    /// Records that a transfer to `host` starts at `now`.
    mutating func start(_ host: String, at now: Instant) {
        var state = hosts[host] ?? Host(delay: defaultDelay)
        state.active += 1
        state.lastStart = now
        hosts[host] = state
        activeTotal += 1
    }

    /// Records that a transfer to `host` ended.
    mutating func finish(_ host: String, at now: Instant) {
        guard var state = hosts[host], state.active > 0 else { return }
        state.active -= 1
        activeTotal -= 1
        hosts[host] = state
        if hosts.count > Self.pruneThreshold {
            // Hosts with a Crawl-delay are kept: the delay must outlive their idle spells.
            hosts = hosts.filter { _, state in
                state.active > 0 || state.delay != defaultDelay || (state.nextStart ?? now) > now
            }
        }
    }

    /// Sets the delay between starts for `host` (robots.txt Crawl-delay); never below the default.
    mutating func setDelay(_ delay: Duration, for host: String) {
        var state = hosts[host] ?? Host(delay: defaultDelay)
        state.delay = max(defaultDelay, delay)
        hosts[host] = state
    }

    /// Keeps every transfer to `host` from starting before `instant` (a `Retry-After`).
    mutating func hold(_ host: String, until instant: Instant) {
        var state = hosts[host] ?? Host(delay: defaultDelay)
        state.heldUntil = max(state.heldUntil ?? instant, instant)
        hosts[host] = state
    }
}
