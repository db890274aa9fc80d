public import Foundation
public import Model
import HTML

/// Reads the times forum pages show (`Mon Jun 16, 2025, 11:17 AM`, `27. September 2018`, `17 hrs ago`).
///
/// Deterministic: the machine's locale, zone and calendar play no part. Text without a zone or offset
/// is read in the site's `timeZone`; relative text is resolved against the fetch time, on the site's
/// calendar days. The profile's own `formats` are tried first, then the built-in forms:
/// - epochs: 9–10 digits are seconds, 12–13 digits milliseconds;
/// - ISO 8601 and RFC 2822, with or without offsets, zone abbreviations (`EST`, `CEST`, …) or fractions;
/// - month names in English, German and Hungarian, plus every language in `locales`; numeric dates
///   `YYYY-MM-DD`, `DD.MM.YYYY`, and `DD/MM/YY(YY)` (month first when `locales` holds `en-US` or
///   `en_US`; the other order when the preferred one is impossible); two-digit years < 50 are 20xx;
/// - 12- and 24-hour clocks, `at`, `um … Uhr` and leading verbs (`asked`, `edited`, `posted`, …);
/// - relative text in English and German (`17 hrs ago`, `vor 3 Stunden`, `a month ago`, `just now`,
///   `Yesterday, 10:15 PM`, `Heute um 14:51`, a weekday name = the latest such day before the fetch
///   day), Hungarian `3 órája`-style units, `tegnap` and `ma`.
///
/// A weekday next to a full date is not checked against it. A date without a time of day means the
/// start of that day in the site's zone and is not approximate.
public struct DateReader: Sendable {
    /// The zone of times that carry no offset or zone name.
    public let timeZone: TimeZone
    private let names: DateNames
    private let formatters: [(formatter: DateFormatter, separators: Separators, start: FieldStart)]
    private let monthFirst: Bool

    /// A reader for one site.
    ///
    /// - Parameters:
    ///   - timeZone: the site's zone, for text that names none.
    ///   - formats: `DateFormatter` patterns the profile knows the site uses, tried before the built-in forms.
    ///   - locales: locale identifiers (`de`, `hu`, `fr`) whose month and weekday names to accept, and in
    ///     which to try `formats`.
    public init(timeZone: TimeZone, formats: [String] = [], locales: [String] = []) {
        self.timeZone = timeZone
        names = locales.isEmpty ? DateNames.builtIn : DateNames.forLocales(locales)
        monthFirst = locales.contains { identifier in
            let lowered = identifier.lowercased()
            return lowered.hasPrefix("en-us") || lowered.hasPrefix("en_us")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var formatters: [(DateFormatter, Separators, FieldStart)] = []
        for format in formats where !format.isEmpty {
            let separators = Separators(requiredBy: format)
            for identifier in locales + ["en_US_POSIX"] {
                let start = FieldStart(format, locale: identifier)
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: identifier)
                formatter.calendar = calendar
                formatter.timeZone = timeZone
                formatter.isLenient = false
                formatter.dateFormat = format
                formatters.append((formatter, separators, start))
            }
        }
        self.formatters = formatters
    }

    /// Reads a time shown on a page; nil if unreadable.
    ///
    /// - Parameters:
    ///   - text: the time as shown, or a machine-readable value (an ISO 8601 string, an epoch).
    ///   - fetchedAt: when the page was fetched; relative text counts back from it.
    public func date(from text: String, fetchedAt: Date) -> ReadDate? {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty, trimmed.utf8.count <= DateTokenizer.maximumLength else { return nil }
        let present = formatters.isEmpty ? Separators() : Separators(in: trimmed)
        let first = trimmed.utf8.first ?? 0
        for (formatter, separators, start) in formatters where present.contains(separators) && start.allows(first) {
            if let date = formatter.date(from: trimmed), Self.isPlausible(date) {
                return ReadDate(date: date, isApproximate: false)
            }
        }
        if let epoch = Self.epoch(trimmed) { return ReadDate(date: epoch, isApproximate: false) }
        guard var tokenizer = DateTokenizer(trimmed), tokenizer.run() else { return nil }
        let tokens = tokenizer.tokens
        guard !tokens.isEmpty else { return nil }
        if let relative = relativeDate(tokens, fetchedAt: fetchedAt) {
            return Self.isPlausible(relative) ? ReadDate(date: relative, isApproximate: true) : nil
        }
        guard let fields = DateFields(tokens: tokens, names: names),
            let read = resolve(fields, fetchedAt: fetchedAt), Self.isPlausible(read.date)
        else { return nil }
        return read
    }

    /// Formats a Date as UTC ISO 8601 with seconds: "2025-06-16T15:17:00Z".
    ///
    /// Fractions of a second are dropped; instants outside the years 1–9999 are clamped to that range.
    public static func iso(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let range = CivilTime.secondsRange
        let seconds: Int64
        if interval.isNaN {
            seconds = 0
        } else if interval <= Double(range.lowerBound) {
            seconds = range.lowerBound
        } else if interval >= Double(range.upperBound) {
            seconds = range.upperBound
        } else {
            seconds = Int64(interval.rounded(.down))
        }
        let civil = CivilTime(seconds: seconds, offset: 0)
        var out = ""
        out.reserveCapacity(20)
        func append(_ value: Int, width: Int) {
            let digits = String(value)
            if digits.count < width { out += String(repeating: "0", count: width - digits.count) }
            out += digits
        }
        append(civil.year, width: 4)
        out += "-"
        append(civil.month, width: 2)
        out += "-"
        append(civil.day, width: 2)
        out += "T"
        append(civil.hour, width: 2)
        out += ":"
        append(civil.minute, width: 2)
        out += ":"
        append(civil.second, width: 2)
        out += "Z"
        return out
    }

    /// Convenience: Timestamp(iso:, text: trimmed text, isApproximate:)
    ///
    /// The machine-readable value (a `datetime` or `data-time` attribute), when readable, gives the
    /// instant; otherwise the shown text does. The text is kept as shown, trimmed at both ends only;
    /// empty text becomes `nil`.
    public func timestamp(text: String?, machine: String?, fetchedAt: Date) -> Timestamp {
        let shown = text?.trimmingWhitespace
        let keptText = shown?.isEmpty == false ? shown : nil
        let read =
            machine.flatMap { date(from: $0, fetchedAt: fetchedAt) }
            ?? keptText.flatMap { date(from: $0, fetchedAt: fetchedAt) }
        guard let read else { return Timestamp(iso: nil, text: keptText, isApproximate: false) }
        return Timestamp(iso: Self.iso(read.date), text: keptText, isApproximate: read.isApproximate)
    }

    // MARK: - Absolute and day-relative forms

    private func resolve(_ fields: DateFields, fetchedAt: Date) -> ReadDate? {
        guard let clock = fields.clock() else { return nil }
        let fetched = CivilTime(fetchedAt, in: timeZone)
        func instant(_ civil: CivilTime) -> Date? {
            guard civil.isValid else { return nil }
            if let offset = fields.offset { return civil.date(offset: offset) }
            return civil.date(in: timeZone)
        }
        func withClock(_ civil: CivilTime) -> CivilTime {
            var copy = civil
            (copy.hour, copy.minute, copy.second) = clock
            return copy
        }
        let hasDate = fields.month != nil || fields.numericDate != nil || !fields.loose.isEmpty

        // `Yesterday`, `Heute um 14:51`
        if let shift = fields.dayShift {
            guard !hasDate, fields.weekday == nil else { return nil }
            return instant(withClock(fetched.startOfDay.adding(days: shift))).map {
                ReadDate(date: $0, isApproximate: true)
            }
        }
        // `Wednesday`, `Wednesday at 10:15 PM`: the latest such day before the fetch day.
        if let weekday = fields.weekday, !hasDate {
            var back = (fetched.weekday - weekday + 7) % 7
            if back == 0 { back = 7 }
            return instant(withClock(fetched.startOfDay.adding(days: -back))).map {
                ReadDate(date: $0, isApproximate: true)
            }
        }

        var year: Int
        var month: Int
        var day: Int
        var approximate = false
        var yearInferred = false
        if let numeric = fields.numericDate {
            guard fields.month == nil, fields.loose.isEmpty, let parts = readNumeric(numeric) else { return nil }
            (year, month, day) = parts
        } else if let named = fields.month {
            month = named
            let loose = fields.loose
            func isYear(_ n: (value: Int, digits: Int, apostrophe: Bool, afterMonth: Bool)) -> Bool {
                n.digits == 4 || n.apostrophe
            }
            switch loose.count {
            case 1:
                let only = loose[0]
                if isYear(only) {
                    year = Self.fullYear(only.value, digits: only.digits)
                    day = 1
                    approximate = true
                    guard fields.time == nil else { return nil }
                } else if only.digits <= 2 {
                    day = only.value
                    year = fetched.year
                    yearInferred = true
                    approximate = true
                } else {
                    return nil
                }
            case 2:
                let years = loose.filter(isYear)
                if years.count == 1 {
                    guard let dayPart = loose.first(where: { !isYear($0) }), dayPart.digits <= 2 else { return nil }
                    year = Self.fullYear(years[0].value, digits: years[0].digits)
                    day = dayPart.value
                } else if years.isEmpty, loose[0].digits <= 2, loose[1].digits == 2 {
                    day = loose[0].value
                    year = Self.fullYear(loose[1].value, digits: 2)
                } else {
                    return nil
                }
            default:
                return nil
            }
        } else {
            return nil
        }

        var civil = withClock(CivilTime(year: year, month: month, day: day))
        if yearInferred {
            // The latest such date not after the fetch time (a 29 February may lie a few years back).
            var tries = 0
            while tries < 9, !civil.isValid || (civil.secondsAsUTC > fetched.secondsAsUTC) {
                civil.year -= 1
                tries += 1
            }
        }
        return instant(civil).map { ReadDate(date: $0, isApproximate: approximate) }
    }

    /// Year, month and day of a numeric date, or nil when no reading is a real date.
    private func readNumeric(_ numeric: NumericDate) -> (Int, Int, Int)? {
        let p = numeric.parts
        guard p.count == 3 else { return nil }
        if p[0].digits == 4 {
            guard p[1].digits <= 2, p[2].digits <= 2 else { return nil }
            return (p[0].value, p[1].value, p[2].value)
        }
        guard p[2].digits == 4 || p[2].digits == 2, p[0].digits <= 2, p[1].digits <= 2 else { return nil }
        let year = Self.fullYear(p[2].value, digits: p[2].digits)
        let dayFirst = (year, p[1].value, p[0].value)
        let monthFirst = (year, p[0].value, p[1].value)
        func valid(_ date: (Int, Int, Int)) -> Bool {
            (1...12).contains(date.1) && date.2 >= 1 && date.2 <= CivilTime.daysIn(month: date.1, year: date.0)
        }
        if numeric.separator == UInt8(ascii: ".") { return valid(dayFirst) ? dayFirst : nil }
        let preferred = self.monthFirst ? monthFirst : dayFirst
        let other = self.monthFirst ? dayFirst : monthFirst
        if valid(preferred) { return preferred }
        return valid(other) ? other : nil
    }

    /// A four-digit year as is; a two-digit year < 50 as 20xx, otherwise 19xx (RFC 2822's rule).
    private static func fullYear(_ value: Int, digits: Int) -> Int {
        guard digits <= 2 else { return value }
        return value < 50 ? 2000 + value : 1900 + value
    }

    /// An epoch in seconds (9–10 digits) or milliseconds (12–13 digits).
    private static func epoch(_ text: String) -> Date? {
        let count = text.utf8.count
        guard [9, 10, 12, 13].contains(count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int64(text)
        else { return nil }
        return count >= 12
            ? Date(timeIntervalSince1970: Double(value / 1000) + Double(value % 1000) / 1000)
            : Date(timeIntervalSince1970: Double(value))
    }

    /// Whether `date` lies within the years 1–9999.
    private static func isPlausible(_ date: Date) -> Bool {
        let seconds = date.timeIntervalSince1970
        return seconds >= Double(CivilTime.secondsRange.lowerBound)
            && seconds <= Double(CivilTime.secondsRange.upperBound)
    }
}

extension DateReader {
    /// Separator characters (`-`, `/`, `:`) a date format requires in the text, or a text holds.
    ///
    /// A formatter is tried only on text holding every separator its format requires: parsing costs a
    /// copy of the ICU formatter each time, and a profile's formats times its locales make dozens of
    /// formatters, which text such as `03.03.2011, 14:17` would all fail. A non-lenient ICU parse matches
    /// a literal character of the pattern only with that same character (it may run out of text
    /// instead, so only literals that a field follows are required), so the skip changes no result.
    struct Separators: Sendable, OptionSet {
        let rawValue: UInt8

        init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        static let hyphen = Separators(rawValue: 1)
        static let slash = Separators(rawValue: 2)
        static let colon = Separators(rawValue: 4)

        private static func separator(_ byte: UInt8) -> Separators {
            switch byte {
            case UInt8(ascii: "-"): .hyphen
            case UInt8(ascii: "/"): .slash
            case UInt8(ascii: ":"): .colon
            default: []
            }
        }

        /// The separators that occur in `text`.
        init(in text: String) {
            var found: Separators = []
            for byte in text.utf8 { found.formUnion(Self.separator(byte)) }
            self = found
        }

        /// The separators `format` (a `DateFormatter` pattern) has as unquoted literals before a field.
        init(requiredBy format: String) {
            var required: Separators = []
            var pending: Separators = []
            var quoted = false
            for byte in format.utf8 {
                if byte == UInt8(ascii: "'") {
                    quoted.toggle()
                    continue
                }
                if quoted { continue }
                if ByteClass.isASCIILetter(byte) {
                    required.formUnion(pending)
                    pending = []
                } else {
                    pending.formUnion(Self.separator(byte))
                }
            }
            self = required
        }
    }
}

extension DateReader {
    /// What a date format's first field needs the text to start with, so that a formatter is not tried
    /// (a copy of an ICU formatter each time) on text it cannot read: a number field (`dd`, `MM`, `HH`,
    /// `yyyy`) never starts at an ASCII letter; a name field (`MMM`, `EEE`, `a`) never at an ASCII digit,
    /// except in Chinese, Japanese and Korean, whose month names are numbers (`1月`).
    enum FieldStart: Sendable {
        case number, name, any

        init(_ format: String, locale: String) {
            let bytes = Array(format.utf8)
            guard let letter = bytes.first, (letter >= 0x41 && letter <= 0x5A) || (letter >= 0x61 && letter <= 0x7A)
            else {
                self = .any
                return
            }
            let count = bytes.prefix { $0 == letter }.count
            switch UnicodeScalar(letter) {
            case "y", "Y", "u", "d", "D", "F", "H", "h", "k", "K", "m", "s", "S", "w", "W", "g", "A":
                self = .number
            case "M", "L", "e", "c", "Q", "q":
                if count <= 2 {
                    self = .number
                } else {
                    self = Self.namesAreWords(locale) ? .name : .any
                }
            case "E", "G", "a":
                self = Self.namesAreWords(locale) ? .name : .any
            default:
                self = .any
            }
        }

        private static func namesAreWords(_ locale: String) -> Bool {
            let language = locale.lowercased().prefix { $0 != "_" && $0 != "-" }
            return !["zh", "ja", "ko", "yue"].contains(String(language))
        }

        /// Whether text starting with `byte` may be read.
        func allows(_ byte: UInt8) -> Bool {
            let isLetter = ByteClass.isASCIILetter(byte)
            let isDigit = ByteClass.isDigit(byte)
            switch self {
            case .number: return !isLetter
            case .name: return !isDigit
            case .any: return true
            }
        }
    }
}
