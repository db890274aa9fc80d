import Foundation

/// A query made safe: an FTS5 MATCH expression in which every term is a quoted string, and the filters.
struct ParsedQuery: Sendable, Hashable {
    /// nil when the query has filters but no words.
    var match: String?
    var site: String?
    var author: String?
    /// Inclusive lower bound on `published`, compared as text (`2025-06` ≤ `2025-06-01T…`).
    var from: String?
    /// Exclusive upper bound on `published`, compared as text: the `to` day (or month, or year) followed by
    /// `~`, which sorts after every character of an ISO time, so every time on that day sorts before it.
    var before: String?
}

/// Reads the query syntax of `SearchQuery` into a `ParsedQuery`. Raw text never reaches MATCH: each word or
/// phrase becomes one FTS5 string (`"…"`, inner quotes doubled) and the operators are ours.
enum QueryParser {
    /// Longer text is refused rather than searched.
    static let maximumLength = 1_000
    /// More terms are refused rather than searched.
    static let maximumTerms = 32

    static func parse(_ query: SearchQuery) throws(SearchError) -> ParsedQuery {
        guard query.text.count <= maximumLength else {
            throw .badQuery("\(query.text.count) characters is too long (at most \(maximumLength))")
        }
        var lexer = Lexer(query.text)
        var groups: [[Term]] = []
        var excluded: [Term] = []
        var filters: [String: String] = [:]
        // An OR joins the terms on either side when both are words to find; otherwise it is ignored.
        var pendingOr = false
        var afterWord = false
        while let lexeme = lexer.next() {
            switch lexeme {
            case .or:
                if afterWord { pendingOr = true }
                afterWord = false
            case .filter(let name, let value):
                if !value.isEmpty, filters[name] == nil { filters[name] = value }
            case .term(let term):
                guard term.hasTokens else { continue }
                if term.isExcluded {
                    excluded.append(term)
                    pendingOr = false
                    afterWord = false
                } else {
                    if pendingOr { groups[groups.count - 1].append(term) } else { groups.append([term]) }
                    pendingOr = false
                    afterWord = true
                }
            }
        }
        let terms = groups.reduce(0) { $0 + $1.count } + excluded.count
        guard terms <= maximumTerms else { throw .badQuery("\(terms) terms is too many (at most \(maximumTerms))") }

        var parsed = ParsedQuery()
        parsed.site = nonEmpty(query.site) ?? filters["site"]
        parsed.author = nonEmpty(query.author) ?? filters["author"]
        let from = nonEmpty(query.from) ?? filters["from"]
        let to = nonEmpty(query.to) ?? filters["to"]
        if let from { parsed.from = try day(from, name: "from") }
        if let to { parsed.before = try day(to, name: "to") + "~" }
        if let from, let to, let lower = parsed.from, let before = parsed.before, lower >= before {
            throw .badQuery("from \(from) is after to \(to)")
        }
        if groups.isEmpty {
            guard excluded.isEmpty else {
                throw .badQuery("every term is excluded (-word); give a word to search for")
            }
            guard parsed.site != nil || parsed.author != nil || parsed.from != nil || parsed.before != nil else {
                throw .badQuery("nothing to search for: give words, or site:, author:, from: or to:")
            }
            return parsed
        }
        var match = groups.map { group in
            group.count == 1 ? group[0].fts : "(" + group.map(\.fts).joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
        if !excluded.isEmpty {
            match = "(\(match)) NOT (" + excluded.map(\.fts).joined(separator: " OR ") + ")"
        }
        parsed.match = match
        return parsed
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, checked to be a real day, month or year.
    static func day(_ text: String, name: String) throws(SearchError) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count),
            zip(parts, widths).allSatisfy({ part, width in part.count == width && part.allSatisfy(\.isASCII) && Int(part) != nil })
        else {
            throw .badQuery("\(name): \"\(text)\" is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        }
        let numbers = parts.compactMap { Int($0) }
        let year = numbers[0]
        if numbers.count > 1, !(1...12).contains(numbers[1]) {
            throw .badQuery("\(name): \"\(text)\" has no month \(numbers[1])")
        }
        if numbers.count > 2 {
            let month = numbers[1]
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            guard (1...days).contains(numbers[2]) else {
                throw .badQuery("\(name): \"\(text)\" is not a day (that month has \(days))")
            }
        }
        return text
    }
}

/// A word or phrase of the query.
struct Term: Sendable, Hashable {
    var text: String
    var isPrefix = false
    var isExcluded = false

    /// Whether FTS5's unicode61 tokenizer finds a token in it (letters, digits, private use); a term without
    /// one would be an empty phrase.
    var hasTokens: Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber, .privateUse:
                true
            default: false
            }
        }
    }

    /// The term as one FTS5 string, `*` after it for a prefix.
    var fts: String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (isPrefix ? " *" : "")
    }
}

/// Splits query text into terms, `OR`s and filters.
struct Lexer {
    enum Lexeme: Hashable {
        case term(Term)
        case or
        case filter(name: String, value: String)
    }

    static let filterNames = ["site", "author", "from", "to"]

    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) {
        // Control characters (NUL included) separate terms like spaces.
        scalars = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
    }

    private func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    mutating func next() -> Lexeme? {
        while index < scalars.count, isSpace(scalars[index]) { index += 1 }
        guard index < scalars.count else { return nil }
        var excluded = false
        if scalars[index] == "-", index + 1 < scalars.count, !isSpace(scalars[index + 1]) {
            excluded = true
            index += 1
        }
        if scalars[index] == "\"" {
            var term = Term(text: phrase(), isExcluded: excluded)
            if index < scalars.count, scalars[index] == "*" {
                term.isPrefix = true
                while index < scalars.count, scalars[index] == "*" { index += 1 }
            }
            return .term(term)
        }
        var word = String.UnicodeScalarView()
        while index < scalars.count, !isSpace(scalars[index]), scalars[index] != "\"" {
            word.append(scalars[index])
            index += 1
        }
        var text = String(word)
        if !excluded, text == "OR" { return .or }
        if !excluded, let colon = text.firstIndex(of: ":") {
            let name = text[..<colon].lowercased()
            if Self.filterNames.contains(name) {
                var value = String(text[text.index(after: colon)...])
                if value.isEmpty, index < scalars.count, scalars[index] == "\"" { value = phrase() }
                return .filter(name: name, value: value.trimmingCharacters(in: .whitespaces))
            }
        }
        var isPrefix = false
        while text.hasSuffix("*") {
            text.removeLast()
            isPrefix = true
        }
        return .term(Term(text: text, isPrefix: isPrefix, isExcluded: excluded))
    }

    /// The text from the opening quote at `index` to the closing one (or the end), the index after it.
    private mutating func phrase() -> String {
        index += 1
        var text = String.UnicodeScalarView()
        while index < scalars.count, scalars[index] != "\"" {
            text.append(scalars[index])
            index += 1
        }
        if index < scalars.count { index += 1 }
        return String(text)
    }
}
