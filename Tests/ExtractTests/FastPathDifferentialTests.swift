import Foundation
import HTML
import Testing

@testable import Extract
import TestSupport

/// `FastPath` against libxml2 on generated pages: random trees built from the element names, attribute
/// names and literals of the built-in profiles, queried with every XPath those profiles use (and the
/// shapes of `FastPathTests`), from the document and from a sample of elements. Needs no corpus.
@Suite("FastPath against libxml2 on generated pages")
struct FastPathDifferentialTests {
    /// How many pages to generate (about 100 to 200 elements each): some 300,000 comparisons, a few
    /// seconds in a debug build. Raise it locally to hunt further.
    static let pageCount = 60

    @Test("every accepted query gives libxml2's answer on generated pages")
    func generatedPages() throws {
        let profiles = try ProfileSet.builtIn().profiles
        let queries = try Self.acceptedQueries(profiles)
        // A query set that is suddenly tiny would make the test pass without testing anything.
        #expect(queries.count > 500, "FastPath accepts only \(queries.count) profile queries")
        let vocabularies = profiles.map { profile in
            var vocabulary = Vocabulary(harvesting: profile.xpaths.map(\.xpath))
            vocabulary.containers = Vocabulary(harvesting: Self.selectors(profile)).chains
            return vocabulary
        }
        let everything = Vocabulary(harvesting: profiles.flatMap { $0.xpaths.map(\.xpath) })
        var divergences: [String] = []
        var comparisons = 0
        // Answers that are not empty, false or zero, and contexts the profile's selectors picked: a
        // generator that stopped producing matches would leave the comparisons vacuous.
        var found = 0
        var selected = 0
        // Queries FastPath gave up on at run time (several anchors before a sibling step, say): callers
        // then ask libxml2, so the answer is still right.
        var givenUp = 0
        for page in 0..<Self.pageCount {
            var random = SeededGenerator(seed: UInt64(page))
            let profile = profiles[page % profiles.count]
            let vocabulary = vocabularies[page % profiles.count].sample(mixing: everything, using: &random)
            let html = PageGenerator(vocabulary: vocabulary).page(using: &random)
            let document = try HTMLDocument(bytes: Array(html.utf8), declaredCharset: "UTF-8")
            let (contexts, picked) = try Self.contexts(in: document, profile: profile, using: &random)
            selected += picked
            for (source, fast, expression) in queries {
                for context in contexts {
                    comparisons += 1
                    let place = "page \(page), \(source) at \(Self.describe(context))"
                    guard let expected = try? document.evaluate(expression, at: context) else {
                        divergences.append("\(place): libxml2 failed")
                        continue
                    }
                    guard let actual = document.evaluate(fast, at: context) else {
                        givenUp += 1
                        continue
                    }
                    if Self.isFound(expected) { found += 1 }
                    if !FastPathTests.same(expected, actual) {
                        divergences.append(
                            "\(place): libxml2 \(Self.describe(expected)), FastPath \(Self.describe(actual))")
                    } else if case .nodes(let nodes) = expected,
                        let first = document.select(fast, at: context, limit: 1), first != Array(nodes.prefix(1))
                    {
                        divergences.append("\(place): the first node differs with limit 1")
                    }
                }
            }
        }
        #expect(comparisons > 100_000)
        // About 4% of answers are not empty (most queries look for markup of one engine on a page built
        // for another); string-building queries that answered something on every page (`concat()` of
        // session-id stripping, XPath arithmetic) left the profiles for plain paths and field words.
        #expect(found * 40 > comparisons, "only \(found) of \(comparisons) answers are not empty")
        #expect(selected > Self.pageCount / 2, "the profiles' selectors picked only \(selected) nodes")
        #expect(givenUp * 100 < comparisons, "FastPath gave up \(givenUp) times in \(comparisons)")
        #expect(
            divergences.isEmpty,
            "\(divergences.count) divergences:\n\(divergences.prefix(20).joined(separator: "\n"))")
    }

    @Test("every fixture extracts the same without the fast path")
    func withoutFastPath() throws {
        let extractor = try Fixture.extractor()
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".html") }.sorted()
        #expect(files.count > 20)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            var options = ExtractionOptions(fetchedAt: Fixture.standardFetchedAt)
            let extract = { (options: ExtractionOptions) in
                Result { () throws(ExtractError) in try extractor.extract(bytes, options: options, source: file) }
            }
            let fast = extract(options)
            options.usesFastPath = false
            #expect(fast == extract(options), "\(file)")
        }
    }

    /// Every XPath of the profiles (alternatives included) and of `FastPathTests` that `FastPath` accepts.
    static func acceptedQueries(_ profiles: [Profile]) throws -> [(String, FastPath, XPathExpression)] {
        var seen = Set<String>()
        let sources = (profiles.flatMap { $0.xpaths.map(\.xpath) } + FastPathTests.queries).filter {
            seen.insert($0).inserted
        }
        return try sources.compactMap { source in
            guard let fast = FastPath(source) else { return nil }
            return (source, fast, try XPathExpression(source))
        }
    }

    /// The document, the first two nodes each post and row selector of the profile picks (as libxml2
    /// finds them), and a few elements at random; and how many nodes the selectors picked.
    static func contexts(
        in document: HTMLDocument, profile: Profile, using random: inout SeededGenerator
    ) throws -> ([Node?], Int) {
        var contexts: [Node?] = [nil]
        var picked = 0
        for selector in selectors(profile) {
            let nodes = try document.evaluate(XPathExpression(selector)).nodes
            picked += nodes.count
            contexts += nodes.prefix(2).map { $0 }
        }
        let elements = try document.evaluate(XPathExpression("//*")).nodes
        for _ in 0..<3 where !elements.isEmpty {
            contexts.append(elements[random.below(elements.count)])
        }
        return (contexts, picked)
    }

    /// Whether a value is something rather than nothing: nodes, a string, true, a number other than 0.
    static func isFound(_ value: XPathValue) -> Bool {
        switch value {
        case .nodes(let nodes): !nodes.isEmpty
        case .string(let string): !string.isEmpty
        case .boolean(let boolean): boolean
        case .number(let number): number != 0
        }
    }

    /// The profile's post, comment and row selectors.
    static func selectors(_ profile: Profile) -> [String] {
        var selectors = profile.thread?.posts.flatMap { [$0.node] + [$0.comments?.value.node].compactMap { $0 } } ?? []
        if let rows = profile.listing?.rows { selectors.append(rows) }
        return selectors
    }

    static func describe(_ node: Node?) -> String {
        guard let node else { return "the document" }
        let attributes = node.attributes.map { " \($0.name)=\"\($0.value)\"" }.joined()
        return "<\(node.name)\(attributes)>"
    }

    static func describe(_ value: XPathValue) -> String {
        switch value {
        case .nodes(let nodes): "\(nodes.count) nodes [\(nodes.prefix(3).map { describe($0) }.joined(separator: ", "))]"
        case .string(let string): "string \"\(string)\""
        case .number(let number): "number \(number)"
        case .boolean(let boolean): "boolean \(boolean)"
        }
    }
}

/// Drawing helpers for generated pages; the seed is the page number, so a failing page can be rebuilt.
extension SeededGenerator {
    /// A number in `0..<bound` (`bound` > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// The names and strings a set of XPath expressions mentions: what generated pages are made of.
struct Vocabulary {
    var elements: [String]
    var attributes: [String]
    var literals: [String]
    /// For each expression, its name tests in order with the attribute values and texts its predicates
    /// test: nested, they make elements the expression is likely to select.
    var chains: [[Level]]
    /// Chains of the post and row selectors: the page puts field chains inside them.
    var containers: [[Level]] = []

    /// One name test of a chain (nil for `*`), with what its predicates look for.
    struct Level {
        var element: String?
        var attributes: [(name: String, value: String)] = []
        var texts: [String] = []
    }

    init(elements: [String], attributes: [String], literals: [String], chains: [[Level]]) {
        self.elements = elements
        self.attributes = attributes
        self.literals = literals
        self.chains = chains
    }

    /// Element names (name tests), attribute names (`@name`) and string literals of `xpaths`.
    init(harvesting xpaths: [String]) {
        var elements = Set<String>()
        var attributes = Set<String>()
        var literals = Set<String>()
        var chains: [[Level]] = []
        for xpath in xpaths {
            let chars = Array(xpath.utf8)
            var chain: [Level] = []
            // The attribute a literal is compared with: the last `@name`, until `]`, `.`, `and`, `or` or a step.
            var attribute: String?
            var depth = 0
            var index = 0
            while index < chars.count {
                let char = chars[index]
                if char == UInt8(ascii: "[") || char == UInt8(ascii: "(") { depth += 1 }
                if char == UInt8(ascii: "]") || char == UInt8(ascii: ")") { depth -= 1 }
                if char == UInt8(ascii: "|"), depth == 0, !chain.isEmpty {
                    // A union: each path its own chain.
                    chains.append(chain)
                    chain = []
                }
                if char == UInt8(ascii: "'") || char == UInt8(ascii: "\"") {
                    let close = chars[(index + 1)...].firstIndex(of: char) ?? chars.count
                    let literal = String(decoding: chars[(index + 1)..<close], as: UTF8.self)
                    literals.insert(literal)
                    let trimmed = literal.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty, !chain.isEmpty {
                        if let attribute {
                            chain[chain.count - 1].attributes.append((attribute, trimmed))
                        } else {
                            chain[chain.count - 1].texts.append(literal)
                        }
                    }
                    index = close + 1
                    continue
                }
                if char == UInt8(ascii: "]") || char == UInt8(ascii: ".") { attribute = nil }
                if char == UInt8(ascii: "*"), index == 0 || [UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "(")]
                    .contains(chars[index - 1])
                {
                    chain.append(Level(element: nil))
                    attribute = nil
                }
                guard Self.isNameStart(char) else {
                    index += 1
                    continue
                }
                var end = index
                while end < chars.count, Self.isNameStart(chars[end]) || Self.isDigitOrDash(chars[end]) { end += 1 }
                let name = String(decoding: chars[index..<end], as: UTF8.self)
                var before = index - 1
                while before >= 0, chars[before] == 0x20 { before -= 1 }
                var after = end
                while after < chars.count, chars[after] == 0x20 { after += 1 }
                let next = after < chars.count ? chars[after] : 0
                if before >= 0, chars[before] == UInt8(ascii: "@") {
                    attributes.insert(name)
                    attribute = name
                } else if ["and", "or"].contains(name) {
                    attribute = nil
                } else if next != UInt8(ascii: "("), next != UInt8(ascii: ":"), name != "mod",
                    !["html", "head", "body"].contains(name), name.utf8.allSatisfy({ Self.isTagCharacter($0) })
                {
                    elements.insert(name)
                    chain.append(Level(element: name))
                    attribute = nil
                }
                index = end
            }
            if !chain.isEmpty { chains.append(chain) }
        }
        self.elements = elements.sorted()
        self.attributes = attributes.sorted()
        self.literals = literals.sorted()
        self.chains = chains
    }

    /// A page's share: a handful of this vocabulary's names and strings, a few from `other`, and the
    /// commonest names, so that elements combine them often enough for the profile's selectors to match.
    func sample(mixing other: Vocabulary, using random: inout SeededGenerator) -> Vocabulary {
        func some(_ items: [String], _ count: Int, _ extra: [String], _ always: [String]) -> [String] {
            var chosen = Set(always)
            for _ in 0..<count where !items.isEmpty { chosen.insert(random.pick(items)) }
            for _ in 0..<2 where !extra.isEmpty { chosen.insert(random.pick(extra)) }
            return chosen.sorted()
        }
        var chosenChains: [[Level]] = []
        for _ in 0..<12 where !chains.isEmpty { chosenChains.append(random.pick(chains)) }
        for _ in 0..<2 where !other.chains.isEmpty { chosenChains.append(random.pick(other.chains)) }
        var page = Vocabulary(
            elements: some(elements, 8, other.elements, ["div", "span", "a"]),
            attributes: some(attributes, 6, other.attributes, ["class", "id"]),
            literals: some(literals, 18, other.literals, []),
            chains: chosenChains)
        page.containers = containers
        return page
    }

    private static func isNameStart(_ char: UInt8) -> Bool {
        (char >= 0x61 && char <= 0x7A) || (char >= 0x41 && char <= 0x5A) || char == UInt8(ascii: "_")
    }

    private static func isDigitOrDash(_ char: UInt8) -> Bool {
        (char >= 0x30 && char <= 0x39) || char == UInt8(ascii: "-") || char == UInt8(ascii: ".")
    }

    private static func isTagCharacter(_ char: UInt8) -> Bool {
        (char >= 0x61 && char <= 0x7A) || (char >= 0x30 && char <= 0x39)
    }
}

/// Random HTML from a vocabulary: a head with the usual metadata, a body a few levels deep whose elements
/// carry the vocabulary's attributes, with class lists, prefixes, numbers and odd whitespace mixed in.
struct PageGenerator {
    let vocabulary: Vocabulary
    /// Words for class lists: the literals split at whitespace.
    let tokens: [String]

    init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        let words = vocabulary.literals.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        tokens = words.isEmpty ? ["post"] : words
    }

    func page(using random: inout SeededGenerator) -> String {
        var html = "<!DOCTYPE html>\n<html\(attributes(using: &random, count: random.below(3)))><head>"
        html += "<title>\(text(using: &random))</title>"
        for _ in 0..<random.below(4) {
            html += "<meta\(attributes(using: &random, count: 1 + random.below(3)))>"
        }
        for _ in 0..<random.below(3) {
            html += "<link\(attributes(using: &random, count: 1 + random.below(2)))>"
        }
        if random.chance(20) { html += "<base href=\"https://example.org/\">" }
        html += "</head>\n<body\(attributes(using: &random, count: random.below(2)))>"
        var budget = 80 + random.below(80)
        while budget > 0 {
            if random.chance(40), !vocabulary.containers.isEmpty {
                // A post or row, with fields inside.
                let inside = (0..<(2 + random.below(5))).compactMap { _ in
                    vocabulary.chains.isEmpty ? nil : random.pick(vocabulary.chains)
                }
                html += chain(
                    random.pick(vocabulary.containers)[...], inside: inside, faithful: true, budget: &budget,
                    using: &random)
            } else if random.chance(50), !vocabulary.chains.isEmpty {
                let chain = random.pick(vocabulary.chains)
                // Twice at times, for `(…)[1]`, `[last()]` and unions to choose between.
                for _ in 0..<(random.chance(30) ? 2 : 1) {
                    html += self.chain(chain[...], budget: &budget, using: &random)
                }
            } else {
                html += element(depth: 0, budget: &budget, using: &random)
            }
        }
        return html + "</body></html>\n"
    }

    /// The levels of a chain as nested elements (at times as following siblings), with what their
    /// predicates test mostly present, and random elements around them.
    private func chain(
        _ levels: ArraySlice<Vocabulary.Level>, inside: [[Vocabulary.Level]] = [], faithful: Bool = false,
        budget: inout Int, using random: inout SeededGenerator
    ) -> String {
        guard let level = levels.first else {
            return inside.map { chain($0[...], budget: &budget, using: &random) }.joined()
        }
        budget -= 1
        let name = level.element ?? random.pick(vocabulary.elements)
        var html = "<\(name)"
        var names = Set<String>()
        for (attribute, literal) in level.attributes
        where random.chance(faithful ? 97 : 85) && names.insert(attribute).inserted {
            let value =
                attribute == "class"
                ? classList(around: literal, using: &random)
                : faithful && random.chance(70)
                    ? literal + String(random.below(1000)) : variant(of: literal, using: &random)
            html += " \(attribute)=\"\(escaped(value))\""
        }
        html += attributes(using: &random, count: random.below(2), except: names) + ">"
        if random.chance(30) { html += element(depth: 5, budget: &budget, using: &random) }
        for text in level.texts where random.chance(faithful ? 90 : 70) { html += escaped(text) }
        let rest = levels.dropFirst()
        if random.chance(faithful ? 5 : 20) {
            html += "</\(name)>" + chain(rest, inside: inside, faithful: faithful, budget: &budget, using: &random)
        } else {
            html += chain(rest, inside: inside, faithful: faithful, budget: &budget, using: &random)
            if random.chance(30) { html += element(depth: 5, budget: &budget, using: &random) }
            html += "</\(name)>"
        }
        return html
    }

    private func element(depth: Int, budget: inout Int, using random: inout SeededGenerator) -> String {
        budget -= 1
        let name = random.pick(vocabulary.elements)
        var html = "<\(name)\(attributes(using: &random, count: random.below(4)))>"
        let children = depth >= 7 ? 0 : random.below(5)
        for _ in 0..<children where budget > 0 {
            switch random.below(10) {
            case 0, 1, 2: html += escaped(text(using: &random))
            case 3 where random.chance(15): html += "<!--\(random.pick(tokens))-->"
            default: html += element(depth: depth + 1, budget: &budget, using: &random)
            }
        }
        // Leave some elements unclosed: the parser's repairs make trees worth testing too.
        return random.chance(5) ? html : html + "</\(name)>"
    }

    private func attributes(using random: inout SeededGenerator, count: Int, except: Set<String> = []) -> String {
        var names = except
        var html = ""
        for _ in 0..<count {
            let name = random.chance(40) ? "class" : random.chance(20) ? "id" : random.pick(vocabulary.attributes)
            // libxml2 keeps the first of repeated attributes; write each once.
            guard names.insert(name).inserted else { continue }
            if random.chance(3) {
                html += " \(name)"
            } else {
                html += " \(name)=\"\(escaped(name == "class" ? classList(using: &random) : value(using: &random)))\""
            }
        }
        return html
    }

    private func classList(around literal: String? = nil, using random: inout SeededGenerator) -> String {
        let separators = [" ", " ", " ", "  ", "\t", "\n ", "\u{A0}"]
        var words = literal.map { [$0] } ?? []
        for _ in 0..<(random.below(3) + (literal == nil ? 1 : 0)) {
            var word = random.pick(tokens)
            if random.chance(15) { word += random.pick(["-x", "--current", "s", "2"]) }
            if random.chance(5) { word = random.pick(["x-", "is-", "js-"]) + word }
            words.append(word)
        }
        if literal != nil, words.count > 1 { words.swapAt(0, random.below(words.count)) }
        var list = words[0]
        for word in words.dropFirst() { list += random.pick(separators) + word }
        if random.chance(10) { list = " " + list }
        if random.chance(10) { list += random.pick(separators) }
        return list
    }

    private func value(using random: inout SeededGenerator) -> String {
        variant(of: vocabulary.literals.isEmpty ? "x" : random.pick(vocabulary.literals), using: &random)
    }

    /// `literal` itself, or with a number after it, a URL around it, spaces, or something else instead.
    private func variant(of literal: String, using random: inout SeededGenerator) -> String {
        switch random.below(8) {
        case 0: return literal + String(random.below(1000))
        case 1: return "https://example.org/" + literal
        case 2: return "/" + literal + String(random.below(50))
        case 3: return random.chance(50) ? "" : String(random.below(100))
        case 4: return " " + literal + " "
        default: return literal
        }
    }

    private func text(using random: inout SeededGenerator) -> String {
        switch random.below(9) {
        case 0: return String(random.below(20_000))
        case 1: return random.pick(["  \n ", " ", "\t", "\u{A0}", "1,234", "(12 posts)", "Beiträge: 7", "Ü"])
        case 2, 3: return " " + random.pick(tokens) + " "
        default: return vocabulary.literals.isEmpty ? "text" : random.pick(vocabulary.literals)
        }
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
