import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes that survive a crash at any instant: whole-file replacement through a temporary file and
/// `rename`, and appends, each followed by `fsync` of the file and, where a name was added, its folder.
enum DurableFile {
    /// Replaces `path` with `bytes`: a temporary file in `scratch` (a folder on the same file system, emptied
    /// by the next writer, so a crash leaves no stray file beside the archive's own), fsync, rename over,
    /// fsync of the folder. A crash leaves either the old file or the new one, never a mix.
    static func replace(_ path: String, with bytes: [UInt8], scratch: String) throws(ArchiveError) {
        let folder = parentFolder(of: path)
        try makeFolder(scratch)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = "\(scratch)/\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system(temporary, "cannot create", errno: errno) }
        do throws(ArchiveError) {
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw ArchiveError.system(temporary, "fsync", errno: errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .system(path, "cannot replace", errno: code)
        }
        try syncFolder(folder)
    }

    /// Appends `bytes` to `path` (created if missing) with one `write` loop, then fsyncs it; returns the
    /// offset the bytes start at.
    @discardableResult
    static func append(_ path: String, _ bytes: [UInt8]) throws(ArchiveError) -> Int {
        let existed = access(path, F_OK) == 0
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system(path, "cannot open for appending", errno: errno) }
        defer { close(fd) }
        let offset = Int(lseek(fd, 0, SEEK_END))
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw .system(path, "fsync", errno: errno) }
        if !existed { try syncFolder(parentFolder(of: path)) }
        return offset
    }

    /// Cuts `path` to `length` bytes and fsyncs it.
    static func truncate(_ path: String, to length: Int) throws(ArchiveError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system(path, "cannot open", errno: errno) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(length)) == 0 else { throw .system(path, "cannot truncate", errno: errno) }
        guard fsync(fd) == 0 else { throw .system(path, "fsync", errno: errno) }
    }

    /// Creates `path` and its missing parents, fsyncing each folder a name was added to.
    static func makeFolder(_ path: String) throws(ArchiveError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ArchiveError("\(path): exists and is not a folder") }
            return
        }
        let parent = parentFolder(of: path)
        if !parent.isEmpty, parent != path { try makeFolder(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .system(path, "cannot create folder", errno: errno) }
        if !parent.isEmpty { try syncFolder(parent) }
    }

    /// Removes every file in `folder` (the scratch folder, when a writer starts).
    static func empty(_ folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            unlink("\(folder)/\(name)")
        }
    }

    /// The folder holding `path` (`""` for a name without a slash, `/` for a name right under the root).
    static func parentFolder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The whole file, or nil when it does not exist.
    static func read(_ path: String) throws(ArchiveError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw .system(path, "cannot open", errno: errno)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(path, "cannot stat", errno: errno) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + done, buffer.count - done)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(path, "cannot read", errno: errno)
            }
            if count == 0 { break }
            done += count
        }
        return done == bytes.count ? bytes : Array(bytes[..<done])
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(ArchiveError) {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + done, buffer.count - done)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(path, "cannot write", errno: errno)
            }
            done += count
        }
    }

    static func syncFolder(_ path: String) throws(ArchiveError) {
        let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .system(path, "cannot open folder", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 || errno == EINVAL else { throw .system(path, "fsync of folder", errno: errno) }
    }
}
