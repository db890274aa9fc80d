import HTML

/// One meaningful piece of a time as a page shows it.
enum DateToken: Equatable {
    /// A run of digits: its value, how many digits, whether a dot followed (`27.`), whether an
    /// apostrophe came first (`'14`, a two-digit year).
    case number(Int, digits: Int, dotted: Bool, apostrophe: Bool)
    /// Three numbers joined by one separator with no space (`03.03.2011`, `2011-04-24`, `26/10/13`).
    case numericDate(NumericDate)
    /// `H:MM`, `H:MM:SS` or `H:MM:SS.fff` (the fraction is dropped).
    case time(hour: Int, minute: Int, second: Int)
    /// A numeric offset from UTC in seconds (`+0200`, `-04:00`), read only after a time or a zone name.
    case offset(Int)
    /// Letters, lower-cased, without trailing dots; `inParentheses` for `(EDT)`-style comments.
    case word(String, inParentheses: Bool)
}

/// The parts of a numeric date with their digit counts, before deciding which is the day.
struct NumericDate: Equatable {
    var parts: [(value: Int, digits: Int)]
    var separator: UInt8

    static func == (lhs: NumericDate, rhs: NumericDate) -> Bool {
        lhs.separator == rhs.separator && lhs.parts.map(\.value) == rhs.parts.map(\.value)
            && lhs.parts.map(\.digits) == rhs.parts.map(\.digits)
    }
}

/// Splits a time as shown into tokens, or `nil` when the text holds characters no time uses.
///
/// Works on UTF-8 bytes: ASCII digits, letters and punctuation decide the structure; any other
/// scalar counts as part of a word, except the Unicode spaces, dashes, quotes and minus sign
/// pages put in times, which are folded to their ASCII counterparts first.
struct DateTokenizer {
    private var bytes: [UInt8]
    private var index = 0
    private(set) var tokens: [DateToken] = []

    /// The longest text worth reading as a time; longer text is not a time.
    static let maximumLength = 200

    init?(_ text: String) {
        guard text.utf8.count <= Self.maximumLength else { return nil }
        bytes = text.asciiFolded
    }

    private func byte(at position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Reads every token; `false` if the text holds something no time contains.
    mutating func run() -> Bool {
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x39:
                let count = tokens.count
                guard readNumeric() else { return false }
                // Numbers in parentheses are comments (`Jun 16, 2025 (17 hrs ago)`).
                if depth > 0 { tokens.removeSubrange(count...) }
            case _ where ByteClass.isLetter(byte):
                readWord(inParentheses: depth > 0)
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if !readOffset() { index += 1 }
            case UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth = max(0, depth - 1)
                index += 1
            case UInt8(ascii: "'"):
                if readApostropheYear() == false { return false }
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "/"),
                UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "@"):
                index += 1
            default:
                return false
            }
        }
        return true
    }

    /// Reads digits at `index`; stops at the first non-digit. Returns value and digit count, or nil
    /// when the run is too long to be part of a time.
    private mutating func readDigits() -> (value: Int, digits: Int)? {
        var value = 0
        let start = index
        while let byte = byte(at: index), ByteClass.isDigit(byte) {
            if index - start >= 4 { return nil }
            value = value * 10 + Int(byte - 0x30)
            index += 1
        }
        return (value, index - start)
    }

    private mutating func readNumeric() -> Bool {
        guard let first = readDigits() else { return false }
        // A time: H:MM[:SS[.fff]]
        if first.digits <= 2, byte(at: index) == UInt8(ascii: ":"), let next = byte(at: index + 1),
            ByteClass.isDigit(next)
        {
            index += 1
            guard let minute = readDigits(), minute.digits == 2 else { return false }
            var second = 0
            if byte(at: index) == UInt8(ascii: ":"), let next = byte(at: index + 1), ByteClass.isDigit(next) {
                index += 1
                guard let seconds = readDigits(), seconds.digits == 2 else { return false }
                second = seconds.value
                if let mark = byte(at: index), mark == UInt8(ascii: ".") || mark == UInt8(ascii: ","),
                    let next = byte(at: index + 1), ByteClass.isDigit(next)
                {
                    index += 1
                    while let byte = byte(at: index), ByteClass.isDigit(byte) { index += 1 }
                }
            }
            tokens.append(.time(hour: first.value, minute: minute.value, second: second))
            return true
        }
        // A numeric date: N sep N sep N with one separator and no spaces.
        if let separator = byte(at: index),
            separator == UInt8(ascii: ".") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-"),
            let next = byte(at: index + 1), ByteClass.isDigit(next)
        {
            let mark = index
            index += 1
            if let second = readDigits(), byte(at: index) == separator, let after = byte(at: index + 1),
                ByteClass.isDigit(after)
            {
                index += 1
                if let third = readDigits() {
                    if byte(at: index) == UInt8(ascii: "."), separator == UInt8(ascii: ".") { index += 1 }
                    tokens.append(.numericDate(NumericDate(parts: [first, second, third], separator: separator)))
                    return true
                }
            }
            index = mark
        }
        // A plain number, maybe with an ordinal suffix (5th) or a dot (27.).
        var dotted = false
        if byte(at: index) == UInt8(ascii: ".") {
            dotted = true
            index += 1
        } else if let suffix = ordinalSuffixLength() {
            index += suffix
        }
        tokens.append(.number(first.value, digits: first.digits, dotted: dotted, apostrophe: false))
        return true
    }

    /// The length of an English ordinal suffix (`st`, `nd`, `rd`, `th`) at `index` that ends a word.
    private func ordinalSuffixLength() -> Int? {
        guard let a = byte(at: index), let b = byte(at: index + 1) else { return nil }
        let pair = String(decoding: [a | 0x20, b | 0x20], as: UTF8.self)
        guard ["st", "nd", "rd", "th"].contains(pair) else { return nil }
        if let after = byte(at: index + 2), ByteClass.isLetter(after) { return nil }
        return 2
    }

    private mutating func readApostropheYear() -> Bool? {
        let start = index
        index += 1
        guard let byte = byte(at: index), ByteClass.isDigit(byte) else { return true }
        guard let year = readDigits(), year.digits == 2 else {
            index = start
            return false
        }
        tokens.append(.number(year.value, digits: 2, dotted: false, apostrophe: true))
        return true
    }

    /// A sign and an offset (`+0200`, `-04:00`, `+2`), read only right after a time or zone name.
    private mutating func readOffset() -> Bool {
        guard let last = tokens.last else { return false }
        switch last {
        case .time: break
        case .word(let word, _) where DateNames.zones[word] != nil: break
        default: return false
        }
        let start = index
        let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
        index += 1
        guard let hours = readDigits(), hours.digits >= 1 else {
            index = start
            return false
        }
        var hour = hours.value
        var minute = 0
        switch hours.digits {
        case 4:
            hour = hours.value / 100
            minute = hours.value % 100
        case 1, 2:
            if byte(at: index) == UInt8(ascii: ":"), let next = byte(at: index + 1), ByteClass.isDigit(next) {
                index += 1
                guard let minutes = readDigits(), minutes.digits == 2 else {
                    index = start
                    return false
                }
                minute = minutes.value
            }
        default:
            index = start
            return false
        }
        guard hour <= 14, minute < 60 else {
            index = start
            return false
        }
        tokens.append(.offset(sign * (hour * 3600 + minute * 60)))
        return true
    }

    private mutating func readWord(inParentheses: Bool) {
        let start = index
        var ascii = true
        while let byte = byte(at: index), ByteClass.isLetter(byte) {
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        var word: String
        if ascii {
            word = String(decoding: bytes[start..<index].map { $0 | 0x20 }, as: UTF8.self)
        } else {
            word = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
        }
        // "a.m." and "p.m."
        if word == "a" || word == "p", byte(at: index) == UInt8(ascii: "."),
            let m = byte(at: index + 1), m | 0x20 == UInt8(ascii: "m")
        {
            index += 2
            if byte(at: index) == UInt8(ascii: ".") { index += 1 }
            word += "m"
        }
        while byte(at: index) == UInt8(ascii: ".") { index += 1 }
        tokens.append(.word(word, inParentheses: inParentheses))
    }
}
