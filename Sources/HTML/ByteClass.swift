/// The ASCII byte classes and punctuation bytes that the byte-level readers share (tokenizers, the XPath
/// rewriter, the date and count readers), so each class is defined once.
package enum ByteClass {
    /// `0`–`9`.
    @inline(__always)
    package static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `A`–`Z` and `a`–`z`.
    @inline(__always)
    package static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// An ASCII letter or any byte of a multi-byte UTF-8 sequence: a letter to readers that only split
    /// ASCII punctuation and digits from words.
    @inline(__always)
    package static func isLetter(_ byte: UInt8) -> Bool { isASCIILetter(byte) || byte >= 0x80 }

    /// HTML's ASCII whitespace: tab, line feed, form feed, carriage return and space.
    @inline(__always)
    package static func isHTMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// XPath's whitespace: space, tab, line feed and carriage return.
    @inline(__always)
    package static func isXPathSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A byte that may start an XML name (an XPath NCName): a letter, `_`, or any non-ASCII byte.
    @inline(__always)
    package static func isNameStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == 0x5F }

    /// A byte that may continue an XML name: a name start, a digit, `-` or `.`.
    @inline(__always)
    package static func isNameCharacter(_ byte: UInt8) -> Bool {
        isNameStart(byte) || isDigit(byte) || byte == 0x2D || byte == 0x2E
    }

    /// The byte with `A`–`Z` lowered.
    @inline(__always)
    package static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    package static let lessThan = UInt8(ascii: "<")
    package static let greaterThan = UInt8(ascii: ">")
    package static let slash = UInt8(ascii: "/")
    package static let exclamation = UInt8(ascii: "!")
    package static let question = UInt8(ascii: "?")
    package static let dash = UInt8(ascii: "-")
    package static let equals = UInt8(ascii: "=")
    package static let quote = UInt8(ascii: "\"")
    package static let apostrophe = UInt8(ascii: "'")
    package static let ampersand = UInt8(ascii: "&")
    package static let semicolon = UInt8(ascii: ";")
    package static let hash = UInt8(ascii: "#")
}
