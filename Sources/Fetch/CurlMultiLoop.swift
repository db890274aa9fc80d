internal import CCurl
import Foundation
import Locking
import Synchronization

/// curl's multi interface, driven by one dedicated thread.
///
/// The owner thread drains a mutex-guarded inbox (add, cancel, shutdown), runs `curl_multi_perform`,
/// reads `curl_multi_info_read` until empty (resuming each finished transfer's continuation), then sleeps
/// in `curl_multi_poll`. Other threads only enqueue and call `curl_multi_wakeup`, always while holding
/// the inbox lock, so the multi handle cannot be cleaned up under them. Nothing blocks the Swift
/// concurrency pool.
final class CurlMultiLoop: @unchecked Sendable {
    private enum Command {
        case add(Transfer)
        case cancel(Transfer)
        case shutdown
    }

    private enum State {
        case running, stopped
    }

    private struct Inbox {
        var commands: [Command] = []
        var state: State = .running
        /// The owner thread is in (or about to enter) `curl_multi_poll`: a new command must wake it.
        var isPolling = false
        var shutdownRequested = false
        var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let inbox = Locked(Inbox())
    /// The `CURLM *`; used by the owner thread, and by `curl_multi_wakeup` under the inbox lock.
    private let multi: UnsafeMutableRawPointer
    /// Transfers added to `multi`, by identity; owner thread only.
    private var active: [ObjectIdentifier: Transfer] = [:]

    /// Creates the multi handle and starts its owner thread.
    init(maxTotalConnections: Int, maxHostConnections: Int) {
        _ = curlGlobalInitialisation
        guard let multi = curl_multi_init() else {
            fatalError("curl_multi_init failed: out of memory")
        }
        self.multi = multi
        // Safety nets under the scheduler's caps: curl queues rather than opening more connections.
        _ = tk_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxTotalConnections)
        _ = tk_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxHostConnections)
        _ = tk_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(maxTotalConnections, 8))
        let thread = Thread { [self] in run() }
        thread.start()
    }

    /// Runs one attempt to completion (or cancellation, or shutdown); never throws.
    func perform(_ spec: TransferSpec) async -> TransferOutcome {
        let transfer = Transfer(spec: spec)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                if !enqueue(.add(transfer)) {
                    transfer.continuation = nil
                    continuation.resume(returning: .aborted(.shutdown))
                }
            }
        } onCancel: {
            transfer.isCancellationRequested.store(true, ordering: .releasing)
            _ = enqueue(.cancel(transfer))
        }
    }

    /// Stops every transfer (they end with `shutdown`), cleans up the multi handle and ends the thread.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = inbox.withLock { inbox -> Bool in
                if inbox.state == .stopped { return true }
                inbox.shutdownWaiters.append(continuation)
                if !inbox.shutdownRequested {
                    inbox.shutdownRequested = true
                    inbox.commands.append(.shutdown)
                    inbox.isPolling = false
                    curl_multi_wakeup(multi)
                }
                return false
            }
            if stopped { continuation.resume() }
        }
    }

    /// Adds a command and wakes the owner thread; false once the loop has stopped.
    private func enqueue(_ command: Command) -> Bool {
        inbox.withLock { inbox in
            guard inbox.state == .running else { return false }
            inbox.commands.append(command)
            if inbox.isPolling {
                inbox.isPolling = false
                curl_multi_wakeup(multi)
            }
            return true
        }
    }

    // MARK: owner thread

    private func run() {
        Thread.current.name = "tk-curl-multi"  // set from inside, so Linux tools see it too
        var running: Int32 = 0
        var stopping = false
        while !stopping {
            let commands = inbox.withLock { inbox -> [Command] in
                defer { inbox.commands.removeAll(keepingCapacity: true) }
                return inbox.commands
            }
            for command in commands {
                switch command {
                case .add(let transfer): add(transfer)
                case .cancel(let transfer): end(transfer, because: .cancelled)
                case .shutdown: stopping = true
                }
            }
            if stopping { break }
            curl_multi_perform(multi, &running)
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard tk_msg_is_done(message) != 0, let easy = tk_msg_easy_handle(message) else { continue }
                var context: UnsafeMutableRawPointer?
                guard tk_easy_getinfo_private(easy, &context) == CURLE_OK, let context else { continue }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                complete(transfer, code: tk_msg_result(message))
            }
            // Sleep only when no command is waiting; enqueuers skip the wakeup syscall while we are awake.
            let mayPoll = inbox.withLock { inbox -> Bool in
                inbox.isPolling = inbox.commands.isEmpty
                return inbox.isPolling
            }
            curl_multi_poll(multi, nil, 0, mayPoll ? 1000 : 0, nil)
        }
        for transfer in Array(active.values) {
            end(transfer, because: .shutdown)
        }
        // Refuse new commands and clean up under the lock: no wakeup can race the cleanup.
        let (late, waiters) = inbox.withLock { inbox -> ([Command], [CheckedContinuation<Void, Never>]) in
            inbox.state = .stopped
            curl_multi_cleanup(multi)
            defer {
                inbox.commands = []
                inbox.shutdownWaiters = []
            }
            return (inbox.commands, inbox.shutdownWaiters)
        }
        for case .add(let transfer) in late {
            resume(transfer, with: .aborted(.shutdown))
        }
        for waiter in waiters { waiter.resume() }
    }

    private func add(_ transfer: Transfer) {
        if transfer.isCancellationRequested.load(ordering: .acquiring) {
            resume(transfer, with: .aborted(.cancelled))
            return
        }
        if let failure = transfer.start(in: multi) {
            var outcome = TransferOutcome()
            outcome.curlCode = Int32(bitPattern: CURLE_FAILED_INIT.rawValue)
            outcome.curlMessage = failure
            resume(transfer, with: outcome)
            return
        }
        active[ObjectIdentifier(transfer)] = transfer
    }

    /// Ends an active transfer early; ignored when it already finished.
    private func end(_ transfer: Transfer, because reason: TransferAbort) {
        guard active[ObjectIdentifier(transfer)] != nil else { return }
        transfer.stop(reason)
        complete(transfer, code: CURLE_ABORTED_BY_CALLBACK)
    }

    private func complete(_ transfer: Transfer, code: CURLcode) {
        guard active.removeValue(forKey: ObjectIdentifier(transfer)) != nil else { return }
        let outcome = transfer.finish(in: multi, code: code)
        resume(transfer, with: outcome)
    }

    private func resume(_ transfer: Transfer, with outcome: TransferOutcome) {
        let continuation = transfer.continuation
        transfer.continuation = nil
        continuation?.resume(returning: outcome)
    }
}
