/// Hands out transfer slots according to `PolitenessState`, first come first served among those allowed.
///
/// Waiters are kept in arrival order; whenever a slot frees up or a delay passes, the queue is scanned and
/// every waiter that may start is granted. One timer task sleeps on the client's clock until the earliest
/// pending start. Each request brings its host's cap and delay (`PolitenessState.Limits`).
actor HostScheduler {
    typealias Instant = ContinuousClock.Instant

    /// Why a slot was not granted.
    enum Refusal: Error, Equatable {
        case cancelled, shutdown
    }

    private struct Waiter {
        let id: Int
        let host: String
        let limits: PolitenessState.Limits
        let earliest: Instant?
        let continuation: CheckedContinuation<Result<Void, Refusal>, Never>
    }

    private var state: PolitenessState
    private let clock: any FetchClock
    /// Waiters in arrival order; removed ones leave a hole until the holes at the front are dropped,
    /// so granting the first waiter does not shift the whole queue.
    private var waiters: [Waiter?] = []
    private var head = 0
    private var waitingCount = 0
    private var nextID = 0
    private var isShutDown = false
    private var timer: (deadline: Instant, task: Task<Void, Never>)?

    /// Creates a scheduler with the global cap and the default per-host cap and delay, reading time from `clock`.
    init(maxConcurrent: Int, perHost: Int, delay: Duration, clock: any FetchClock) {
        state = PolitenessState(maxConcurrent: maxConcurrent, perHost: perHost, delay: delay)
        self.clock = clock
    }

    /// Waits for a slot to `host` under its `limits`, not starting before `earliest`; the caller must
    /// `release` it.
    func acquire(_ host: String, limits: PolitenessState.Limits, earliest: Instant? = nil) async
        -> Result<Void, Refusal>
    {
        if isShutDown { return .failure(.shutdown) }
        let now = clock.now
        if waitingCount == 0, state.readiness(of: host, limits: limits, earliest: earliest, at: now) == .ready {
            state.start(host, limits: limits, at: now)
            return .success(())
        }
        let id = nextID
        nextID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(returning: .failure(.cancelled))
                    return
                }
                waiters.append(
                    Waiter(id: id, host: host, limits: limits, earliest: earliest, continuation: continuation))
                waitingCount += 1
                grant()
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Gives back a slot taken with `acquire`.
    func release(_ host: String) {
        state.finish(host, at: clock.now)
        grant()
    }

    /// Applies a robots.txt Crawl-delay to `host`.
    func setDelay(_ delay: Duration, for host: String) {
        state.setDelay(delay, for: host)
        grant()
    }

    /// Holds every start to `host` until `instant` (a `Retry-After`).
    func hold(_ host: String, until instant: Instant) {
        state.hold(host, until: instant)
        grant()
    }

    /// Fails every waiter and every later `acquire` with `shutdown`.
    func shutdown() {
        isShutDown = true
        timer?.task.cancel()
        timer = nil
        let pending = waiters.compactMap { $0 }
        waiters = []
        head = 0
        waitingCount = 0
        for waiter in pending { waiter.continuation.resume(returning: .failure(.shutdown)) }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters[head...].firstIndex(where: { $0?.id == id }), let waiter = waiters[index] else {
            return
        }
        remove(at: index)
        waiter.continuation.resume(returning: .failure(.cancelled))
        grant()  // compacts
    }

    /// Starts every waiter that may start now, in arrival order, and arms the timer for the rest.
    private func grant() {
        let now = clock.now
        var earliestPending: Instant?
        var granted: [CheckedContinuation<Result<Void, Refusal>, Never>] = []
        defer { for continuation in granted { continuation.resume(returning: .success(())) } }
        var index = head
        while index < waiters.count, !state.isSaturated {
            guard let waiter = waiters[index] else {
                index += 1
                continue
            }
            switch state.readiness(of: waiter.host, limits: waiter.limits, earliest: waiter.earliest, at: now) {
            case .ready:
                state.start(waiter.host, limits: waiter.limits, at: now)
                remove(at: index)
                granted.append(waiter.continuation)
                index += 1
            case .notBefore(let instant):
                earliestPending = min(earliestPending ?? instant, instant)
                index += 1
            case .blocked:
                index += 1
            }
        }
        compact()
        armTimer(for: earliestPending)
    }

    /// Leaves a hole at `index`; indices stay valid until `compact()`.
    private func remove(at index: Int) {
        waiters[index] = nil
        waitingCount -= 1
        while head < waiters.count, waiters[head] == nil { head += 1 }
    }

    /// Drops the holes at the front once they are many (amortised O(1) per waiter).
    private func compact() {
        if head == waiters.count {
            waiters.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 > waiters.count {
            waiters.removeFirst(head)
            head = 0
        }
    }

    private func armTimer(for deadline: Instant?) {
        guard let deadline else { return }
        if let timer, timer.deadline <= deadline, timer.deadline > clock.now { return }
        timer?.task.cancel()
        let task = Task { [clock] in
            try? await clock.sleep(until: deadline)
            if Task.isCancelled { return }
            self.timerFired(deadline)
        }
        timer = (deadline, task)
    }

    private func timerFired(_ deadline: Instant) {
        if timer?.deadline == deadline { timer = nil }
        grant()
    }
}
