import Foundation
import Crypto

/// A thread's identity in the archive: the host of its URL and the forum's thread id.
///
/// Shown to people as `host/id` (`democraticunderground.com/100220384040`). On disk it becomes
/// `threads/HOST/ID`, where both parts are made safe: only `[a-z0-9_-]` (and `.` between labels of the host)
/// are kept as they are; any other character, upper case included, a dot in an id, or a part over 64
/// characters, turns the part into a readable prefix of the allowed characters, `~`, and 16 hex digits of
/// the SHA-256 of the original. So `..`, `/`, `%2e%2e`, NUL, look-alike letters and ids differing only in
/// case all become distinct names inside the archive, and no remote text can name a path outside it.
public struct ThreadKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The host, lower case, without a leading `www.`.
    public var host: String
    /// The thread id as the forum gives it.
    public var id: String

    public init(host: String, id: String) {
        var host = host.lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        self.host = host
        self.id = id
    }

    /// The key of a thread at `url` with the profile's `id`; without an id, the URL's path and query stand in.
    public init?(url: String, id: String?) {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return nil
        }
        var fallback = String(components.percentEncodedPath.drop { $0 == "/" })
        if let query = components.percentEncodedQuery { fallback += "?" + query }
        let chosen = id.flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        guard !chosen.isEmpty else { return nil }
        self.init(host: host, id: chosen)
    }

    /// `host/id`.
    public var description: String { "\(host)/\(id)" }

    // Compared by their bytes, not as Swift strings (which equate `é` with `e` + U+0301): two ids a forum
    // tells apart are two threads.
    public static func == (lhs: ThreadKey, rhs: ThreadKey) -> Bool {
        lhs.host.utf8.elementsEqual(rhs.host.utf8) && lhs.id.utf8.elementsEqual(rhs.id.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(host.utf8))
        hasher.combine(Array(id.utf8))
    }

    /// The thread's folder relative to the archive's `threads/`.
    public var relativePath: String { "\(Self.safeHost(host))/\(Self.safeID(id))" }

    public static func < (lhs: ThreadKey, rhs: ThreadKey) -> Bool {
        lhs.host.utf8.elementsEqual(rhs.host.utf8)
            ? lhs.id.utf8.lexicographicallyPrecedes(rhs.id.utf8) : lhs.host.utf8.lexicographicallyPrecedes(rhs.host.utf8)
    }

    static func safeHost(_ host: String) -> String {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let plain = !host.isEmpty && host.utf8.count <= 64
            && labels.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isSafeByte) }
        return plain ? host : hashed(host)
    }

    static func safeID(_ id: String) -> String {
        let plain = !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy(isSafeByte)
        return plain ? id : hashed(id)
    }

    private static func hashed(_ text: String) -> String {
        let readable = String(decoding: text.utf8.filter(isSafeByte).prefix(40), as: UTF8.self)
        let digest = Digest.hex(SHA256.hash(data: Data(text.utf8)).prefix(8))
        return "\(readable)~\(digest)"
    }

    private static func isSafeByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D
    }
}
