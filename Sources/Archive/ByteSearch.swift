import Foundation

/// Finding bytes in bytes with the C library's `memchr` and `memcmp`: Foundation's generic
/// `firstRange(of:)` compares byte by byte through protocol witnesses, and took a third of a reader's
/// request for a large thread. (`memmem` is a GNU extension Swift's Glibc module does not declare.)
enum ByteSearch {
    /// The indices of the first occurrence of `needle` in `bytes`, or nil.
    static func firstRange(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Range<Int>? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        let offset: Int? = bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { needle in
                guard let base = haystack.baseAddress, let wanted = needle.baseAddress else { return nil }
                let lastStart = haystack.count - needle.count
                var from = 0
                while from <= lastStart {
                    guard let hit = memchr(base + from, Int32(first), lastStart - from + 1) else { return nil }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, wanted, needle.count) == 0 { return at }
                    from = at + 1
                }
                return nil
            }
        }
        return offset.map { bytes.startIndex + $0 ..< bytes.startIndex + $0 + needle.count }
    }
}
