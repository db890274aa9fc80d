@testable import Extract
import Foundation
import Testing

/// `DateReader` skips a profile's formatter for text it cannot read (a separator missing, a number field
/// facing a letter, a name field facing a digit). The skip must never lose a date the formatter reads.
struct DateFormatPrefilterTests {
    static let formats = [
        "MM-dd-yyyy, hh:mm a", "MM-dd-yyyy hh:mm a", "MM-dd-yyyy 'at' hh:mm a", "MM-dd-yyyy", "MMM d, yyyy HH:mm",
        "HH:mm MMM d, yyyy", "MMM d, yyyy 'around' HH:mm", "dd.MM.yyyy, HH:mm", "dd/MM/yyyy HH:mm", "yyyy-MM-dd",
        "EEE MMM d HH:mm:ss yyyy", "d MMMM yyyy", "yyyyMMddHHmm", "dd-MMM-yyyy HH'h'mm", "'Posted' d MMM yyyy",
    ]
    static let locales = ["en", "de", "hu", "fr", "ru", "ja", "zh", "en_US_POSIX"]
    static let texts = [
        "03.03.2011, 14:17", "03-03-2011, 02:17 PM", "03-03-2011 02:17 PM", "03-03-2011 at 02:17 PM", "03-03-2011",
        "Sep 20, 2012 11:16", "19:42 Feb 25, 2012", "23:07 Jan  2, 2013", "Sep 20, 2012 around 11:16",
        "20/09/2012 11:16", "2012-09-20", "Mon Mar  1 09:15:24 2010", "27 September 2018", "201809271451",
        "27-Sep-2018 14h51", "Posted 3 Mar 2011", "Yesterday, 10:15 PM", "17 hrs ago", "1月 5, 2012 10:00",
        "3月 20, 2012 11:16", "сен 20, 2012 11:16", "20. září 2018",
    ]

    @Test("a skipped formatter would not have read the text")
    func skipsOnlyWhatCannotBeRead() {
        for format in Self.formats {
            let separators = DateReader.Separators(requiredBy: format)
            for locale in Self.locales {
                let start = DateReader.FieldStart(format, locale: locale)
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: locale)
                formatter.timeZone = TimeZone(identifier: "UTC")
                formatter.isLenient = false
                formatter.dateFormat = format
                for text in Self.texts {
                    let tried = DateReader.Separators(in: text).contains(separators) && start.allows(text.utf8.first ?? 0)
                    if !tried {
                        #expect(formatter.date(from: text) == nil, "\(format) [\(locale)] would read \(text)")
                    }
                }
            }
        }
    }
}
