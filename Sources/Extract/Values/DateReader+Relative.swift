internal import Foundation

/// Relative amounts of time: `17 hrs ago`, `a month ago`, `vor 3 Stunden`, `3 órája`, `just now`.
extension DateReader {
    private enum Unit {
        case seconds(Int)
        case days(Int)
        case months(Int)
    }

    /// Unit words → how much one of them is. `m` is minutes; months are `mo`.
    private static let units: [String: Unit] = {
        var table: [String: Unit] = [:]
        let lists: [([String], Unit)] = [
            (["s", "sec", "secs", "second", "seconds", "sek", "sekunde", "sekunden"], .seconds(1)),
            (["m", "min", "mins", "minute", "minutes", "minuten"], .seconds(60)),
            (["h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden"], .seconds(3600)),
            (["d", "day", "days", "tag", "tage", "tagen"], .days(1)),
            (["w", "wk", "wks", "week", "weeks", "woche", "wochen"], .days(7)),
            (["mo", "mos", "mth", "mths", "month", "months", "monat", "monate", "monaten"], .months(1)),
            (["y", "yr", "yrs", "year", "years", "jahr", "jahre", "jahren"], .months(12)),
        ]
        for (words, unit) in lists { for word in words { table[word] = unit } }
        return table
    }()

    /// Hungarian units that already mean "… ago" (`3 órája` = three hours ago).
    private static let agoUnits: [String: Unit] = [
        "másodperce": .seconds(1), "perce": .seconds(60), "órája": .seconds(3600),
        "napja": .days(1), "hete": .days(7), "hónapja": .months(1), "éve": .months(12),
    ]

    /// Words that stand for "one" before a unit (`a month ago`, `vor einer Stunde`).
    private static let ones: Set<String> = ["a", "an", "one", "ein", "eine", "einer", "einem", "einen", "egy"]

    /// Whole phrases meaning "at the fetch time".
    private static let nowPhrases: Set<String> = [
        "now", "just now", "right now", "moments ago", "a moment ago", "seconds ago", "a few seconds ago",
        "few seconds ago", "less than a minute ago", "gerade eben", "soeben", "eben", "jetzt", "gerade",
        "vor wenigen sekunden", "vor einigen sekunden", "vor ein paar sekunden", "most", "épp most", "az imént",
        "néhány másodperce",
    ]

    /// The instant relative text names, or nil when the tokens are not a relative amount.
    func relativeDate(_ tokens: [DateToken], fetchedAt: Date) -> Date? {
        var seconds = 0
        var days = 0
        var months = 0
        var pending: Int?
        var sawAgo = false
        var amounts = 0
        for (position, token) in tokens.enumerated() {
            switch token {
            case .number(let value, _, _, let apostrophe):
                guard !apostrophe, pending == nil else { return nil }
                pending = value
            case .word(let word, _):
                if word == "ago" || (word == "vor" && position == 0) {
                    sawAgo = true
                } else if Self.ones.contains(word) {
                    guard pending == nil else { return nil }
                    pending = 1
                } else if let unit = Self.units[word] ?? Self.agoUnits[word] {
                    guard let count = pending else { return nil }
                    if Self.agoUnits[word] != nil { sawAgo = true }
                    switch unit {
                    case .seconds(let size): seconds += count * size
                    case .days(let size): days += count * size
                    case .months(let size): months += count * size
                    }
                    pending = nil
                    amounts += 1
                } else if word == "and" || word == "und" {
                    continue
                } else if DateNames.leadingVerbs.contains(word), amounts == 0, pending == nil {
                    continue
                } else {
                    return nowPhrase(words: tokens, fetchedAt: fetchedAt)
                }
            default:
                return nil
            }
        }
        guard sawAgo, amounts > 0, pending == nil else { return nowPhrase(words: tokens, fetchedAt: fetchedAt) }
        if days == 0, months == 0 { return fetchedAt.addingTimeInterval(-Double(seconds)) }
        let fetched = CivilTime(fetchedAt, in: timeZone)
        let moved = fetched.adding(months: -months).adding(days: -days)
        guard moved.isValid else { return nil }
        let fraction = fetchedAt.timeIntervalSince1970 - fetchedAt.timeIntervalSince1970.rounded(.down)
        return moved.date(in: timeZone).addingTimeInterval(fraction - Double(seconds))
    }

    /// The fetch time, when the tokens are all words forming a phrase that means "now".
    private func nowPhrase(words tokens: [DateToken], fetchedAt: Date) -> Date? {
        var words: [String] = []
        for token in tokens {
            guard case .word(let word, _) = token else { return nil }
            words.append(word)
        }
        return Self.nowPhrases.contains(words.joined(separator: " ")) ? fetchedAt : nil
    }
}
