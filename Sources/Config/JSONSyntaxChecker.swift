import Foundation
import Model

/// Why bytes are not acceptable JSON for a configuration file.
enum JSONSyntaxError: Error, Equatable {
    /// Not RFC 8259 JSON; the message starts with the line and column.
    case malformed(String)
    /// An object repeats a key; which copy a decoder keeps is unspecified, so the file is ambiguous.
    case duplicateKey(path: [AnyCodingKey], firstLine: Int)
}

/// A strict RFC 8259 syntax check with positions a person can find in an editor.
///
/// Foundation's decoder reports only "not valid JSON" and quietly accepts trailing commas and repeated keys;
/// a hand-edited config file deserves `line 12, column 5: …` and a rejection of both.
struct JSONSyntaxChecker {
    /// Deeper nesting than any config needs; bounds the recursion on hostile input.
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var path: [AnyCodingKey] = []

    /// Checks `data`, throwing the first problem found.
    static func check(_ data: Data) throws(JSONSyntaxError) {
        var checker = JSONSyntaxChecker(bytes: [UInt8](data))
        try checker.document()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func document() throws(JSONSyntaxError) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
        skipWhitespace()
        try value(depth: 0)
        skipWhitespace()
        if index < bytes.count {
            throw fail("unexpected \(describeCurrent()) after the end of the JSON value")
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) {
        guard index < bytes.count else { throw fail("unexpected end of file, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object(depth: depth + 1)
        case UInt8(ascii: "["): try array(depth: depth + 1)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw fail("unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maximumDepth else { throw fail("nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        skipWhitespace()
        if consume("}") { return }
        var keyLines: [String: Int] = [:]
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw fail("trailing comma before '}'")
                }
                throw fail("unexpected \(describeCurrent()), expected a key in double quotes")
            }
            let keyLine = line
            let key = try string()
            if let firstLine = keyLines[key] {
                throw .duplicateKey(path: path + [AnyCodingKey(stringValue: key)], firstLine: firstLine)
            }
            keyLines[key] = keyLine
            skipWhitespace()
            guard consume(":") else { throw fail("unexpected \(describeCurrent()), expected ':' after a key") }
            skipWhitespace()
            path.append(AnyCodingKey(stringValue: key))
            try value(depth: depth)
            path.removeLast()
            skipWhitespace()
            if consume("}") { return }
            guard consume(",") else { throw fail("unexpected \(describeCurrent()), expected ',' or '}'") }
            skipWhitespace()
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maximumDepth else { throw fail("nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        skipWhitespace()
        if consume("]") { return }
        var position = 0
        while true {
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                throw fail("trailing comma before ']'")
            }
            path.append(AnyCodingKey(intValue: position))
            try value(depth: depth)
            path.removeLast()
            position += 1
            skipWhitespace()
            if consume("]") { return }
            guard consume(",") else { throw fail("unexpected \(describeCurrent()), expected ',' or ']'") }
            skipWhitespace()
        }
    }

    /// Reads a string at `index` (on its opening quote) and returns its decoded text.
    private mutating func string() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        var utf8: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw fail("string is not valid UTF-8", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &utf8)
            case 0..<0x20:
                throw fail("control character in a string (write it as an escape such as \\n)")
            default:
                utf8.append(byte)
                index += 1
            }
        }
    }

    private mutating func escape(into utf8: inout [UInt8]) throws(JSONSyntaxError) {
        guard index < bytes.count else { throw fail("unterminated string") }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
            UInt8(ascii: "/"): UInt8(ascii: "/"), UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
            UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let replacement = simple[bytes[index]] {
            utf8.append(replacement)
            index += 1
            return
        }
        guard bytes[index] == UInt8(ascii: "u") else { throw fail("invalid escape \\\(describeCurrent(quoted: false))") }
        index += 1
        var scalarValue = try hexQuad()
        if (0xD800...0xDBFF).contains(scalarValue) {
            guard consume("\\"), consume("u") else { throw fail("unpaired surrogate in a \\u escape") }
            let low = try hexQuad()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in a \\u escape") }
            scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw fail("unpaired surrogate in a \\u escape") }
        utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        var result: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = Self.hexValue(bytes[index]) else {
                throw fail("expected four hexadecimal digits after \\u")
            }
            result = result << 4 | digit
            index += 1
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private mutating func number() throws(JSONSyntaxError) {
        let start = index
        _ = consume("-")
        if consume("0") {
            if index < bytes.count, Self.isDigit(bytes[index]) {
                throw fail("a number must not start with 0")
            }
        } else {
            try digits()
        }
        if consume(".") { try digits() }
        if consume("e") || consume("E") {
            if !consume("+") { _ = consume("-") }
            try digits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if let value = Double(text), !value.isFinite {
            throw fail("number \(text) is too large")
        }
    }

    private mutating func digits() throws(JSONSyntaxError) {
        guard index < bytes.count, Self.isDigit(bytes[index]) else {
            throw fail("unexpected \(describeCurrent()), expected a digit")
        }
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        for expected in word.utf8 {
            guard index < bytes.count, bytes[index] == expected else {
                throw fail("unexpected \(describeCurrent()), expected \(word)")
            }
            index += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// The character at `index` as a message names it: `'x'`, or "end of file".
    private func describeCurrent(quoted: Bool = true) -> String {
        guard index < bytes.count else { return "end of file" }
        let byte = bytes[index]
        guard byte >= 0x20, byte < 0x7F else {
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x" + (hex.count < 2 ? "0" + hex : hex)
        }
        let character = String(UnicodeScalar(byte))
        return quoted ? "'\(character)'" : character
    }

    /// An error at `position` on the current line (by default the current position); the column counts
    /// characters, not bytes.
    private func fail(_ message: String, at position: Int? = nil) -> JSONSyntaxError {
        let end = min(position ?? index, bytes.count)
        let column = bytes[lineStart..<max(lineStart, end)].reduce(1) { count, byte in
            byte & 0xC0 == 0x80 ? count : count + 1
        }
        return .malformed("line \(line), column \(column): \(message)")
    }
}
