public import Foundation
import Crypto

/// `sha256:` and the lower-case hex SHA-256 of some bytes: how the archive names snapshot hashes and bodies.
enum Digest {
    static func sha256(_ bytes: some DataProtocol) -> String {
        "sha256:" + hex(SHA256.hash(data: bytes))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

/// UTC ISO 8601 times to the second (`2025-06-17T08:17:00Z`), as the archive and the crawl write them.
public enum ISOTime {
    public static func string(_ date: Date) -> String { date.formatted(.iso8601) }

    public static func date(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }
}
