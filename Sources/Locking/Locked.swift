#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a pthread mutex: `withLock` gives the only access to it.
///
/// Used instead of `Synchronization.Mutex`, whose Linux implementation takes a futex path under
/// contention that ThreadSanitizer cannot see: `swift test --sanitize=thread` then reports races on
/// every value such a mutex guards (a counter incremented under `Mutex.withLock` by four threads is
/// reported, while the count comes out right). ThreadSanitizer intercepts pthread mutexes, so a
/// sanitizer run checks what this lock guards, and its reports are real ones. Uncontended, both cost
/// the same atomic exchange.
public final class Locked<Value: ~Copyable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: consuming sending Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock.
    public func withLock<Result: ~Copyable, Failure: Error>(
        _ body: (inout sending Value) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
