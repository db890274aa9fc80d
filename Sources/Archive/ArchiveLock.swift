import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One writer per archive: an exclusive `flock` on `archive/lock`, which holds the holder's PID.
///
/// The kernel releases the lock when its process dies, however it dies, so a stale lock of a killed process
/// is taken over by the next writer; the PID in the file only serves the message a waiting writer prints.
final class ArchiveLock: Sendable {
    private let fd: Int32

    /// Takes the lock, waiting up to `timeout` for a live holder to let go.
    init(path: String, timeout: Duration) throws(ArchiveError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system(path, "cannot open lock file", errno: errno) }
        let deadline = ContinuousClock.now + timeout
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let code = errno
                close(fd)
                throw .system(path, "cannot lock", errno: code)
            }
            if ContinuousClock.now >= deadline {
                let holder = (try? DurableFile.read(path)).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) }
                    .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
                close(fd)
                let who = holder.isEmpty ? "another process" : "process \(holder)"
                throw ArchiveError("\((path as NSString).deletingLastPathComponent): archive is locked by \(who) (\(path))")
            }
            usleep(50_000)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        self.fd = fd
    }

    deinit {
        _ = ftruncate(fd, 0)
        close(fd)
    }
}
