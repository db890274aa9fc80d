internal import Foundation

/// A wall-clock time on the proleptic Gregorian calendar, with no zone attached.
///
/// All calendar arithmetic of the value readers goes through this type rather than through
/// `Calendar`, so results never depend on the machine's locale, zone or calendar settings.
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0

    /// The years a page can plausibly show; anything else is a misreading.
    static let years = 1...9999

    /// Seconds between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, relative to the Unix epoch.
    static let secondsRange: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// Whether every field is in range (including the day for its month and year).
    var isValid: Bool {
        Self.years.contains(year) && (1...12).contains(month)
            && day >= 1 && day <= Self.daysIn(month: month, year: year)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...59).contains(second)
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (`civil_from_days`).
    static func date(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day of the week, 1 = Sunday … 7 = Saturday (the numbering `DateFormatter` uses).
    var weekday: Int {
        let days = Self.days(year: year, month: month, day: day)
        // 1970-01-01 was a Thursday (5).
        return ((days + 4) % 7 + 7) % 7 + 1
    }

    /// Seconds since the Unix epoch if this wall-clock time were UTC.
    var secondsAsUTC: Int64 {
        Int64(Self.days(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The wall-clock time of `seconds` since the epoch, read at a fixed offset from UTC.
    init(seconds: Int64, offset: Int) {
        let local = seconds + Int64(offset)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let rest = Int(local - days * 86_400)
        let (y, m, d) = Self.date(fromDays: Int(days))
        self.init(year: y, month: m, day: d, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The wall-clock time of `date` in `zone`.
    init(_ date: Date, in zone: TimeZone) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        self.init(seconds: seconds, offset: zone.secondsFromGMT(for: date))
    }

    /// The instant this wall-clock time names in `zone`.
    ///
    /// A time skipped by a daylight-saving jump resolves with the offset in force before the jump;
    /// a repeated time resolves to its first occurrence. Both are deterministic.
    func date(in zone: TimeZone) -> Date {
        let local = secondsAsUTC
        func offset(at seconds: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        }
        // Zone offsets change at most once within a day or so: try the offset in force a day
        // before and a day after, and keep whichever really names this wall-clock time.
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        let early = local - before
        let late = local - after
        let earlyFits = offset(at: early) == before
        let lateFits = offset(at: late) == after
        let utc: Int64
        switch (earlyFits, lateFits) {
        case (true, true): utc = min(early, late)
        case (false, true): utc = late
        default: utc = early
        }
        return Date(timeIntervalSince1970: Double(utc))
    }

    /// The instant this wall-clock time names at a fixed offset from UTC.
    func date(offset: Int) -> Date {
        Date(timeIntervalSince1970: Double(secondsAsUTC - Int64(offset)))
    }

    /// This date moved by whole calendar months, the day clamped to the target month's length.
    func adding(months: Int) -> CivilTime {
        var copy = self
        let total = year * 12 + (month - 1) + months
        copy.year = total >= 0 ? total / 12 : (total - 11) / 12
        copy.month = total - copy.year * 12 + 1
        copy.day = min(day, Self.daysIn(month: copy.month, year: copy.year))
        return copy
    }

    /// This date moved by whole calendar days, keeping the time of day.
    func adding(days: Int) -> CivilTime {
        var copy = self
        let (y, m, d) = Self.date(fromDays: Self.days(year: year, month: month, day: day) + days)
        copy.year = y
        copy.month = m
        copy.day = d
        return copy
    }

    /// The same day at midnight.
    var startOfDay: CivilTime { CivilTime(year: year, month: month, day: day) }
}
