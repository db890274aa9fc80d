/// HTTP-date parsing (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms.
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Seconds since 1970-01-01T00:00:00Z for an HTTP-date, or nil when it is not one.
    static func secondsSince1970(_ text: String) -> Int? {
        // Split on spaces, commas and dashes: every form then reads as words and numbers.
        let words = text.split { $0 == " " || $0 == "," || $0 == "-" }.map { String($0).lowercased() }
        let day: Int
        let month: Int
        var year: Int
        let clock: String
        switch words.count {
        case 6 where words[5] == "gmt":
            // "Sun, 06 Nov 1994 08:49:37 GMT" or "Sunday, 06-Nov-94 08:49:37 GMT"
            guard let d = Int(words[1]), let m = months.firstIndex(of: words[2]), let y = Int(words[3])
            else { return nil }
            (day, month, year, clock) = (d, m + 1, y, words[4])
            if words[3].count == 2 { year += year < 70 ? 2000 : 1900 }
        case 5:
            // "Sun Nov  6 08:49:37 1994"
            guard let m = months.firstIndex(of: words[1]), let d = Int(words[2]), let y = Int(words[4])
            else { return nil }
            (day, month, year, clock) = (d, m + 1, y, words[3])
        default:
            return nil
        }
        let parts = clock.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]),
            (0...60).contains(parts[2]), (1...31).contains(day), year >= 1970, year < 10000
        else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + parts[0] * 3600 + parts[1] * 60
            + parts[2]
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
