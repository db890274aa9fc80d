/// Text from other people's pages, made safe for a terminal.
public enum TerminalText {
    /// `text` with every character that a terminal would act on shown escaped instead: C0 controls but tab
    /// and newline (ESC, BEL, CR, backspace…) as `\u{1B}`-style escapes, DEL and C1 controls (U+0080–U+009F)
    /// likewise, and bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and other
    /// format controls that reorder or hide text (U+200E, U+200F, U+061C). Newlines are kept when
    /// `keepNewlines`, else escaped too.
    public static func escaped(_ text: String, keepNewlines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepNewlines: keepNewlines) }) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepNewlines: keepNewlines) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// JSON bytes with every character a terminal would act on that JSON leaves raw (C1 controls, bidi
    /// overrides and isolates, direction marks) written as `\uXXXX` escapes: the same JSON value, safe to print.
    /// C0 controls are already escaped by the canonical encoder.
    public static func safeJSON(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xD8 || $0 == 0x7F }) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var length = 1
            if byte >= 0xF0 { length = 4 } else if byte >= 0xE0 { length = 3 } else if byte >= 0xC0 { length = 2 }
            if length > 1, index + length <= bytes.count,
                let scalar = String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars.first,
                scalar.value != 0xFFFD, needsEscape(scalar, keepNewlines: true)
            {
                let hex = String(scalar.value, radix: 16)
                output += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                index += length
                continue
            }
            if byte == 0x7F {
                output += Array("\\u007f".utf8)
                index += 1
                continue
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    static func needsEscape(_ scalar: Unicode.Scalar, keepNewlines: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: return !keepNewlines
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// `text` wrapped to lines of at most `width` columns (a word longer than that gets a line of its own),
    /// each line prefixed with `indent`. Paragraphs (newlines) are kept.
    public static func wrapped(_ text: String, width: Int, indent: String) -> String {
        let usable = max(20, width - indent.count)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if !line.isEmpty, line.count + 1 + word.count > usable {
                    lines.append(indent + line)
                    line = ""
                }
                line += line.isEmpty ? String(word) : " " + word
            }
            lines.append(line.isEmpty ? indent.trimmingTrailingSpaces : indent + line)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

/// ANSI colours for terminal output, or none.
public struct Palette: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
