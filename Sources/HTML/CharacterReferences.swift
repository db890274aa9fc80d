internal import CLibXML2

/// Decodes character references as libxml2's HTML parser does in attribute values: `&#…;` and `&#x…;`
/// (the `;` may be missing; zero or out of range is U+FFFD), and the HTML 4 named entities, which need
/// their `;`. Anything else stays as written.
package enum CharacterReferences {
    /// `text` with its character references decoded (JSON-LD text sometimes carries `&amp;`, `&#39;`).
    package static func decode(_ text: String) -> String {
        guard text.utf8.contains(ByteClass.ampersand) else { return text }
        return Array(text.utf8).withUnsafeBufferPointer { decode($0[...]) }
    }

    /// The UTF-8 `bytes` as text, with their character references decoded.
    static func decode(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard bytes.contains(ByteClass.ampersand) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ByteClass.ampersand, let (scalar, end) = reference(in: bytes, at: index + 1) {
                output.append(contentsOf: String(Character(scalar)).utf8)
                index = end
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The character a reference starting at `start` (just after `&`) stands for, and where it ends.
    private static func reference(in bytes: Slice<UnsafeBufferPointer<UInt8>>, at start: Int)
        -> (Unicode.Scalar, Int)?
    {
        guard start < bytes.endIndex else { return nil }
        if bytes[start] == ByteClass.hash {
            return numeric(in: bytes, at: start + 1)
        }
        var end = start
        while end < bytes.endIndex, ByteClass.isASCIILetter(bytes[end]) || ByteClass.isDigit(bytes[end]) { end += 1 }
        guard end > start, end < bytes.endIndex, bytes[end] == ByteClass.semicolon else { return nil }
        let name = Array(bytes[start..<end]) + [0]
        guard let entity = htmlEntityLookup(name), let scalar = Unicode.Scalar(entity.pointee.value) else {
            return nil
        }
        return (scalar, end + 1)
    }

    private static func numeric(in bytes: Slice<UnsafeBufferPointer<UInt8>>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start
        var isHex = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") {
            isHex = true
            index += 1
        }
        let digitsStart = index
        var value: UInt32 = 0
        while index < bytes.endIndex, let digit = digitValue(bytes[index], hex: isHex) {
            value = min(value &* (isHex ? 16 : 10) &+ digit, 0x11_0000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < bytes.endIndex, bytes[index] == ByteClass.semicolon { index += 1 }
        let scalar = value == 0 ? nil : Unicode.Scalar(value)
        return (scalar ?? "\u{FFFD}", index)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        if ByteClass.isDigit(byte) { return UInt32(byte - 0x30) }
        guard hex else { return nil }
        let lower = ByteClass.lowercased(byte)
        return lower >= 0x61 && lower <= 0x66 ? UInt32(lower - 0x61 + 10) : nil
    }
}
