import Fetch
import Locking

/// A `FetchClock` that stands still until the test advances it: sleepers wake only when `advance(by:)`
/// reaches their deadline, so politeness and cache lifetimes are tested without real waits.
final class ManualClock: FetchClock {
    private struct Sleeper {
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var elapsed: Duration = .zero
        var sleepers: [Int: Sleeper] = [:]
        /// Sleeps cancelled before they were registered.
        var cancelled: Set<Int> = []
        var nextID = 0
    }

    /// The instant the clock started at.
    let start: ContinuousClock.Instant
    /// The wall-clock time at `start`, seconds since 1970.
    let startSeconds: Double
    private let state = Locked(State())

    /// A clock at the real `now`, whose wall clock reads `startSeconds` (default: Mon, 16 Jun 2025 15:17:00 GMT).
    init(startSeconds: Double = 1_750_087_020) {
        start = .now
        self.startSeconds = startSeconds
    }

    var now: ContinuousClock.Instant { start + state.withLock { $0.elapsed } }

    var secondsSince1970: Double { startSeconds + state.withLock { $0.elapsed }.secondsValue }

    func sleep(until deadline: ContinuousClock.Instant) async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Action { case wait, wake, cancel }
                let action = state.withLock { state -> Action in
                    if state.cancelled.remove(id) != nil { return .cancel }
                    if start + state.elapsed >= deadline { return .wake }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return .wait
                }
                switch action {
                case .wait: break
                case .wake: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                if let sleeper = state.sleepers.removeValue(forKey: id) { return sleeper }
                state.cancelled.insert(id)
                return nil
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward by `duration` and wakes every sleeper whose deadline has come.
    func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.elapsed += duration
            let now = start + state.elapsed
            let due = state.sleepers.filter { $0.value.deadline <= now }
            for id in due.keys { state.sleepers[id] = nil }
            return Array(due.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// The deadlines of the sleepers waiting, earliest first.
    var pendingDeadlines: [ContinuousClock.Instant] {
        state.withLock { $0.sleepers.values.map(\.deadline).sorted() }
    }

    /// Waits (in real time, briefly) until someone sleeps on this clock; false after about five seconds.
    func waitForSleeper() async -> Bool {
        for _ in 0..<1000 {
            if !pendingDeadlines.isEmpty { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }
}
