/// What the tokens of a time say, gathered before any calendar arithmetic.
///
/// Built by `DateFields.init?(tokens:names:)`, which fails when the tokens contradict each other
/// (two months, two times) or hold a word that is not part of a time.
struct DateFields {
    var year: Int?
    var month: Int?
    var day: Int?
    var time: (hour: Int, minute: Int, second: Int)?
    var meridiem: Meridiem?
    /// Seconds east of UTC when the text names a zone or offset.
    var offset: Int?
    var weekday: Int?
    /// A word that moves the date relative to the fetch day (`Yesterday` = -1, `Today` = 0).
    var dayShift: Int?
    /// Numbers not yet given a role, in text order, and whether a month name came before each.
    var loose: [(value: Int, digits: Int, apostrophe: Bool, afterMonth: Bool)] = []
    var numericDate: NumericDate?

    enum Meridiem { case am, pm }

    /// The words that name a day relative to the fetch day.
    static let dayWords: [String: Int] = [
        "yesterday": -1, "today": 0, "gestern": -1, "heute": 0, "vorgestern": -2,
        "tegnap": -1, "ma": 0, "tegnapelőtt": -2,
    ]

    init?(tokens: [DateToken], names: DateNames) {
        var zoneFromName: Int?
        var sawValue = false
        for (position, token) in tokens.enumerated() {
            switch token {
            case .number(let value, let digits, _, let apostrophe):
                guard digits <= 4 else { return nil }
                loose.append((value, digits, apostrophe, month != nil))
                sawValue = true
            case .numericDate(let date):
                guard numericDate == nil else { return nil }
                numericDate = date
                sawValue = true
            case .time(let hour, let minute, let second):
                guard time == nil else { return nil }
                time = (hour, minute, second)
                sawValue = true
            case .offset(let seconds):
                guard offset == nil else { return nil }
                offset = seconds
            case .word(let word, let inParentheses):
                if let value = names.months[word] {
                    if inParentheses { continue }
                    guard month == nil else { return nil }
                    month = value
                    sawValue = true
                } else if let value = names.weekdays[word] {
                    if inParentheses { continue }
                    guard weekday == nil else { return nil }
                    weekday = value
                    sawValue = true
                } else if word == "am" || word == "pm", position > 0, case .time = tokens[position - 1] {
                    guard meridiem == nil else { return nil }
                    meridiem = word == "am" ? .am : .pm
                } else if let zone = DateNames.zones[word], sawValue || position > 0 {
                    if zoneFromName == nil { zoneFromName = zone }
                } else if let shift = Self.dayWords[word], !inParentheses {
                    guard dayShift == nil else { return nil }
                    dayShift = shift
                    sawValue = true
                } else if DateNames.fillers.contains(word) || inParentheses {
                    continue
                } else if !sawValue, DateNames.leadingVerbs.contains(word) {
                    continue
                } else {
                    return nil
                }
            }
        }
        if offset == nil { offset = zoneFromName }
        if meridiem != nil, time == nil { return nil }
    }

    /// The time of day on a 24-hour clock, or nil when out of range.
    func clock() -> (hour: Int, minute: Int, second: Int)? {
        guard let time else { return (0, 0, 0) }
        var hour = time.hour
        let minute = time.minute
        var second = time.second
        switch meridiem {
        case .some(let half):
            guard (1...12).contains(hour) || hour == 0 else { return nil }
            if half == .pm, hour < 12 { hour += 12 }
            if half == .am, hour == 12 { hour = 0 }
        case .none:
            break
        }
        if second == 60 { second = 59 }  // a leap second reads as the second before it
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        return (hour, minute, second)
    }
}
