import HTML

/// Reads counts as pages show them: `(20,156 posts)`, `Beiträge: 1.626`, `22K`, `1.2k`, `-3 points`.
///
/// The first number in the text is the count. Separators: with a `k`/`m`/`b` suffix (thousand,
/// million, billion) a `.` or `,` is a decimal point (`1,2k` = 1200); otherwise a `.`, `,`, `'` or
/// space (including no-break and thin spaces, and a literal `&nbsp;`) followed by exactly three digits
/// groups thousands, after a first group of one to three digits. Anything else ends the number
/// (`4.5 stars` = 4). A `-` or `−` right before the digits, not glued to a word, makes it negative.
public enum CountReader {
    /// The first number in `text`, or nil when there is none or it does not fit an `Int`.
    public static func count(from text: String) -> Int? {
        let bytes = folded(text)
        var index = 0
        while index < bytes.count, !ByteClass.isDigit(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }

        let negative =
            index > 0 && bytes[index - 1] == UInt8(ascii: "-")
            && (index == 1 || !isWordByte(bytes[index - 2]))

        // The leading run of digits.
        var integer = 0
        var firstGroup = 0
        while index < bytes.count, ByteClass.isDigit(bytes[index]) {
            guard let next = append(bytes[index], to: integer) else { return nil }
            integer = next
            firstGroup += 1
            index += 1
        }

        // A decimal fraction followed by a suffix: 1.2k, 3,4 M.
        if let scaled = suffixed(integer, bytes: bytes, from: index) {
            guard let scaled else { return nil }
            return negative ? -scaled : scaled
        }

        // Thousands groups: separator + exactly three digits, after a first group of at most three.
        if firstGroup <= 3 {
            while index + 3 < bytes.count, isGroupSeparator(bytes[index]) {
                let digits = bytes[(index + 1)...(index + 3)]
                guard digits.allSatisfy(ByteClass.isDigit) else { break }
                if index + 4 < bytes.count, ByteClass.isDigit(bytes[index + 4]) { break }
                for digit in digits {
                    guard let next = append(digit, to: integer) else { return nil }
                    integer = next
                }
                index += 4
            }
        }
        return negative ? -integer : integer
    }

    /// `integer` followed at `start` by an optional fraction and a k/m/b suffix, scaled: `nil` without a
    /// suffix, `.some(nil)` when the result does not fit an `Int`.
    private static func suffixed(_ integer: Int, bytes: [UInt8], from start: Int) -> Int?? {
        var index = start
        var fraction: [UInt8] = []
        if index + 1 < bytes.count,
            bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ","), ByteClass.isDigit(bytes[index + 1])
        {
            index += 1
            while index < bytes.count, ByteClass.isDigit(bytes[index]) {
                fraction.append(bytes[index])
                index += 1
            }
        }
        // `1.2 k`, but not `100 m`: a space before the suffix only after a fraction.
        if !fraction.isEmpty, index < bytes.count, bytes[index] == 0x20 { index += 1 }
        guard index < bytes.count else { return nil }
        let multiplier: Int
        switch bytes[index] | 0x20 {
        case UInt8(ascii: "k"): multiplier = 1_000
        case UInt8(ascii: "m"): multiplier = 1_000_000
        case UInt8(ascii: "b"): multiplier = 1_000_000_000
        default: return nil
        }
        // The suffix must stand alone: `22K`, `1.2k views`, not `100 comments` or `3 mins`.
        if index + 1 < bytes.count, isWordByte(bytes[index + 1]) { return nil }
        let (scaled, overflow) = integer.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return .some(nil) }
        // Only as many fraction digits as the multiplier can hold matter (1.2345k = 1234).
        var part = 0
        var scale = multiplier
        for digit in fraction {
            guard scale >= 10 else { break }
            scale /= 10
            part += Int(digit - 0x30) * scale
        }
        let (total, overflowAgain) = scaled.addingReportingOverflow(part)
        guard !overflowAgain else { return .some(nil) }
        return .some(total)
    }

    private static func append(_ digit: UInt8, to value: Int) -> Int? {
        let (times, overflow) = value.multipliedReportingOverflow(by: 10)
        guard !overflow else { return nil }
        let (sum, overflowAgain) = times.addingReportingOverflow(Int(digit - 0x30))
        return overflowAgain ? nil : sum
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        ByteClass.isLetter(byte) || ByteClass.isDigit(byte) || byte == UInt8(ascii: "_")
    }

    private static func isGroupSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == 0x20 || byte == UInt8(ascii: "'")
    }

    /// The text folded to ASCII punctuation (`String.asciiFolded`), with a literal `&nbsp;`, `&#160;` or
    /// `&#xa0;` as a space too.
    private static func folded(_ text: String) -> [UInt8] {
        let out = text.asciiFolded
        guard out.contains(UInt8(ascii: "&")) else { return out }
        var replaced: [UInt8] = []
        replaced.reserveCapacity(out.count)
        var index = 0
        let entities: [[UInt8]] = [
            Array("&nbsp;".utf8), Array("&#160;".utf8), Array("&#xa0;".utf8), Array("&#xA0;".utf8),
        ]
        outer: while index < out.count {
            if out[index] == UInt8(ascii: "&") {
                for entity in entities where out[index...].starts(with: entity) {
                    replaced.append(0x20)
                    index += entity.count
                    continue outer
                }
            }
            replaced.append(out[index])
            index += 1
        }
        return replaced
    }
}
