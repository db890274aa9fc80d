/// The bookkeeping of the global and per-host caps and delays, free of time and waiting so it can be
/// tested with any `now`.
///
/// A transfer may start when fewer than `maxConcurrent` transfers run in all, fewer than its host's
/// `perHost` run to its host, and its host's next allowed start (last start plus the host's delay, or a
/// `Retry-After` hold) has come. The delay counts from the last start, so a Crawl-delay learnt from
/// robots.txt also spaces the first page from the robots.txt request. Each host may have its own cap and
/// delay (`Limits`, from its `HostPolicy`); the caller passes them with every request for the host.
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

    /// One host's cap and configured delay.
    struct Limits: Sendable, Equatable {
        /// Most transfers in flight at once to the host.
        var perHost: Int
        /// Least time between two starts to the host (a longer Crawl-delay wins).
        var delay: Duration
    }

    struct Host {
        /// The host's cap and configured delay, as last given.
        var limits: Limits
        var active = 0
        var lastStart: Instant?
        /// No start before this (a `Retry-After`).
        var heldUntil: Instant?
        /// robots.txt's Crawl-delay, already capped, once learnt.
        var crawlDelay: Duration?

        /// The delay between starts: the configured one, or robots.txt's Crawl-delay when longer.
        var delay: Duration { max(limits.delay, crawlDelay ?? .zero) }

        /// The earliest instant the next transfer may start.
        var nextStart: Instant? {
            [lastStart.map { $0 + delay }, heldUntil].compactMap { $0 }.max()
        }
    }

    /// Idle hosts are forgotten once the table holds this many, so it does not grow with every host seen.
    static let pruneThreshold = 4096

    let maxConcurrent: Int
    /// The cap and delay of hosts for which the caller gives none.
    let defaultLimits: Limits
    private(set) var activeTotal = 0
    private(set) var hosts: [String: Host] = [:]

    init(maxConcurrent: Int, perHost: Int, delay: Duration) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.defaultLimits = Limits(perHost: max(1, perHost), delay: max(.zero, delay))
    }

    /// Whether a transfer to `host` with `limits` (the defaults when nil) that must not start before
    /// `earliest` may start at `now`.
    func readiness(of host: String, limits: Limits? = nil, earliest: Instant? = nil, at now: Instant) -> Readiness {
        if activeTotal >= maxConcurrent { return .blocked }
        let limits = limits ?? defaultLimits
        var state = hosts[host]
        state?.limits = limits
        if let state, state.active >= max(1, limits.perHost) { return .blocked }
        let start = [state?.nextStart, earliest].compactMap { $0 }.max()
        if let start, start > now { return .notBefore(start) }
        return .ready
    }

    /// Whether every transfer slot is taken.
    var isSaturated: Bool { activeTotal >= maxConcurrent }

    /// Records that a transfer to `host` with `limits` (the defaults when nil) starts at `now`.
    mutating func start(_ host: String, limits: Limits? = nil, at now: Instant) {
        var state = hosts[host] ?? Host(limits: defaultLimits)
        if let limits { state.limits = limits }
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
                state.active > 0 || state.crawlDelay != nil || (state.nextStart ?? now) > now
            }
        }
    }

    /// Sets robots.txt's Crawl-delay for `host`; the host's configured delay still wins when longer.
    mutating func setDelay(_ delay: Duration, for host: String) {
        var state = hosts[host] ?? Host(limits: defaultLimits)
        state.crawlDelay = max(.zero, delay)
        hosts[host] = state
    }

    /// Keeps every transfer to `host` from starting before `instant` (a `Retry-After`).
    mutating func hold(_ host: String, until instant: Instant) {
        var state = hosts[host] ?? Host(limits: defaultLimits)
        state.heldUntil = max(state.heldUntil ?? instant, instant)
        hosts[host] = state
    }
}
