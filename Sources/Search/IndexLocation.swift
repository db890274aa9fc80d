import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an archive's index lives when no path is given.
enum IndexLocation {
    /// `<archive>/index/search.sqlite` when the archive folder (or its `index/`) is writable; otherwise a file
    /// per archive (named by a hash of its real path) under `$XDG_CACHE_HOME/threadkeeper/`, else
    /// `~/.cache/threadkeeper/`.
    static func defaultPath(archiveRoot root: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        let folder = "\(root)/index"
        if access(folder, W_OK) == 0 || (access(folder, F_OK) != 0 && access(root, W_OK) == 0) {
            return "\(folder)/search.sqlite"
        }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        let resolved = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        return "\(cache)/threadkeeper/search-\(fnv1a(resolved)).sqlite"
    }

    /// 16 hex digits of the FNV-1a hash of `text`: names a file, nothing more.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
