internal import Foundation

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The names the writer gives its files, and the only names readers open: `threadkeeper-00001.warc.gz`.
enum WARCFileName {
    static let prefix = "threadkeeper-"
    static let suffix = ".warc.gz"

    /// The name of file number `number` (at least five digits).
    static func name(_ number: Int) -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + suffix
    }

    /// The number in a name of ours, or `nil` for any other name (so no path from outside reaches the disk).
    static func number(of name: String) -> Int? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
        guard (5...12).contains(digits.count), digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(digits)
    }
}

/// A file descriptor with positioned reads and writes; closed exactly once, by `close()` or `deinit`.
///
/// Not `Sendable`: owned by one writer or one read.
final class WARCFileDescriptor {
    /// The file's name, for error messages.
    let name: String
    private var fd: Int32

    private init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    deinit {
        if fd >= 0 { _ = posixClose(fd) }
    }

    /// Opens an existing file for reading.
    static func openForReading(_ url: URL) throws(WARCError) -> WARCFileDescriptor {
        try open(url, flags: O_RDONLY, what: "open for reading")
    }

    /// Opens an existing file for positioned writes and reads.
    static func openForWriting(_ url: URL) throws(WARCError) -> WARCFileDescriptor {
        try open(url, flags: O_RDWR, what: "open for writing")
    }

    /// Creates a new file; fails if one of that name exists, so no file is ever overwritten.
    static func create(_ url: URL) throws(WARCError) -> WARCFileDescriptor {
        try open(url, flags: O_RDWR | O_CREAT | O_EXCL, what: "create")
    }

    private static func open(_ url: URL, flags: Int32, what: String) throws(WARCError) -> WARCFileDescriptor {
        let fd = url.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            var result: Int32
            repeat { result = posixOpen(path, flags | O_CLOEXEC, 0o644) } while result < 0 && errno == EINTR
            return result
        }
        guard fd >= 0 else { throw ioError(what, name: url.lastPathComponent) }
        return WARCFileDescriptor(fd: fd, name: url.lastPathComponent)
    }

    /// The file's size in bytes.
    func size() throws(WARCError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.ioError("stat", name: name) }
        return Int(info.st_size)
    }

    /// Up to `count` bytes from `offset`; fewer only at the end of the file.
    func read(at offset: Int, count: Int) throws(WARCError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        let failed = bytes.withUnsafeMutableBytes { buffer -> Bool in
            while filled < count {
                let got = pread(fd, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
                if got < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                if got == 0 { break }
                filled += got
            }
            return false
        }
        if failed { throw Self.ioError("read at offset \(offset)", name: name) }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int) throws(WARCError) {
        var written = 0
        let failed = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let put = pwrite(fd, buffer.baseAddress! + written, buffer.count - written, off_t(offset + written))
                if put < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                written += put
            }
            return false
        }
        if failed { throw Self.ioError("write at offset \(offset)", name: name) }
    }

    /// Cuts the file to `length` bytes.
    func truncate(to length: Int) throws(WARCError) {
        guard ftruncate(fd, off_t(length)) == 0 else { throw Self.ioError("truncate to \(length) bytes", name: name) }
    }

    /// Flushes the file's data and size to the disk.
    func sync() throws(WARCError) {
        guard fsync(fd) == 0 else { throw Self.ioError("fsync", name: name) }
    }

    /// Closes the descriptor; later calls do nothing.
    func close() throws(WARCError) {
        guard fd >= 0 else { return }
        let result = posixClose(fd)
        fd = -1
        guard result == 0 else { throw Self.ioError("close", name: name) }
    }

    private static func ioError(_ what: String, name: String) -> WARCError {
        let cause = String(cString: strerror(errno))
        return WARCError(code: .io, file: name, detail: "\(what) failed: \(cause)")
    }
}

// `open` and `close` are also Foundation names in some contexts; these spell the C functions unambiguously.
private func posixOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Darwin)
        Darwin.open(path, flags, mode)
    #elseif canImport(Musl)
        Musl.open(path, flags, mode)
    #else
        Glibc.open(path, flags, mode)
    #endif
}

private func posixClose(_ fd: Int32) -> Int32 {
    #if canImport(Darwin)
        Darwin.close(fd)
    #elseif canImport(Musl)
        Musl.close(fd)
    #else
        Glibc.close(fd)
    #endif
}
