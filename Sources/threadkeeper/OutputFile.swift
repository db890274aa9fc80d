import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file a verb writes its output to (`fetch -o`, `crawl --report-json`): checked before the work starts,
/// written whole (a temporary file beside it, then a rename), and every failure in our words.
struct OutputFile {
    /// Why the file cannot be written, in words (`no such directory /tmp/nope`).
    struct Problem: Error { var reason: String }

    var path: String

    /// The folder the file goes in.
    private var folder: String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// Whether the file can be written, checked without writing it: its folder exists and takes new files,
    /// and the path is not a folder or a file we may not replace.
    func check() throws(Problem) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw Problem(reason: "is a directory") }
            if access(path, W_OK) != 0 { throw Problem(reason: "permission denied") }
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw Problem(reason: "no such directory \(folder)")
        }
        guard isDirectory.boolValue else { throw Problem(reason: "\(folder) is not a directory") }
        if access(folder, W_OK | X_OK) != 0 {
            throw Problem(reason: "cannot create files in \(folder) (permission denied)")
        }
    }

    /// Writes `bytes` as the whole file: a reader never sees half of it.
    func save(_ bytes: [UInt8]) throws(Problem) {
        try check()
        let temporary = "\(folder)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Problem(reason: Self.lastError()) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = Self.lastError()
                close(fd)
                unlink(temporary)
                throw Problem(reason: reason)
            }
            written += count
        }
        guard close(fd) == 0, rename(temporary, path) == 0 else {
            let reason = Self.lastError()
            unlink(temporary)
            throw Problem(reason: reason)
        }
    }

    /// `errno` in words, lower case (`no space left on device`).
    private static func lastError() -> String {
        Usage.lowercasingFirst(String(cString: strerror(errno)))
    }
}
