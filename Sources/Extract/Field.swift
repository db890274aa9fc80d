import Foundation
import HTML
import Model

/// Where one value comes from: alternatives tried in order (the first that yields a non-empty
/// value wins), each read from the page (an XPath, a count of nodes), from the page's address, from the
/// thread (for post fields), or put together from such values; an optional regular expression keeps its
/// first capture group (or the whole match).
///
/// In JSON: `".//h1"`, `[".//time/@datetime", ".//time"]`, an object with one of `xpath`, `count`,
/// `url`, `thread` or `template` and an optional `pattern` and `when`, or an array mixing strings and
/// such objects.
public struct Field: Sendable, Equatable, Decodable {
    /// One way to find the value.
    public struct Alternative: Sendable, Equatable {
        /// What an alternative reads.
        public enum Source: Sendable, Equatable {
            /// The value of an XPath expression: the first node's text, or its string, number or boolean.
            case xpath(String)
            /// How many nodes an XPath expression selects; no value when it selects none.
            case count(String)
            /// A regular expression over the page's address: its first capture group (or the whole match).
            case pageURL(String)
            /// A value the thread already has (`id`, `title`, `url`), for post fields.
            case thread(String)
            /// Text with `{…}` placeholders, each `{thread.NAME}` or an XPath expression.
            case template(String)
        }

        /// What the alternative reads.
        public var source: Source {
            didSet { prepare() }
        }
        /// An XPath that must select something (or be true) at the field's node for the alternative to be
        /// tried: `self::li`, `self::*[@id='placeop']`.
        public var when: String? {
            didSet { prepare() }
        }
        /// A regular expression applied to the value; a value it does not match is empty. It may hold
        /// `{thread.NAME}` and `{$definition}` placeholders; their values stand for themselves (escaped).
        public var pattern: String? {
            didSet { prepare() }
        }
        /// The XPath of `xpath` and `count`, compiled once per process.
        private(set) var compiled: CompiledXPath?
        /// The parts of a `template`.
        private(set) var parts: [FieldTemplate.Part] = []
        /// The parts of a `pattern` that holds placeholders (nil when it holds none).
        private(set) var patternParts: [FieldTemplate.Part]?
        /// The alternative's place in the profile, for errors (`thread.posts[0].id[1].xpath`); empty when
        /// made in code.
        var origin: [AnyCodingKey] = []
        /// The place of the object the alternative was written in (its `when` and `pattern` stand there).
        var objectOrigin: [AnyCodingKey] = []

        public init(_ source: Source, pattern: String? = nil, when: String? = nil) {
            self.source = source
            self.pattern = pattern
            self.when = when
            prepare()
        }

        public init(xpath: String, pattern: String? = nil) {
            self.init(.xpath(xpath), pattern: pattern)
        }

        /// The XPath expression of an `xpath` or `count` alternative.
        public var xpath: String? {
            switch source {
            case .xpath(let xpath), .count(let xpath): xpath
            case .pageURL, .thread, .template: nil
            }
        }

        /// Every XPath the alternative evaluates (its own, and those of placeholders), with the key it
        /// stands under.
        var expressions: [(key: String, xpath: String)] {
            var result: [(String, String)] = []
            if let when { result.append(("when", when)) }
            switch source {
            case .xpath(let xpath): result.append(("xpath", xpath))
            case .count(let xpath): result.append(("count", xpath))
            case .template: result += parts.compactMap { $0.xpath.map { ("template", $0) } }
            case .pageURL, .thread: break
            }
            result += (patternParts ?? []).compactMap { $0.xpath.map { ("pattern", $0) } }
            return result
        }

        /// Compiles XPath and splits templates; placeholders that fail to parse leave no parts (the
        /// decoder reports them). An XPath that still names a definition (`$name`) compiles to nothing
        /// until the profile expands it.
        private mutating func prepare() {
            switch source {
            case .xpath(let xpath), .count(let xpath):
                compiled = CompiledXPath.shared(xpath)
                parts = []
            case .template(let text):
                compiled = nil
                parts = (try? FieldTemplate.parts(of: text, in: .template)) ?? []
            case .pageURL, .thread:
                compiled = nil
                parts = []
            }
            patternParts = pattern.flatMap { pattern in
                guard let parts = try? FieldTemplate.parts(of: pattern, in: .pattern) else { return nil }
                return parts.contains { !$0.isText } ? parts : nil
            }
        }

        /// Sets the placeholders of `pattern` with their definitions expanded (the pattern's text keeps
        /// the names, which is what tells a placeholder from the expression's own braces).
        mutating func expandPattern(_ parts: [FieldTemplate.Part]) {
            patternParts = parts
        }

        public static func == (lhs: Alternative, rhs: Alternative) -> Bool {
            lhs.source == rhs.source && lhs.pattern == rhs.pattern && lhs.when == rhs.when
        }
    }

    /// The alternatives, tried in order.
    public var alternatives: [Alternative]

    /// The XPath expressions of the `xpath` and `count` alternatives.
    public var xpaths: [String] { alternatives.compactMap(\.xpath) }

    public init(_ xpaths: [String], pattern: String? = nil) {
        alternatives = xpaths.map { Alternative(xpath: $0, pattern: pattern) }
    }

    public init(alternatives: [Alternative]) {
        self.alternatives = alternatives
    }

    /// The keys an alternative object may hold: one source, a pattern and a condition.
    enum CodingKeys: String, CodingKey, CaseIterable { case xpath, count, url, thread, template, pattern, when }
    static let sourceKeys: [CodingKeys] = [.xpath, .count, .url, .thread, .template]

    /// The thread values a post field may name with `thread` or `{thread.NAME}`.
    static let threadValues: Set<String> = ["id", "title", "url"]

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer().decode(String.self) {
            var alternative = Alternative(xpath: single)
            alternative.origin = AnyCodingKey.path(decoder.codingPath)
            alternative.objectOrigin = alternative.origin
            alternatives = [alternative]
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var alternatives: [Alternative] = []
            while !list.isAtEnd {
                alternatives += try list.decode(Field.self).alternatives
            }
            self.alternatives = alternatives
            return
        }
        guard (try? decoder.container(keyedBy: AnyCodingKey.self)) != nil else {
            throw DecodingError.typeMismatch(
                Field.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "expected an XPath string, an object with one of xpath, count, url, thread or template, "
                        + "or an array of them"))
        }
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let present = Self.sourceKeys.filter { c.contains($0) }
        guard present.count == 1, let kind = present.first else {
            let found = present.isEmpty ? "none" : present.map(\.stringValue).joined(separator: " and ")
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "a field alternative reads one of xpath, count, url, thread or template (found \(found))"))
        }
        let pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
        if let pattern {
            guard kind != .url else {
                throw DecodingError.dataCorruptedError(
                    forKey: .pattern, in: c,
                    debugDescription: "url is a regular expression itself; put the pattern there")
            }
            try Self.checkRegex(pattern, kind: .pattern, key: .pattern, in: c)
        }
        let when = try c.decodeIfPresent(String.self, forKey: .when)
        let origin = AnyCodingKey.path(decoder.codingPath)
        func made(_ source: Alternative.Source, at key: CodingKeys) -> Alternative {
            var alternative = Alternative(source, pattern: pattern, when: when)
            alternative.origin = origin + [AnyCodingKey(stringValue: key.stringValue)]
            alternative.objectOrigin = origin
            return alternative
        }
        switch kind {
        case .xpath:
            if let single = try? c.decode(String.self, forKey: .xpath) {
                alternatives = [made(.xpath(single), at: .xpath)]
            } else {
                alternatives = try c.decode([String].self, forKey: .xpath).enumerated().map { index, xpath in
                    var alternative = made(.xpath(xpath), at: .xpath)
                    alternative.origin.append(AnyCodingKey(intValue: index))
                    return alternative
                }
            }
        case .count:
            alternatives = [made(.count(try c.decode(String.self, forKey: .count)), at: .count)]
        case .url:
            let regex = try c.decode(String.self, forKey: .url)
            try Self.checkRegex(regex, kind: nil, key: .url, in: c)
            alternatives = [made(.pageURL(regex), at: .url)]
        case .thread:
            let name = try c.decode(String.self, forKey: .thread)
            guard Self.threadValues.contains(name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .thread, in: c,
                    debugDescription:
                        "unknown thread value \"\(name)\" (expected one of: \(Self.threadValues.sorted().joined(separator: ", ")))")
            }
            alternatives = [made(.thread(name), at: .thread)]
        case .template:
            let text = try c.decode(String.self, forKey: .template)
            do throws(FieldTemplate.SyntaxError) {
                _ = try FieldTemplate.parts(of: text, in: .template)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .template, in: c, debugDescription: error.message)
            }
            alternatives = [made(.template(text), at: .template)]
        case .pattern, .when:
            alternatives = []
        }
    }

    /// Checks that a regular expression compiles; placeholders of a pattern stand for a literal.
    private static func checkRegex(
        _ regex: String, kind: FieldTemplate.Kind?, key: CodingKeys, in c: KeyedDecodingContainer<CodingKeys>
    ) throws {
        var text = regex
        if let kind {
            do throws(FieldTemplate.SyntaxError) {
                text = try FieldTemplate.parts(of: regex, in: kind).map { $0.isText ? $0.text : "0" }.joined()
            } catch {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: error.message)
            }
        }
        if (try? NSRegularExpression(pattern: text)) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "invalid regular expression \"\(regex)\"")
        }
    }
}

extension AnyCodingKey {
    /// A coding path as keys that can be stored.
    static func path(_ codingPath: [any CodingKey]) -> [AnyCodingKey] {
        codingPath.map { key in key.intValue.map(AnyCodingKey.init(intValue:)) ?? AnyCodingKey(stringValue: key.stringValue) }
    }
}
