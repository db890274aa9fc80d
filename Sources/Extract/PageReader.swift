import Foundation
import HTML
import Model

/// Reads profile fields from one parsed page: compiles each XPath once, evaluates fields against
/// nodes, and turns what it finds into values (text, times, counts, links).
///
/// Lives for one extraction; not `Sendable`, like the document it reads.
final class PageReader {
    let document: HTMLDocument
    let profileName: String
    let dates: DateReader
    let fetchedAt: Date
    /// The page's address, to resolve relative links and tell external ones.
    let pageURL: String?
    /// What relative links resolve against: the page's `<base href>` when it has one, else its address.
    let linkBase: String?
    /// Expressions named by string (post and row nodes, `exclude`, `hidden`), looked up once per page.
    private var compiled: [String: CompiledXPath] = [:]
    /// What document-level node queries selected, so the post and row queries `isListing` runs are not
    /// run again to read the page. Forgotten when the tree changes (`treeChanged()`).
    private var documentNodes: [String: [Node]] = [:]
    /// The thread's values (`id`, `title`, `url`) once read, for post fields that name them.
    var threadValues: [String: String] = [:]
    private static let patterns = RegexCache()
    private static let baseHref = CompiledXPath.shared("string(/html/head/base/@href)")

    init(document: HTMLDocument, profile: Profile, timeZone: TimeZone, fetchedAt: Date, pageURL: String?) {
        self.document = document
        self.profileName = profile.name
        self.dates = DateReaderCache.shared.reader(timeZone: timeZone, formats: profile.dateFormats, locales: profile.locales)
        self.fetchedAt = fetchedAt
        self.pageURL = pageURL
        let base = Self.baseHref.evaluate(in: document)?.string ?? ""
        self.linkBase = base.isEmpty ? pageURL : Links.absolute(base, base: pageURL) ?? pageURL
    }

    // MARK: XPath

    /// Evaluates one compiled XPath; profiles are validated when loaded, so a failure here is a runtime
    /// error of libxml2 and yields nothing.
    func evaluate(_ xpath: CompiledXPath, at node: Node?, limit: Int = .max) -> XPathValue? {
        xpath.evaluate(in: document, at: node, limit: limit)
    }

    /// Evaluates one XPath given as a string.
    func evaluate(_ xpath: String, at node: Node?, limit: Int = .max) -> XPathValue? {
        evaluate(compiledXPath(xpath), at: node, limit: limit)
    }

    private func compiledXPath(_ xpath: String) -> CompiledXPath {
        if let known = compiled[xpath] { return known }
        let shared = CompiledXPath.shared(xpath)
        compiled[xpath] = shared
        return shared
    }

    /// The nodes an XPath selects. Document-level results are remembered until the tree changes.
    func nodes(_ xpath: String, at node: Node? = nil) -> [Node] {
        guard node == nil else { return evaluate(xpath, at: node)?.nodes ?? [] }
        if let known = documentNodes[xpath] { return known }
        let found = evaluate(xpath, at: nil)?.nodes ?? []
        documentNodes[xpath] = found
        return found
    }

    /// Forgets remembered query results: the tree was changed (posts moved out of posts).
    func treeChanged() {
        documentNodes = [:]
    }

    /// Whether an XPath selects anything (or is true, for a boolean expression).
    func matches(_ xpath: String, at node: Node? = nil) -> Bool {
        switch evaluate(xpath, at: node, limit: 1) {
        case .nodes(let nodes): !nodes.isEmpty
        case .boolean(let value): value
        case .string(let string): !string.isEmpty
        case .number(let number): !number.isNaN && number != 0
        case nil: false
        }
    }

    // MARK: Fields

    /// The first non-empty value of a field, with whitespace collapsed to single spaces.
    func string(_ field: Field?, at node: Node? = nil) -> String? {
        first(field, at: node) { Node.collapse($0) }
    }

    /// The first non-empty value of a field as shown: trimmed, line breaks folded, runs of plain
    /// spaces kept (`Mon Mar  1 09:15:24 EST 2010`).
    func shownString(_ field: Field?, at node: Node? = nil) -> String? {
        first(field, at: node) { Self.shown($0) }
    }

    /// Every value of the first alternative of a field that yields any (breadcrumbs): every node an
    /// XPath selects, or the one value of another kind of alternative.
    func strings(_ field: Field?, at node: Node? = nil) -> [String] {
        guard let field else { return [] }
        for alternative in field.alternatives {
            guard case .xpath = alternative.source else {
                if let value = read(alternative, at: node, clean: { Node.collapse($0) }) { return [value] }
                continue
            }
            guard applies(alternative, at: node), let compiled = alternative.compiled,
                let value = evaluate(compiled, at: node), let pattern = filledPattern(of: alternative, at: node)
            else { continue }
            let shared = alternative.patternParts == nil
            let found = value.strings.map { Node.collapse($0) }.compactMap { apply(pattern, to: $0, shared: shared) }
                .filter { !$0.isEmpty }
            if !found.isEmpty { return found }
        }
        return []
    }

    /// The first node a field selects (a post body).
    func node(_ field: Field?, at node: Node?) -> Node? {
        selection(field, at: node)?.first
    }

    /// The nodes of the first XPath alternative of a field that selects any (never empty).
    func selection(_ field: Field?, at node: Node?) -> [Node]? {
        guard let field else { return nil }
        for alternative in field.alternatives {
            guard case .xpath = alternative.source, let compiled = alternative.compiled, applies(alternative, at: node)
            else { continue }
            // A comment range needs the second node too.
            let found = evaluate(compiled, at: node, limit: 2)?.nodes ?? []
            if !found.isEmpty { return found }
        }
        return nil
    }

    /// The text of every node the first alternative that yields any text selects, run together: a
    /// description is loose text and inline tags between two `<br>`s on some engines.
    func runTogether(_ field: Field?, at node: Node) -> String? {
        guard let field else { return nil }
        for alternative in field.alternatives {
            guard case .xpath = alternative.source, let compiled = alternative.compiled,
                applies(alternative, at: node), let value = evaluate(compiled, at: node)
            else { continue }
            let raw: String
            if case .nodes(let nodes) = value {
                raw = nodes.map { $0.rawText }.joined()
            } else {
                raw = value.string
            }
            let text = Node.collapse(raw)
            if !text.isEmpty, let result = apply(alternative.pattern, to: text), !result.isEmpty {
                return result
            }
        }
        return nil
    }

    /// A count: the first number in the field's value.
    func count(_ field: Field?, at node: Node? = nil) -> Int? {
        string(field, at: node).flatMap(CountReader.count(from:))
    }

    /// Counts by name.
    func counts(_ fields: CountFields, at node: Node? = nil) -> Counts {
        var counts = Counts()
        for (name, field) in fields {
            counts[name] = count(field, at: node)
        }
        return counts
    }

    /// A link: the field's value made absolute against the page.
    func link(_ field: Field?, at node: Node? = nil) -> String? {
        string(field, at: node).flatMap { Links.absolute($0, base: linkBase) }
    }

    /// Every link a field selects, absolute, in order.
    func links(_ field: Field?, at node: Node? = nil) -> [String] {
        strings(field, at: node).compactMap { Links.absolute($0, base: linkBase) }
    }

    /// A time from a machine-readable field (preferred for the UTC value) and a shown field.
    func timestamp(machine: Field?, shown: Field?, at node: Node?) -> Timestamp {
        let machineValue = string(machine, at: node)
        let shownValue = shownString(shown, at: node)
        guard machineValue != nil || shownValue != nil else { return .none }
        return dates.timestamp(text: shownValue, machine: machineValue, fetchedAt: fetchedAt)
    }

    private func first(_ field: Field?, at node: Node?, clean: (String) -> String) -> String? {
        guard let field else { return nil }
        for alternative in field.alternatives {
            if let value = read(alternative, at: node, clean: clean) { return value }
        }
        return nil
    }

    /// One alternative's value, cleaned and matched against its pattern; nil when it has none.
    private func read(_ alternative: Field.Alternative, at node: Node?, clean: (String) -> String) -> String? {
        guard applies(alternative, at: node) else { return nil }
        let raw: String
        switch alternative.source {
        case .xpath:
            guard let compiled = alternative.compiled, let value = evaluate(compiled, at: node, limit: 1) else {
                return nil
            }
            switch value {
            case .nodes(let nodes):
                guard let first = nodes.first else { return nil }
                raw = first.rawText
            default:
                raw = value.string
            }
        case .count:
            guard let compiled = alternative.compiled, case .nodes(let nodes)? = evaluate(compiled, at: node),
                !nodes.isEmpty
            else { return nil }
            raw = String(nodes.count)
        case .pageURL(let regex):
            guard let pageURL, let found = apply(regex, to: pageURL) else { return nil }
            raw = found
        case .thread(let name):
            guard let known = threadValues[name] else { return nil }
            raw = known
        case .template:
            guard let filled = fill(alternative.parts, at: node, escaping: false) else { return nil }
            raw = filled
        }
        let cleaned = clean(raw)
        // A pattern filled from the page is compiled for this value only, not kept in the shared cache.
        guard !cleaned.isEmpty, let pattern = filledPattern(of: alternative, at: node),
            let result = apply(pattern, to: cleaned, shared: alternative.patternParts == nil), !result.isEmpty
        else { return nil }
        return result
    }

    /// Whether an alternative's `when` holds at `node` (or it has none).
    private func applies(_ alternative: Field.Alternative, at node: Node?) -> Bool {
        alternative.when.map { matches($0, at: node) } ?? true
    }

    /// An alternative's pattern with its placeholders filled: `.some(nil)` without a pattern, nil when a
    /// placeholder has no value (the alternative then has none either).
    private func filledPattern(of alternative: Field.Alternative, at node: Node?) -> String?? {
        guard let parts = alternative.patternParts else { return .some(alternative.pattern) }
        return fill(parts, at: node, escaping: true).map { .some($0) }
    }

    /// A template's text with every placeholder replaced by its value (escaped for a regular expression
    /// when `escaping`); nil when a placeholder has no value.
    private func fill(_ parts: [FieldTemplate.Part], at node: Node?, escaping: Bool) -> String? {
        var output = ""
        for part in parts {
            let value: String
            switch part {
            case .text(let text):
                output += text
                continue
            case .thread(let name):
                value = threadValues[name] ?? ""
            case .xpath(let xpath):
                switch evaluate(xpath, at: node, limit: 1) {
                case .nodes(let nodes)?: value = Node.collapse(nodes.first?.rawText ?? "")
                case let other?: value = Node.collapse(other.string)
                case nil: value = ""
                }
            }
            guard !value.isEmpty else { return nil }
            output += escaping ? NSRegularExpression.escapedPattern(for: value) : value
        }
        return output
    }

    /// Keeps the first capture group of `pattern` (or the whole match); nil when it does not match.
    func apply(_ pattern: String?, to value: String, shared: Bool = true) -> String? {
        guard let pattern else { return value }
        guard let regex = shared ? Self.patterns.regex(pattern) : (try? NSRegularExpression(pattern: pattern)) else {
            return nil
        }
        let range = NSRange(value.startIndex..., in: value)
        guard let match = regex.firstMatch(in: value, range: range) else { return nil }
        let group = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound ? 1 : 0
        guard let result = Range(match.range(at: group), in: value) else { return nil }
        return String(value[result]).trimmingWhitespace
    }

    /// `shown(_:)` for ASCII text, a byte at a time (whitespace: tab, line feed, vertical tab, form feed,
    /// carriage return, space; no non-breaking spaces to turn into spaces).
    private static func shownASCII(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var runStart = -1
        var runBreaks = false
        for byte in text.utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                if runStart < 0 { runStart = output.count }
                if byte != 0x20 { runBreaks = true }
                output.append(byte)
                continue
            }
            if runStart >= 0 {
                if runStart == 0 {
                    output.removeAll(keepingCapacity: true)
                } else if runBreaks {
                    output.removeSubrange((runStart + 1)...)
                    output[runStart] = 0x20
                }
            }
            runStart = -1
            runBreaks = false
            output.append(byte)
        }
        if runStart >= 0 { output.removeSubrange(runStart...) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Trims, and folds each whitespace run that holds a line break or tab into one space.
    static func shown(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return shownASCII(text) }
        var output = ""
        var run = ""
        var runBreaks = false
        for character in text {
            if character.isWhitespace {
                run.append(character)
                if character != " " && character != "\u{00A0}" { runBreaks = true }
                continue
            }
            if !run.isEmpty, !output.isEmpty {
                output += runBreaks ? " " : run.replacingOccurrences(of: "\u{00A0}", with: " ")
            }
            run = ""
            runBreaks = false
            output.append(character)
        }
        return output
    }
}
