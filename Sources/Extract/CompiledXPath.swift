import Foundation
import HTML
import Locking

/// An XPath expression compiled once per process and shared by every extraction: profiles name about a
/// thousand expressions, and compiling one (with its checks) costs more than running it on a post.
///
/// `@unchecked Sendable`: libxml2 only reads a compiled expression while evaluating it (libxslt shares
/// compiled expressions between threads the same way); the one field it writes, the function pointer a
/// call step caches on first use, gets the same value from every context this package makes.
final class CompiledXPath: @unchecked Sendable {
    /// The expression as written.
    let source: String
    /// What runs: `source` rewritten for speed (see `XPathRewrite`), or `source` itself; nil when
    /// `source` does not compile (profiles are validated when loaded, so that never reaches a page).
    let expression: XPathExpression?

    /// The same query evaluated by walking the tree directly, when it is of a shape `FastPath` knows.
    let fast: FastPath?
    /// Whether the expression searches the page (`//`, or an axis that walks far) rather than following
    /// an anchored path: such a detection marker costs a pass over the page.
    let searchesPage: Bool

    private init(_ source: String) {
        self.source = source
        searchesPage = ["//", "descendant", "following", "preceding", "ancestor"].contains { source.contains($0) }
        guard let original = try? XPathExpression(source) else {
            expression = nil
            fast = nil
            return
        }
        fast = FastPath(source)
        if let rewritten = XPathRewrite.faster(source), let faster = try? XPathExpression(rewritten) {
            expression = faster
        } else {
            expression = original
        }
    }

    /// Evaluates the query from `node` (default: the document). A node-set result holds at most `limit`
    /// nodes when the query is one `FastPath` runs (and the document's `usesFastPath` lets it; callers that
    /// read only the first node say so), and
    /// may hold all of them otherwise;
    /// nil when libxml2 fails (profiles are validated when loaded, so that is a runtime error).
    func evaluate(in document: HTMLDocument, at node: Node? = nil, limit: Int = .max) -> XPathValue? {
        guard let expression else { return nil }
        if document.usesFastPath, let fast, let value = document.evaluate(fast, at: node, limit: limit) {
            return value
        }
        return try? document.evaluate(expression, at: node)
    }

    private static let cache = Locked<[String: CompiledXPath]>([:])

    /// The compiled form of `source`, compiled on first use.
    static func shared(_ source: String) -> CompiledXPath {
        if let cached = cache.withLock({ $0[source] }) { return cached }
        let made = CompiledXPath(source)
        return cache.withLock { cache in
            if let raced = cache[source] { return raced }
            cache[source] = made
            return made
        }
    }
}

/// Rewrites XPath 1.0 expressions into equivalent ones libxml2 runs faster.
///
/// libxml2 evaluates `//div[p]` as written: `descendant-or-self::node()` collects every node below the
/// context (text nodes included) into a node set, then `child::div[p]` runs from each of them. It turns
/// `//div` into one `descendant::div` walk only when the step has no predicate. `descendant::div[p]`
/// selects the same nodes whenever `p` does not depend on the node's position (XPath 1.0 §2.5: `//` is
/// short for `/descendant-or-self::node()/`; a predicate that ignores position and size filters each node
/// on its own), and takes one walk without the intermediate set: two to three times faster on a post.
///
/// Only rewrites what it can prove equivalent; anything it does not understand is left as written.
enum XPathRewrite {
    /// `source` with both rewrites below applied, or nil when neither changes anything.
    static func faster(_ source: String) -> String? {
        let guarded = guardedTokenTests(in: source)
        let descendant = descendantSteps(in: guarded ?? source)
        return descendant ?? guarded
    }

    /// `source` with each class-token test `contains(concat(' ', normalize-space(@a), ' '), ' t ')` guarded by
    /// the plain substring test it implies: `(contains(@a, 't') and contains(concat(…), ' t '))`. For a token
    /// without whitespace the second is true only when the first is (normalize-space changes only
    /// whitespace), and `and` skips the second, three string functions, on the many elements that fail the
    /// first. Nil when nothing changes.
    static func guardedTokenTests(in source: String) -> String? {
        let literals = literalRanges(Array(source.utf8))
        var output = ""
        var rest = source[...]
        var changed = false
        while let match = rest.firstMatch(of: tokenTest) {
            let offset = source.utf8.distance(from: source.startIndex, to: match.range.lowerBound)
            output += rest[..<match.range.lowerBound]
            if literals.contains(where: { $0.contains(offset) }) {
                // Inside a string literal: not XPath, keep it.
                output += rest[match.range.lowerBound..<source.utf8.index(after: match.range.lowerBound)]
                rest = rest[source.utf8.index(after: match.range.lowerBound)...]
                continue
            }
            let (_, attribute, token) = match.output
            output += "(contains(@\(attribute),'\(token)') and \(match.output.0))"
            rest = rest[match.range.upperBound...]
            changed = true
        }
        output += rest
        return changed ? output : nil
    }

    nonisolated(unsafe) private static let tokenTest =
        #/contains\(\s*concat\(\s*' '\s*,\s*normalize-space\(\s*@([A-Za-z_][A-Za-z0-9_.-]*)\s*\)\s*,\s*' '\s*\)\s*,\s*' ([^'\s]+) '\s*\)/#

    /// The byte ranges of the string literals in an expression (quotes included).
    private static func literalRanges(_ chars: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < chars.count {
            if chars[index] == quote || chars[index] == apostrophe {
                guard let close = closingQuote(chars[...], from: index) else {
                    ranges.append(index..<chars.count)
                    break
                }
                ranges.append(index..<(close + 1))
                index = close + 1
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// `source` with each `//name[p]…` whose predicates are all position-free turned into
    /// `/descendant::name[p]…` (predicates included), or nil when nothing changes.
    static func descendantSteps(in source: String) -> String? {
        var changed = false
        guard let output = rewrite(Array(source.utf8)[...], changed: &changed), changed else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// `chars` rewritten; nil when a literal or bracket is not closed (then nothing is rewritten).
    private static func rewrite(_ chars: ArraySlice<UInt8>, changed: inout Bool) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(chars.count + 32)
        var index = chars.startIndex
        while index < chars.endIndex {
            let char = chars[index]
            if char == quote || char == apostrophe {
                guard let close = closingQuote(chars, from: index) else { return nil }
                output.append(contentsOf: chars[index...close])
                index = close + 1
                continue
            }
            if char == slash, index + 1 < chars.endIndex, chars[index + 1] == slash,
                let (nameEnd, end) = rewritableStep(chars, from: index + 2)
            {
                output.append(contentsOf: descendantAxis)
                output.append(contentsOf: chars[(index + 2)..<nameEnd])
                // The predicates, with any `//` inside them rewritten too.
                guard let predicates = rewrite(chars[nameEnd..<end], changed: &changed) else { return nil }
                output.append(contentsOf: predicates)
                index = end
                changed = true
                continue
            }
            output.append(char)
            index += 1
        }
        return output
    }

    private static let descendantAxis = Array("/descendant::".utf8)

    /// For the step after a `//`: where its name test ends and where its predicates end, when it is a
    /// name test (`div`, `*`) followed by at least one predicate, none of them positional; nil otherwise.
    private static func rewritableStep(_ chars: ArraySlice<UInt8>, from start: Int) -> (Int, Int)? {
        var index = start
        // The name test: `*` or an NCName (no prefix, no axis, not a node-type test or function).
        if index < chars.endIndex, chars[index] == star {
            index += 1
        } else {
            guard index < chars.endIndex, ByteClass.isNameStart(chars[index]) else { return nil }
            while index < chars.endIndex, ByteClass.isNameCharacter(chars[index]) { index += 1 }
        }
        let nameEnd = index
        // `::` (an axis), `:` (a prefix) or `(` (a node-type test or function) after the name: leave alone.
        var after = index
        while after < chars.endIndex, ByteClass.isXPathSpace(chars[after]) { after += 1 }
        if after < chars.endIndex, chars[after] == colon || chars[after] == openParen { return nil }
        // Predicates, directly after the name test.
        var predicates = 0
        while index < chars.endIndex, chars[index] == openBracket {
            guard let close = closingBracket(chars, from: index) else { return nil }
            guard isPositionFree(Array(chars[(index + 1)..<close])) else { return nil }
            predicates += 1
            index = close + 1
        }
        // Without a predicate libxml2 already walks `descendant::` itself.
        return predicates > 0 ? (nameEnd, index) : nil
    }

    /// Whether a predicate's value cannot depend on the context position or size: it names neither
    /// `position` nor `last` anywhere, and its value is a boolean or a node set (a number would be
    /// compared with the position).
    static func isPositionFree(_ predicate: [UInt8]) -> Bool {
        guard !mentionsPosition(predicate), let masked = topLevel(predicate) else { return false }
        let top = String(decoding: masked, as: UTF8.self).trimmingSpaces
        guard !top.isEmpty else { return false }
        // A comparison at the top level is a boolean.
        if top.utf8.contains(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
            return true
        }
        // So is `and` or `or` (an operator name: with space on one side, space or a bracket on the other).
        let words = top.utf8.split(whereSeparator: ByteClass.isXPathSpace).map { String(decoding: $0, as: UTF8.self) }
        if words.count > 1, words.contains(where: { isOperatorName($0, wordsBefore: words) }) { return true }
        // One call to a function that returns a boolean.
        if booleanFunctions.contains(where: { top == $0 + "(\u{1})" }) { return true }
        // A relative location path: a node set.
        return isLocationPath(top)
    }

    /// Whether a space-separated word of a masked predicate is, or starts or ends with, `and` / `or` standing
    /// between two operands (`a and b`, `f(␁)and g`, `a or(b)`).
    private static func isOperatorName(_ word: String, wordsBefore words: [String]) -> Bool {
        if word == "and" || word == "or" { return words.first != word && words.last != word }
        for name in ["and", "or"] {
            for bracket in [")", "]", "\u{1}"] where word.hasSuffix(bracket + name) && words.last != word {
                return true
            }
            for bracket in ["(", "\u{1}"] where word.hasPrefix(name + bracket) && words.first != word {
                return true
            }
        }
        return false
    }

    private static let booleanFunctions = ["contains", "starts-with", "not", "boolean", "true", "false", "lang"]

    /// Whether the masked top level of a predicate is a plain location path (a node set): names, `@`,
    /// `.`, `/`, `::`, `*` as a name test, masked predicates and node-type tests, nothing else.
    private static func isLocationPath(_ top: String) -> Bool {
        var chars = Array(top.utf8)
        for test in ["text(\u{1})", "node(\u{1})", "comment(\u{1})"].map({ Array($0.utf8) }) {
            // Each node-type test counts as one name character.
            var index = 0
            while index + test.count <= chars.count {
                if chars[index..<(index + test.count)].elementsEqual(test) {
                    chars.replaceSubrange(index..<(index + test.count), with: [UInt8(ascii: "t")])
                }
                index += 1
            }
        }
        guard let first = chars.first,
            ByteClass.isNameStart(first) || first == at || first == slash || first == star || first == dot
        else { return false }
        // A number (`.5`) is positional.
        if first == dot, chars.count > 1, ByteClass.isDigit(chars[1]) { return false }
        for (index, char) in chars.enumerated() {
            if ByteClass.isNameCharacter(char) || char == at || char == slash || char == colon { continue }
            if char == openBracket || char == closeBracket || char == 1 { continue }
            if char == star {
                // `*` is a name test only at the start of a step; elsewhere it multiplies.
                let previous = index > 0 ? chars[index - 1] : slash
                if previous == slash || previous == colon || previous == at { continue }
            }
            return false
        }
        return true
    }

    /// The predicate with each string literal replaced by one 0x01 byte, and the inside of each
    /// top-level bracket or parenthesis pair by one 0x01 byte (`contains(@class,'x')` → `contains(␁)`);
    /// nil when unbalanced.
    private static func topLevel(_ chars: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        var index = 0
        var depth = 0
        while index < chars.count {
            let char = chars[index]
            if char == quote || char == apostrophe {
                guard let close = closingQuote(chars[...], from: index) else { return nil }
                if depth == 0 { output.append(1) }
                index = close + 1
                continue
            }
            if char == openParen || char == openBracket {
                if depth == 0 { output += [char, 1] }
                depth += 1
            } else if char == closeParen || char == closeBracket {
                depth -= 1
                guard depth >= 0 else { return nil }
                if depth == 0 { output.append(char) }
            } else if depth == 0 {
                output.append(char)
            }
            index += 1
        }
        return depth == 0 ? output : nil
    }

    /// Whether `position` or `last` appears as a name outside string literals.
    private static func mentionsPosition(_ chars: [UInt8]) -> Bool {
        var index = 0
        while index < chars.count {
            let char = chars[index]
            if char == quote || char == apostrophe {
                guard let close = closingQuote(chars[...], from: index) else { return true }
                index = close + 1
                continue
            }
            if ByteClass.isNameStart(char) {
                var end = index
                while end < chars.count, ByteClass.isNameCharacter(chars[end]) { end += 1 }
                let name = String(decoding: chars[index..<end], as: UTF8.self)
                if name == "position" || name == "last" { return true }
                index = end
                continue
            }
            index += 1
        }
        return false
    }

    private static func closingQuote(_ chars: ArraySlice<UInt8>, from start: Int) -> Int? {
        chars[(start + 1)...].firstIndex(of: chars[start])
    }

    /// The `]` closing the `[` at `start`, skipping string literals and nested brackets.
    private static func closingBracket(_ chars: ArraySlice<UInt8>, from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < chars.endIndex {
            let char = chars[index]
            if char == quote || char == apostrophe {
                guard let close = closingQuote(chars, from: index) else { return nil }
                index = close + 1
                continue
            }
            if char == openBracket || char == openParen { depth += 1 }
            if char == closeBracket || char == closeParen {
                depth -= 1
                if depth == 0 { return char == closeBracket ? index : nil }
                if depth < 0 { return nil }
            }
            index += 1
        }
        return nil
    }

    private static let quote = UInt8(ascii: "\"")
    private static let apostrophe = UInt8(ascii: "'")
    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")
    private static let colon = UInt8(ascii: ":")
    private static let dot = UInt8(ascii: ".")
    private static let at = UInt8(ascii: "@")
    private static let openParen = UInt8(ascii: "(")
    private static let closeParen = UInt8(ascii: ")")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
}

extension String {
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            scalars = scalars.dropFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            scalars = scalars.dropLast()
        }
        return String(scalars)
    }

}
