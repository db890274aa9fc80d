import Archive
import Model
import Foundation

/// UTC ISO 8601 times shown in UTC and in a reader's time zone (`2025-06-16 11:17 EDT`), fast enough for
/// thousands of posts: the common `YYYY-MM-DDTHH:MM:SSZ` form is read by hand and the zone's offset is
/// looked up once per hour of time shown.
struct TimeText {
    let timeZone: TimeZone
    /// Whether the zone is UTC itself (then the UTC time is not shown twice).
    let isUTC: Bool
    private var zoneByHour: [Int: (offset: Int, name: String)] = [:]
    /// Names the zone as people know it (`EDT`; `TimeZone.abbreviation` gives `GMT-4` on Linux).
    private lazy var zoneNamer: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "zzz"
        return formatter
    }()

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        isUTC = timeZone.secondsFromGMT() == 0 && ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(timeZone.identifier)
    }

    /// The view of `timestamp`: nil when it has neither a time nor a text.
    mutating func view(_ timestamp: Timestamp) -> TimeView? {
        guard timestamp.iso != nil || timestamp.text != nil else { return nil }
        var view = TimeView(shown: timestamp.text, isApproximate: timestamp.isApproximate)
        if let iso = timestamp.iso, let seconds = Self.seconds(iso) {
            view.iso = iso
            view.local = local(seconds)
            view.utc = isUTC ? nil : Self.civil(seconds) + " UTC"
        } else if let iso = timestamp.iso, view.shown == nil {
            view.shown = iso
        }
        return view
    }

    /// The view of a UTC ISO 8601 time (a fetch time, a last activity).
    mutating func view(iso: String) -> TimeView? { view(Timestamp(iso: iso, text: nil)) }

    /// `2025-06-16 11:17 EDT` in the reader's zone.
    mutating func local(_ seconds: Int) -> String {
        let hour = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
        let zone: (offset: Int, name: String)
        if let known = zoneByHour[hour] {
            zone = known
        } else {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let offset = timeZone.secondsFromGMT(for: date)
            let name = zoneNamer.string(from: date)
            zone = (offset, name.isEmpty ? Self.offsetName(offset) : name)
            zoneByHour[hour] = zone
        }
        return Self.civil(seconds + zone.offset) + " " + zone.name
    }

    static func offsetName(_ offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "UTC" + sign + two(minutes / 60) + ":" + two(minutes % 60)
    }

    /// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ` (read by hand), or of any other ISO 8601 form Foundation reads.
    static func seconds(_ iso: String) -> Int? {
        let b = Array(iso.utf8)
        if b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A {
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    guard b[index] >= 0x30, b[index] <= 0x39 else { return nil }
                    value = value * 10 + Int(b[index] - 0x30)
                }
                return value
            }
            if let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
            {
                return daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
            }
        }
        return ISOTime.date(iso).map { Int($0.timeIntervalSince1970.rounded(.down)) }
    }

    /// `2025-06-16 15:17` for seconds since 1970 (already shifted to the zone wanted).
    static func civil(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        return "\(year)-\(two(month))-\(two(day)) \(two(rest / 3600)):\(two(rest % 3600 / 60))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
