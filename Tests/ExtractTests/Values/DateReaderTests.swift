import Extract
import Foundation
import Model
import Testing

/// One time as a page shows it, the zone of its site, and what it must read as.
struct DateCase: Sendable, CustomTestStringConvertible {
    var text: String
    var zone: String
    /// nil: the text must not read as a time.
    var iso: String?
    var approximate: Bool

    init(_ text: String, _ zone: String = "UTC", _ iso: String?, approximate: Bool = false) {
        self.text = text
        self.zone = zone
        self.iso = iso
        self.approximate = approximate
    }

    var testDescription: String { "\(text.debugDescription) in \(zone)" }
}

/// The fetch time of every relative case: Tuesday 2025-06-17, 04:30 in New York, 10:30 in Berlin.
let fetchedAt = Date(timeIntervalSince1970: 1_750_149_000)

private func zone(_ identifier: String) throws -> TimeZone {
    try #require(TimeZone(identifier: identifier), "unknown zone \(identifier)")
}

private func check(_ row: DateCase, reader: DateReader) {
    let read = reader.date(from: row.text, fetchedAt: fetchedAt)
    #expect(read.map { DateReader.iso($0.date) } == row.iso)
    if row.iso != nil {
        #expect(read?.isApproximate == row.approximate)
    }
}

@Suite("DateReader")
struct DateReaderTests {
    @Test("the fixed fetch time is what the cases assume")
    func fetchTime() {
        #expect(DateReader.iso(fetchedAt) == "2025-06-17T08:30:00Z")
    }

    static let absolute: [DateCase] = [
        // Democratic Underground (US Eastern)
        DateCase("Mon Jun 16, 2025, 11:17 AM", "America/New_York", "2025-06-16T15:17:00Z"),
        DateCase("Fri Jul 4, 2025, 08:51 AM", "America/New_York", "2025-07-04T12:51:00Z"),
        DateCase("Mon Jan 6, 2025, 12:05 PM", "America/New_York", "2025-01-06T17:05:00Z"),
        DateCase("Mon Jan 6, 2025, 12:05 AM", "America/New_York", "2025-01-06T05:05:00Z"),
        // XenForo, vBulletin, phpBB (German boards)
        DateCase("27. September 2018", "Europe/Berlin", "2018-09-26T22:00:00Z"),
        DateCase("27. September 2018 um 14:51 Uhr", "Europe/Berlin", "2018-09-27T12:51:00Z"),
        DateCase("am 27. Sept. 2018 um 14:51 Uhr", "Europe/Berlin", "2018-09-27T12:51:00Z"),
        DateCase("3. März 2011", "Europe/Berlin", "2011-03-02T23:00:00Z"),
        DateCase("Do, 3. Mrz 2011 14:17", "Europe/Berlin", "2011-03-03T13:17:00Z"),
        DateCase("03.03.2011, 14:17", "Europe/Berlin", "2011-03-03T13:17:00Z"),
        DateCase("21.01.2009, 05:42", "Europe/Berlin", "2009-01-21T04:42:00Z"),
        DateCase("27.09.2018", "Europe/Berlin", "2018-09-26T22:00:00Z"),
        DateCase("27.09.18 - 14:51", "Europe/Berlin", "2018-09-27T12:51:00Z"),
        DateCase("24 Jul 2018 00:30", "Europe/London", "2018-07-23T23:30:00Z"),
        DateCase("22 Jul 2016 16:55", "UTC", "2016-07-22T16:55:00Z"),
        // Something Awful, XenForo, Discourse, Vanilla
        DateCase("Sep 20, 2012 11:16", "America/Chicago", "2012-09-20T16:16:00Z"),
        DateCase("Sep 18, 2020", "UTC", "2020-09-18T00:00:00Z"),
        DateCase("June 19, 2015,  6:45am", "America/Los_Angeles", "2015-06-19T13:45:00Z"),
        DateCase("February 5, 2018 11:33PM", "America/New_York", "2018-02-06T04:33:00Z"),
        DateCase("Sept. 3, 2019, 4:05 p.m.", "America/New_York", "2019-09-03T20:05:00Z"),
        DateCase("12:00 AM Jan 1, 2020", "America/New_York", "2020-01-01T05:00:00Z"),
        DateCase("Jan 1, 2020 12:00 PM", "America/New_York", "2020-01-01T17:00:00Z"),
        DateCase("5th May 2019", "UTC", "2019-05-05T00:00:00Z"),
        DateCase("February 2018", "America/New_York", "2018-02-01T05:00:00Z", approximate: true),
        // Forumotion (day first), SMF, Hypermail
        DateCase("26/10/13, 03:48 pm", "Europe/Berlin", "2013-10-26T13:48:00Z"),
        DateCase("10/26/13, 03:48 pm", "Europe/Berlin", "2013-10-26T13:48:00Z"),
        DateCase("2011-04-24, 22:37:00", "Europe/Budapest", "2011-04-24T20:37:00Z"),
        DateCase("2011. április 24, 22:37:00", "Europe/Budapest", "2011-04-24T20:37:00Z"),
        DateCase("2011. ápr. 24, 22:37:00", "Europe/Budapest", "2011-04-24T20:37:00Z"),
        DateCase("2016-03-17 13:41:06", "UTC", "2016-03-17T13:41:06Z"),
        DateCase("2016-03-17", "America/New_York", "2016-03-17T04:00:00Z"),
        // pipermail (zone abbreviations win over the site zone) and RFC 2822
        DateCase("Mon Mar  1 09:15:24 EST 2010", "Europe/Berlin", "2010-03-01T14:15:24Z"),
        DateCase("Mon Mar  1 06:56:52 MST 2010", "UTC", "2010-03-01T13:56:52Z"),
        DateCase("Sat Jul  3 10:00:00 PDT 2010", "UTC", "2010-07-03T17:00:00Z"),
        DateCase("Sat Jul  3 10:00:00 CEST 2010", "UTC", "2010-07-03T08:00:00Z"),
        DateCase("Mon, 2 Aug 1999 18:55:09 -0400 (EDT)", "Europe/Berlin", "1999-08-02T22:55:09Z"),
        DateCase("Tue, 1 Jul 2003 10:52:37 +0200", "UTC", "2003-07-01T08:52:37Z"),
        DateCase("Thu, 01 Jan 1970 00:00:00 GMT", "America/New_York", "1970-01-01T00:00:00Z"),
        DateCase("2 Aug 99 18:55 GMT", "UTC", "1999-08-02T18:55:00Z"),
        // ISO 8601
        DateCase("2018-09-27T14:51:09+0200", "UTC", "2018-09-27T12:51:09Z"),
        DateCase("2020-09-18T08:56:40-0700", "UTC", "2020-09-18T15:56:40Z"),
        DateCase("2023-07-21T19:51:36", "America/New_York", "2023-07-21T23:51:36Z"),
        DateCase("2014-02-06T04:55:19Z", "America/New_York", "2014-02-06T04:55:19Z"),
        DateCase("2014-02-06 20:37:20Z", "America/New_York", "2014-02-06T20:37:20Z"),
        DateCase("2008-01-25T04:07:02+00:00", "Europe/Berlin", "2008-01-25T04:07:02Z"),
        DateCase("2014-02-06T04:55:19.123Z", "UTC", "2014-02-06T04:55:19Z"),
        DateCase("2015-02-24T17:57:35.5+05:30", "UTC", "2015-02-24T12:27:35Z"),
        DateCase("2015-02-24T17:57:35 UTC", "Europe/Berlin", "2015-02-24T17:57:35Z"),
        // epochs
        DateCase("1364669184", "America/New_York", "2013-03-30T18:46:24Z"),
        DateCase("1364669184000", "America/New_York", "2013-03-30T18:46:24Z"),
        DateCase("1364669184999", "UTC", "2013-03-30T18:46:24Z"),
        DateCase("946684800", "UTC", "2000-01-01T00:00:00Z"),
        // Stack Exchange verbs
        DateCase("asked Feb 6, 2014 at 20:37", "UTC", "2014-02-06T20:37:00Z"),
        DateCase("answered Feb 6 '14 at 21:03", "UTC", "2014-02-06T21:03:00Z"),
        DateCase("edited Feb 7, 2014 at 9:05", "UTC", "2014-02-07T09:05:00Z"),
        DateCase("Posted: Mon Jun 16, 2025, 11:17 AM", "America/New_York", "2025-06-16T15:17:00Z"),
        DateCase("Jun 16, 2025 (17 hrs ago)", "America/New_York", "2025-06-16T04:00:00Z"),
        DateCase("Jun 16th, 2025, 11:17", "America/New_York", "2025-06-16T15:17:00Z"),
        // daylight-saving edges in New York: a skipped time reads with the offset before the jump,
        // a repeated time as its first occurrence
        DateCase("Mar 8, 2020 2:30 AM", "America/New_York", "2020-03-08T07:30:00Z"),
        DateCase("Mar 8, 2020 3:30 AM", "America/New_York", "2020-03-08T07:30:00Z"),
        DateCase("Nov 1, 2020 1:30 AM", "America/New_York", "2020-11-01T05:30:00Z"),
        DateCase("Nov 1, 2020 2:30 AM", "America/New_York", "2020-11-01T07:30:00Z"),
        DateCase("Feb 29, 2024", "UTC", "2024-02-29T00:00:00Z"),
    ]

    @Test("absolute times", arguments: absolute)
    func absoluteTimes(row: DateCase) throws {
        check(row, reader: DateReader(timeZone: try zone(row.zone)))
    }

    static let relative: [DateCase] = [
        DateCase("17 hrs ago", "America/New_York", "2025-06-16T15:30:00Z", approximate: true),
        DateCase("1 hr ago", "America/New_York", "2025-06-17T07:30:00Z", approximate: true),
        DateCase("44 min ago", "America/New_York", "2025-06-17T07:46:00Z", approximate: true),
        DateCase("1 minute ago", "America/New_York", "2025-06-17T08:29:00Z", approximate: true),
        DateCase("5 hours ago", "America/New_York", "2025-06-17T03:30:00Z", approximate: true),
        DateCase("an hour ago", "America/New_York", "2025-06-17T07:30:00Z", approximate: true),
        DateCase("30 seconds ago", "UTC", "2025-06-17T08:29:30Z", approximate: true),
        DateCase("1 hour, 5 minutes ago", "UTC", "2025-06-17T07:25:00Z", approximate: true),
        DateCase("2h ago", "UTC", "2025-06-17T06:30:00Z", approximate: true),
        DateCase("6 years ago", "America/New_York", "2019-06-17T08:30:00Z", approximate: true),
        DateCase("6 yr. ago", "America/New_York", "2019-06-17T08:30:00Z", approximate: true),
        DateCase("5 mo. ago", "America/New_York", "2025-01-17T09:30:00Z", approximate: true),
        DateCase("1 day ago", "America/New_York", "2025-06-16T08:30:00Z", approximate: true),
        DateCase("2 weeks ago", "America/New_York", "2025-06-03T08:30:00Z", approximate: true),
        DateCase("a month ago", "America/New_York", "2025-05-17T08:30:00Z", approximate: true),
        DateCase("just now", "America/New_York", "2025-06-17T08:30:00Z", approximate: true),
        DateCase("a few seconds ago", "UTC", "2025-06-17T08:30:00Z", approximate: true),
        DateCase("Yesterday", "America/New_York", "2025-06-16T04:00:00Z", approximate: true),
        DateCase("Yesterday, 10:15 PM", "America/New_York", "2025-06-17T02:15:00Z", approximate: true),
        DateCase("Today at 3:04 PM", "America/New_York", "2025-06-17T19:04:00Z", approximate: true),
        DateCase("Today at 3:04 AM", "America/New_York", "2025-06-17T07:04:00Z", approximate: true),
        DateCase("Monday", "America/New_York", "2025-06-16T04:00:00Z", approximate: true),
        DateCase("Tuesday", "America/New_York", "2025-06-10T04:00:00Z", approximate: true),
        DateCase("Wednesday", "America/New_York", "2025-06-11T04:00:00Z", approximate: true),
        DateCase("Wednesday at 10:15 PM", "America/New_York", "2025-06-12T02:15:00Z", approximate: true),
        // DU's short stamps
        DateCase("Jul 2025", "America/New_York", "2025-07-01T04:00:00Z", approximate: true),
        DateCase("May 2025", "America/New_York", "2025-05-01T04:00:00Z", approximate: true),
        DateCase("Dec 10", "America/New_York", "2024-12-10T05:00:00Z", approximate: true),
        DateCase("Jun 10", "America/New_York", "2025-06-10T04:00:00Z", approximate: true),
        DateCase("Jun 17", "America/New_York", "2025-06-17T04:00:00Z", approximate: true),
        DateCase("Jun 18", "America/New_York", "2024-06-18T04:00:00Z", approximate: true),
        DateCase("Feb 29", "America/New_York", "2024-02-29T05:00:00Z", approximate: true),
        DateCase("Jun 17 at 9:00 AM", "America/New_York", "2024-06-17T13:00:00Z", approximate: true),
        // German
        DateCase("vor 3 Stunden", "Europe/Berlin", "2025-06-17T05:30:00Z", approximate: true),
        DateCase("vor einer Stunde", "Europe/Berlin", "2025-06-17T07:30:00Z", approximate: true),
        DateCase("vor 2 Tagen", "Europe/Berlin", "2025-06-15T08:30:00Z", approximate: true),
        DateCase("vor 5 Minuten", "Europe/Berlin", "2025-06-17T08:25:00Z", approximate: true),
        DateCase("Gestern", "Europe/Berlin", "2025-06-15T22:00:00Z", approximate: true),
        DateCase("Gestern um 14:51 Uhr", "Europe/Berlin", "2025-06-16T12:51:00Z", approximate: true),
        DateCase("Heute", "Europe/Berlin", "2025-06-16T22:00:00Z", approximate: true),
        DateCase("Heute, 09:15", "Europe/Berlin", "2025-06-17T07:15:00Z", approximate: true),
        DateCase("Mittwoch", "Europe/Berlin", "2025-06-10T22:00:00Z", approximate: true),
        DateCase("gerade eben", "Europe/Berlin", "2025-06-17T08:30:00Z", approximate: true),
        // Hungarian
        DateCase("3 órája", "Europe/Budapest", "2025-06-17T05:30:00Z", approximate: true),
        DateCase("tegnap", "Europe/Budapest", "2025-06-15T22:00:00Z", approximate: true),
    ]

    @Test("relative times resolve against the fetch time", arguments: relative)
    func relativeTimes(row: DateCase) throws {
        check(row, reader: DateReader(timeZone: try zone(row.zone)))
    }

    static let unreadable: [String] = [
        "", "   ", "\n\t", "hello world", "discuss", "-", "Version 2.1.3", "99:99", "Feb 30, 2020", "32.01.2020",
        "13/13/2020", "0000-00-00", "2020-13-01", "25:00 Jun 1, 2020", "Jun 16, 2025, 13:17 PM", "Jun 2020 10:15",
        "17 hrs", "ago", "hrs ago", "Mon Jun 16, 2025, 11:17 AM and more", "12345", "12345678901",
        "99999999999999999999", "1 2 3", "Feb", "Monday Tuesday", "Jan Feb 2020", "10000 years ago",
        "9999 years ago", "99999999999999999999 years ago", "Dec 99999", "Yesterday Jun 1, 2020", "<script>",
        "𝓙𝓾𝓷 16, 2020", "2020-01-01T10:00:00+9999", String(repeating: "Jun 16, 2025 ", count: 40),
        "mars 3, 2019",
    ]

    @Test("garbage reads as nil", arguments: unreadable)
    func garbage(text: String) throws {
        let reader = DateReader(timeZone: try zone("America/New_York"))
        #expect(reader.date(from: text, fetchedAt: fetchedAt) == nil)
    }

    @Test("locales add month names; en-US reads slash dates month first")
    func locales() throws {
        let utc = try zone("UTC")
        let french = DateReader(timeZone: utc, locales: ["fr"])
        #expect(
            french.date(from: "3 mars 2019", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "2019-03-03T00:00:00Z")
        #expect(
            french.date(from: "12 déc. 2019 10:15", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "2019-12-12T10:15:00Z")
        #expect(DateReader(timeZone: utc).date(from: "3 mars 2019", fetchedAt: fetchedAt) == nil)

        let american = DateReader(timeZone: utc, locales: ["en-US"])
        #expect(
            american.date(from: "03/04/2015", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "2015-03-04T00:00:00Z")
        #expect(
            DateReader(timeZone: utc).date(from: "03/04/2015", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "2015-04-03T00:00:00Z")
        // The other order when the preferred one is impossible.
        #expect(
            american.date(from: "26/10/2013", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "2013-10-26T00:00:00Z")
    }

    @Test("profile formats are tried first")
    func profileFormats() throws {
        let berlin = try zone("Europe/Berlin")
        let plain = DateReader(timeZone: berlin)
        let profiled = DateReader(timeZone: berlin, formats: ["dd-MMM-yyyy HH'h'mm", "yyyyMMddHHmm"], locales: ["de"])
        #expect(plain.date(from: "27-Sep-2018 14h51", fetchedAt: fetchedAt) == nil)
        #expect(
            profiled.date(from: "27-Sep-2018 14h51", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "2018-09-27T12:51:00Z")
        #expect(
            profiled.date(from: "27-Okt-2018 14h51", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "2018-10-27T12:51:00Z")
        // Without the profile, twelve digits read as an epoch in milliseconds.
        #expect(
            profiled.date(from: "201809271451", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "2018-09-27T12:51:00Z")
        #expect(
            plain.date(from: "201809271451", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "1976-05-24T18:07:51Z")
        // Built-in forms still work for a reader with formats.
        #expect(
            profiled.date(from: "vor 3 Stunden", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                == "2025-06-17T05:30:00Z")
    }

    static let isoCases: [(Double, String)] = [
        (0, "1970-01-01T00:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (1.9, "1970-01-01T00:00:01Z"),
        (-0.5, "1969-12-31T23:59:59Z"),
        (1_709_164_800, "2024-02-29T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (-2_208_988_800, "1900-01-01T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
        (1e300, "9999-12-31T23:59:59Z"),
        (-1e300, "0001-01-01T00:00:00Z"),
        (.infinity, "9999-12-31T23:59:59Z"),
        (.nan, "1970-01-01T00:00:00Z"),
    ]

    @Test("iso formats UTC with seconds and clamps to the years 1–9999", arguments: isoCases)
    func iso(seconds: Double, expected: String) {
        #expect(DateReader.iso(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test("iso agrees with Foundation's formatter across four centuries")
    func isoAgreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var seconds: Double = -5_000_000_000
        var mismatches: [String] = []
        while seconds < 8_000_000_000 {
            let date = Date(timeIntervalSince1970: seconds)
            if DateReader.iso(date) != formatter.string(from: date) { mismatches.append(formatter.string(from: date)) }
            seconds += 7_654_321.25
        }
        #expect(mismatches.isEmpty)
    }

    @Test("site-zone wall-clock times agree with DateFormatter in New York, Berlin and Sydney")
    func wallClockAgreesWithFoundation() throws {
        for identifier in ["America/New_York", "Europe/Berlin", "Australia/Sydney"] {
            let tz = try zone(identifier)
            let reader = DateReader(timeZone: tz)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = tz
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
            var mismatches: [String] = []
            var seconds: Double = 0
            while seconds < 2_000_000_000 {
                let text = formatter.string(from: Date(timeIntervalSince1970: seconds))
                // Skip the hours around transitions, where a wall-clock time names none or two instants.
                let hour = Int(text.dropFirst(11).prefix(2)) ?? 0
                if hour >= 4, let read = reader.date(from: text, fetchedAt: fetchedAt) {
                    if read.date != formatter.date(from: text) { mismatches.append(text) }
                } else if hour >= 4 {
                    mismatches.append("unread: " + text)
                }
                seconds += 3_456_789
            }
            #expect(mismatches.isEmpty, "\(identifier)")
        }
    }

    @Test("timestamp prefers the machine value and keeps the text as shown")
    func timestamps() throws {
        let reader = DateReader(timeZone: try zone("America/New_York"))
        #expect(
            reader.timestamp(text: "  Mon Jun 16, 2025, 11:17 AM \n", machine: nil, fetchedAt: fetchedAt)
                == Timestamp(iso: "2025-06-16T15:17:00Z", text: "Mon Jun 16, 2025, 11:17 AM", isApproximate: false))
        #expect(
            reader.timestamp(text: "17 hrs ago", machine: nil, fetchedAt: fetchedAt)
                == Timestamp(iso: "2025-06-16T15:30:00Z", text: "17 hrs ago", isApproximate: true))
        #expect(
            reader.timestamp(text: "17 hrs ago", machine: "2025-06-16T11:17:00-04:00", fetchedAt: fetchedAt)
                == Timestamp(iso: "2025-06-16T15:17:00Z", text: "17 hrs ago", isApproximate: false))
        #expect(
            reader.timestamp(text: "June 19, 2015,  6:45am", machine: "1434721500", fetchedAt: fetchedAt)
                == Timestamp(iso: "2015-06-19T13:45:00Z", text: "June 19, 2015,  6:45am", isApproximate: false))
        #expect(
            reader.timestamp(text: "Yesterday", machine: "soon", fetchedAt: fetchedAt)
                == Timestamp(iso: "2025-06-16T04:00:00Z", text: "Yesterday", isApproximate: true))
        #expect(
            reader.timestamp(text: "garbage", machine: nil, fetchedAt: fetchedAt)
                == Timestamp(iso: nil, text: "garbage", isApproximate: false))
        #expect(reader.timestamp(text: "   ", machine: nil, fetchedAt: fetchedAt) == Timestamp(iso: nil, text: nil))
        #expect(reader.timestamp(text: nil, machine: nil, fetchedAt: fetchedAt) == Timestamp(iso: nil, text: nil))
        #expect(
            reader.timestamp(text: nil, machine: "2014-02-06T20:37:20Z", fetchedAt: fetchedAt)
                == Timestamp(iso: "2014-02-06T20:37:20Z", text: nil, isApproximate: false))
    }

    @Test("a reader is usable from many tasks at once")
    func concurrentUse() async throws {
        let reader = DateReader(timeZone: try zone("Europe/Berlin"), formats: ["dd-MMM-yyyy HH'h'mm"], locales: ["de"])
        let results = await withTaskGroup(of: [String?].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).map { _ in
                        reader.date(from: "27-Sep-2018 14h51", fetchedAt: fetchedAt).map { DateReader.iso($0.date) }
                    }
                }
            }
            var all: [String?] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(results.count == 1600)
        #expect(results.allSatisfy { $0 == "2018-09-27T12:51:00Z" })
    }
}
