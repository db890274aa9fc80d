/// robots.txt policies by origin: each fetched once while valid (on the client's clock), concurrent askers
/// sharing one fetch.
actor RobotsCache {
    typealias Instant = ContinuousClock.Instant
    /// Fetches the policy of an origin and says how long it stays valid.
    typealias Loader = @Sendable () async -> (policy: RobotsPolicy, lifetime: Duration)

    private enum Entry {
        case loading([Int: CheckedContinuation<RobotsPolicy?, Never>])
        case ready(RobotsPolicy, expires: Instant)
    }

    private var entries: [String: Entry] = [:]
    private var nextID = 0
    private let clock: any FetchClock

    /// Creates an empty cache whose entries expire on `clock`.
    init(clock: any FetchClock) {
        self.clock = clock
    }

    /// The policy for `origin`, loading it with `load` unless a valid one is cached; nil if cancelled.
    func policy(for origin: String, load: @escaping Loader) async -> RobotsPolicy? {
        switch entries[origin] {
        case .ready(let policy, let expires) where expires > clock.now:
            return policy
        case .loading:
            break
        case .ready, nil:
            entries[origin] = .loading([:])
            Task {
                let (policy, lifetime) = await load()
                self.store(policy, lifetime: lifetime, for: origin)
            }
        }
        let id = nextID
        nextID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard !Task.isCancelled, case .loading(var waiters) = entries[origin] else {
                    if case .ready(let policy, _) = entries[origin], !Task.isCancelled {
                        continuation.resume(returning: policy)
                    } else {
                        continuation.resume(returning: nil)
                    }
                    return
                }
                waiters[id] = continuation
                entries[origin] = .loading(waiters)
            }
        } onCancel: {
            Task { await self.cancelWaiter(id, origin: origin) }
        }
    }

    private func store(_ policy: RobotsPolicy, lifetime: Duration, for origin: String) {
        let waiters: [Int: CheckedContinuation<RobotsPolicy?, Never>]
        if case .loading(let pending) = entries[origin] { waiters = pending } else { waiters = [:] }
        entries[origin] = .ready(policy, expires: clock.now + lifetime)
        for continuation in waiters.values { continuation.resume(returning: policy) }
    }

    private func cancelWaiter(_ id: Int, origin: String) {
        guard case .loading(var waiters) = entries[origin], let continuation = waiters.removeValue(forKey: id)
        else { return }
        entries[origin] = .loading(waiters)
        continuation.resume(returning: nil)
    }
}
