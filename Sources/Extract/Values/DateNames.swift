internal import Foundation

/// The words the date reader knows: month and weekday names, zone abbreviations, relative units.
///
/// English, German and Hungarian are built in (lower-case, without trailing dots). More languages come
/// from the `locales` a profile names, read once from Foundation's CLDR data when a reader is made.
struct DateNames: Sendable {
    /// Month names and abbreviations → 1…12.
    var months: [String: Int]
    /// Weekday names and abbreviations → 1 (Sunday) … 7 (Saturday).
    var weekdays: [String: Int]

    /// The built-in English, German and Hungarian names.
    static let builtIn = DateNames(months: builtInMonths, weekdays: builtInWeekdays)

    /// The built-in names plus those of `locales` (names already known keep their meaning).
    static func forLocales(_ locales: [String]) -> DateNames {
        var names = builtIn
        for identifier in locales {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: identifier)
            formatter.calendar = Calendar(identifier: .gregorian)
            let monthLists = [
                formatter.monthSymbols, formatter.shortMonthSymbols,
                formatter.standaloneMonthSymbols, formatter.shortStandaloneMonthSymbols,
            ]
            for list in monthLists {
                for (index, name) in list.enumerated() where index < 12 {
                    let key = DateNames.key(name)
                    if key.count >= 2, names.months[key] == nil { names.months[key] = index + 1 }
                }
            }
            let weekdayLists = [
                formatter.weekdaySymbols, formatter.shortWeekdaySymbols,
                formatter.standaloneWeekdaySymbols, formatter.shortStandaloneWeekdaySymbols,
            ]
            for list in weekdayLists {
                for (index, name) in list.enumerated() where index < 7 {
                    let key = DateNames.key(name)
                    if key.count >= 2, names.weekdays[key] == nil { names.weekdays[key] = index + 1 }
                }
            }
        }
        return names
    }

    /// How a word is looked up: lower-cased, without a trailing dot.
    static func key(_ word: String) -> String {
        var lowered = word.lowercased()
        while lowered.hasSuffix(".") { lowered.removeLast() }
        return lowered
    }

    private static let builtInMonths: [String: Int] = {
        let lists: [[String]] = [
            // English
            [
                "january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december",
            ],
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            ["", "febr", "", "", "", "", "", "", "sept", "", "", ""],
            // German (with Austrian "Jänner" and the "Mrz" some boards use)
            [
                "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
                "oktober", "november", "dezember",
            ],
            ["jän", "", "mär", "", "", "", "", "", "", "okt", "", "dez"],
            ["jänner", "", "mrz", "", "", "", "", "", "", "", "", ""],
            ["", "", "maerz", "", "", "", "", "", "", "", "", ""],
            // Hungarian
            [
                "január", "február", "március", "április", "május", "június", "július", "augusztus",
                "szeptember", "október", "november", "december",
            ],
            ["", "", "márc", "ápr", "máj", "jún", "júl", "", "szept", "", "", ""],
        ]
        var table: [String: Int] = [:]
        for list in lists {
            for (index, name) in list.enumerated() where !name.isEmpty && table[name] == nil {
                table[name] = index + 1
            }
        }
        return table
    }()

    private static let builtInWeekdays: [String: Int] = {
        let lists: [[String]] = [
            ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"],
            ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
            ["", "", "tues", "", "thur", "", ""],
            ["", "", "", "", "thurs", "", ""],
            ["sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag"],
            ["so", "mo", "di", "mi", "do", "fr", "sa"],
            ["", "", "", "", "", "", "sonnabend"],
            ["vasárnap", "hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat"],
        ]
        var table: [String: Int] = [:]
        for list in lists {
            for (index, name) in list.enumerated() where !name.isEmpty && table[name] == nil {
                table[name] = index + 1
            }
        }
        return table
    }()

    /// Zone abbreviations → seconds east of UTC. Only unambiguous (North American and European) ones.
    static let zones: [String: Int] = [
        "z": 0, "ut": 0, "utc": 0, "gmt": 0, "wet": 0,
        "west": 3600, "bst": 3600, "cet": 3600, "mez": 3600,
        "cest": 7200, "mesz": 7200, "eet": 7200, "eest": 10800,
        "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
        "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
        "akst": -9 * 3600, "akdt": -8 * 3600, "hst": -10 * 3600,
    ]

    /// Words with no meaning for the date itself, allowed anywhere (`at`, `um … Uhr`, `on`).
    static let fillers: Set<String> = ["at", "on", "the", "of", "um", "uhr", "am", "den", "kl", "t"]

    /// Verbs a page puts before a time (`asked Feb 6, 2014`), dropped from the start of the text.
    static let leadingVerbs: Set<String> = [
        "asked", "answered", "edited", "modified", "posted", "created", "updated", "replied", "commented",
        "submitted", "published", "written", "sent", "date", "last", "dated", "since", "joined",
        "geschrieben", "verfasst", "erstellt", "bearbeitet", "aktualisiert", "gefragt", "beantwortet",
    ]
}
