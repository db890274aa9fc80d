/// Writes a `CanonicalNode` tree as bytes, by the rules `CanonicalJSON` documents.
struct CanonicalWriter {
    private var bytes: [UInt8] = []
    private let pretty: Bool

    private init(pretty: Bool) {
        self.pretty = pretty
    }

    /// The canonical bytes of `tree`, compact or indented.
    static func write(_ tree: CanonicalNode, pretty: Bool) -> [UInt8] {
        var writer = CanonicalWriter(pretty: pretty)
        let estimate = estimatedSize(of: tree, depth: 0, pretty: pretty)
        writer.bytes.reserveCapacity(estimate + estimate / 8 + 16)
        writer.write(tree, depth: 0)
        return writer.bytes
    }

    private mutating func write(_ node: CanonicalNode, depth: Int) {
        switch node {
        case .null: append(literal: "null")
        case .bool(let value): append(literal: value ? "true" : "false")
        case .number(let text): append(number: text)
        case .string(let text): writeString(text)
        case .array(let array): writeArray(array.elements, depth: depth)
        case .object(let object): writeObject(object, depth: depth)
        case .encoder(let encoder): write(encoder.node ?? .object(CanonicalObject()), depth: depth)
        }
    }

    private mutating func writeArray(_ elements: [CanonicalNode], depth: Int) {
        guard !elements.isEmpty else {
            append(literal: "[]")
            return
        }
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth + 1)
            write(element, depth: depth + 1)
        }
        newline(depth)
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: CanonicalObject, depth: Int) {
        let keys = object.keys
        let values = object.values
        guard !keys.isEmpty else {
            append(literal: "{}")
            return
        }
        bytes.append(UInt8(ascii: "{"))
        for (position, index) in Self.memberOrder(keys).enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth + 1)
            writeString(keys[index])
            append(literal: pretty ? ": " : ":")
            write(values[index], depth: depth + 1)
        }
        newline(depth)
        bytes.append(UInt8(ascii: "}"))
    }

    /// In pretty form, a line break and `depth` levels of indentation; nothing in compact form.
    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// ASCII text with nothing to escape (literals, numbers, punctuation).
    private mutating func append(literal text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func append(number text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        // Native strings are contiguous UTF-8 already; `withUTF8` copies only a bridged one.
        text.withUTF8 { writeEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs of bytes that need no escape in one go; escapes `"`, `\` and U+0000–U+001F.
    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            }
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                hex.withUTF8Buffer { digits in
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0x0F)])
                }
            }
        }
        if runStart < utf8.count {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    /// The indices of the members to write: sorted by key bytes, and of a key encoded more than once only
    /// the last.
    static func memberOrder(_ keys: [String]) -> [Int] {
        var order = Array(keys.indices)
        order.sort { left, right in
            let comparison = compareUTF8(keys[left], keys[right])
            return comparison != 0 ? comparison < 0 : left < right
        }
        var members: [Int] = []
        members.reserveCapacity(order.count)
        for index in order {
            if let last = members.last, compareUTF8(keys[last], keys[index]) == 0 {
                members[members.count - 1] = index
            } else {
                members.append(index)
            }
        }
        return members
    }

    /// Compares two strings by their UTF-8 bytes: negative, zero or positive. Unlike `<` on `String`, which
    /// compares canonically equivalent strings as equal, this is plain byte order (and so code point order).
    static func compareUTF8(_ left: String, _ right: String) -> Int {
        var left = left
        var right = right
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                let shared = min(leftBytes.count, rightBytes.count)
                for index in 0..<shared where leftBytes[index] != rightBytes[index] {
                    return Int(leftBytes[index]) - Int(rightBytes[index])
                }
                return leftBytes.count - rightBytes.count
            }
        }
    }

    /// About how many bytes `node` takes, so the buffer is allocated once; exact for compact output
    /// without escapes.
    private static func estimatedSize(of node: CanonicalNode, depth: Int, pretty: Bool) -> Int {
        let perLine = pretty ? 2 * depth + 4 : 0
        switch node {
        case .null: return 4
        case .bool(let value): return value ? 4 : 5
        case .number(let text): return text.utf8.count
        case .string(let text): return text.utf8.count + 2
        case .array(let array):
            var size = 2 + array.elements.count
            for element in array.elements {
                size += perLine + estimatedSize(of: element, depth: depth + 1, pretty: pretty)
            }
            return size
        case .object(let object):
            var size = 2 + object.keys.count * 4
            for key in object.keys { size += perLine + key.utf8.count }
            for value in object.values { size += estimatedSize(of: value, depth: depth + 1, pretty: pretty) }
            return size
        case .encoder(let encoder):
            return encoder.node.map { estimatedSize(of: $0, depth: depth, pretty: pretty) } ?? 2
        }
    }
}
