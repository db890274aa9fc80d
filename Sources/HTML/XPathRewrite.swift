/// Rewrites XPath 1.0 expressions into equivalent ones libxml2 runs faster.
///
/// libxml2 evaluates `//div[p]` as written: `descendant-or-self::node()` collects every node below the
/// context (text nodes included) into a node set, then `child::div[p]` runs from each of them. It turns
/// `//div` into one `descendant::div` walk only when the step has no predicate. `descendant::div[p]`
/// selects the same nodes whenever `p` does not depend on the node's position (XPath 1.0 §2.5: `//` is
/// short for `/descendant-or-self::node()/`; a predicate that ignores position and size filters each node
/// on its own), and takes one walk without the intermediate set: two to three times faster on a post.
///
/// Works on the expression's tokens and edits only where they prove the rewrite equivalent; the text
/// between edits is kept as written.
enum XPathRewrite {
    /// `source`, lexed as `tokens`, with both rewrites below applied, or nil when neither applies.
    static func faster(_ source: String, tokens: [XPathToken]) -> String? {
        apply(guardedTokenTests(tokens) + descendantSteps(tokens), to: source)
    }

    /// `source` with each `//name[p]…` whose predicates are all position-free turned into
    /// `/descendant::name[p]…`, or nil when nothing changes.
    static func descendantSteps(in source: String) -> String? {
        apply(descendantSteps(XPathToken.tokens(in: source)), to: source)
    }

    /// `source` with each class-token test `contains(concat(' ', normalize-space(@a), ' '), ' t ')` guarded by
    /// the plain substring test it implies: `(contains(@a,'t') and contains(concat(…), ' t '))`. For a token
    /// without whitespace the second is true only when the first is (normalize-space changes only
    /// whitespace), and `and` skips the second, three string functions, on the many elements that fail the
    /// first. Nil when nothing changes.
    static func guardedTokenTests(in source: String) -> String? {
        apply(guardedTokenTests(XPathToken.tokens(in: source)), to: source)
    }

    /// Text to put in place of a range of the source's bytes (an insertion when the range is empty).
    private struct Edit {
        var range: Range<Int>
        var text: String
    }

    private static func apply(_ edits: [Edit], to source: String) -> String? {
        guard !edits.isEmpty else { return nil }
        let bytes = Array(source.utf8)
        var output: [UInt8] = []
        var start = 0
        for edit in edits.enumerated().sorted(by: { ($0.1.range.lowerBound, $0.0) < ($1.1.range.lowerBound, $1.0) }) {
            output += bytes[start..<edit.1.range.lowerBound]
            output += edit.1.text.utf8
            start = edit.1.range.upperBound
        }
        output += bytes[start...]
        return String(decoding: output, as: UTF8.self)
    }

    /// `//` made `/descendant::` before each name test with predicates, all of them position-free.
    private static func descendantSteps(_ tokens: [XPathToken]) -> [Edit] {
        guard tokens.last?.kind != .unterminatedLiteral else { return [] }
        var edits: [Edit] = []
        for (index, token) in tokens.enumerated() where token.isSymbol("//") && index + 1 < tokens.count {
            guard tokens[index + 1].isName || tokens[index + 1].isSymbol("*") else { continue }
            var next = index + 2
            // A prefix, an axis, a node-type test or a function: left alone.
            if next < tokens.count, [":", "::", "("].contains(where: tokens[next].isSymbol) { continue }
            var predicates = 0
            while next < tokens.count, tokens[next].isSymbol("[") {
                guard let close = tokens.closing(next), isPositionFree(tokens[(next + 1)..<close]) else {
                    predicates = 0
                    break
                }
                predicates += 1
                next = close + 1
            }
            // Without a predicate libxml2 already walks `descendant::` itself.
            if predicates > 0 { edits.append(Edit(range: token.range, text: "/descendant::")) }
        }
        return edits
    }

    /// Whether a predicate's value cannot depend on the context position or size: it names neither
    /// `position` nor `last` anywhere, and its value is a boolean or a node set (a number would be
    /// compared with the position).
    static func isPositionFree(_ predicate: ArraySlice<XPathToken>) -> Bool {
        guard !predicate.contains(where: { $0.kind == .name("position") || $0.kind == .name("last") }) else {
            return false
        }
        // The tokens outside brackets; a bracketed group stands as its opening bracket.
        var top: [XPathToken] = []
        var depth = 0
        for token in predicate {
            if token.isSymbol(")") || token.isSymbol("]") {
                depth -= 1
                guard depth >= 0 else { return false }
            } else {
                if depth == 0 { top.append(token) }
                if token.isSymbol("(") || token.isSymbol("[") { depth += 1 }
            }
        }
        guard depth == 0, let first = top.first else { return false }
        // A comparison, `and` or `or` at the top level is a boolean.
        for token in top {
            if ["=", "!=", "<", "<=", ">", ">="].contains(where: token.isSymbol) { return true }
            if token.followsOperand, token.kind == .name("and") || token.kind == .name("or") { return true }
        }
        // So is one call to a function that returns a boolean.
        if top.count == 2, top[1].isSymbol("("), case .name(let function) = first.kind,
            ["contains", "starts-with", "not", "boolean", "true", "false", "lang"].contains(function)
        {
            return true
        }
        return isLocationPath(top)
    }

    /// Whether the top level of a predicate is a plain location path (a node set): name tests, `@`, `.`,
    /// `..`, `/`, `//`, axes, bracketed predicates and node-type tests, nothing else.
    private static func isLocationPath(_ top: [XPathToken]) -> Bool {
        if let first = top.first, first.isSymbol("[") || first.isSymbol(":") || first.isSymbol("::") { return false }
        var index = 0
        while index < top.count {
            let token = top[index]
            index += 1
            switch token.kind {
            case .name(let name):
                if index < top.count, top[index].isSymbol("(") {
                    guard ["text", "node", "comment"].contains(name) else { return false }
                    index += 1
                }
            case .symbol("@"), .symbol("/"), .symbol("//"), .symbol("::"), .symbol(":"), .symbol("."),
                .symbol(".."), .symbol("["):
                continue
            case .symbol("*"):
                // A name test, not a multiplication.
                guard !token.followsOperand else { return false }
            default:
                return false
            }
        }
        return true
    }

    /// Each `contains(concat(' ', normalize-space(@a), ' '), ' t ')` with `t` free of whitespace put in
    /// `(contains(@a,'t') and …)`.
    private static func guardedTokenTests(_ tokens: [XPathToken]) -> [Edit] {
        let kinds = tokens.map(\.kind)
        var edits: [Edit] = []
        var index = 0
        while index < tokens.count {
            guard let (attribute, token) = XPathToken.classTest(kinds, at: index) else {
                index += 1
                continue
            }
            let text = String(decoding: token, as: UTF8.self)
            let quote = text.contains("'") ? "\"" : "'"
            let start = tokens[index].range.lowerBound
            let end = tokens[index + XPathToken.classTestLength - 1].range.upperBound
            edits.append(Edit(range: start..<start, text: "(contains(@\(attribute),\(quote)\(text)\(quote)) and "))
            edits.append(Edit(range: end..<end, text: ")"))
            index += XPathToken.classTestLength
        }
        return edits
    }
}
