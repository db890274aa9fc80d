internal import CLibXML2
import Synchronization

/// A query given as a string, compiled once per process (at most `capacity` of them are kept).
///
/// `@unchecked Sendable`: libxml2 only reads a compiled expression while evaluating it (as libxslt,
/// which shares them between threads); the function pointer a call step caches on first use is the same
/// for every context this module makes.
final class CompiledQuery: @unchecked Sendable {
    let expression: XPathExpression
    let fast: FastPath?

    private init(_ source: String) throws(HTMLError) {
        expression = try XPathExpression(source)
        fast = FastPath(source)
    }

    private static let capacity = 1024
    private static let cache = Mutex<[String: CompiledQuery]>([:])

    /// The compiled query; throws what `XPathExpression.init` throws (errors are not kept).
    static func shared(_ source: String) throws(HTMLError) -> CompiledQuery {
        if let known = cache.withLock({ $0[source] }) { return known }
        let made = try CompiledQuery(source)
        cache.withLock { cache in
            if cache.count < capacity { cache[source] = made }
        }
        return made
    }
}

/// An XPath 1.0 location path of the shapes site profiles use most, evaluated by walking libxml2's tree
/// directly instead of through libxml2's XPath machine: no node sets, no string copies, and a search for
/// the first node stops at the first node.
///
/// Understood (anything else makes `init` fail, and the caller uses libxml2):
/// - paths from the context or the root made of `child`, `descendant` (`//`) and `self` steps, which may
///   start with a `parent` (`..`), `ancestor`, `following-sibling` or `preceding-sibling` step and may end
///   in an attribute step (`/@href`); unions of such paths; `(path)[1]`, `(path)[last()]`, optionally
///   followed by more steps;
/// - name tests and `*`; predicates that combine with `and`, `or`, `not()`:
///   `@a`, `@a = 'x'`, `@a != 'x'`, `. = 'x'`, `contains(s, 'x')`, `starts-with(s, 'x')`, `s = 'x'` where `s` is
///   `@a`, `.`, `normalize-space(…)`, `string(…)` or `concat('…', s, '…')`, a string on its own, and relative
///   paths (tested for existence) over the `child`, `descendant`, `self`, `parent`, `ancestor`,
///   `following-sibling` and `preceding-sibling` axes; `[1]` and `[last()]` as the last predicate of a step;
/// - around a path: `string()`, `normalize-space()`, `substring-after(…, 'x')`, `substring-before(…, 'x')`,
///   `concat()`; `count(path)`; `boolean(path)`, `count(path) > n` (and the other comparisons with a whole
///   number), a path as a boolean, with `and`, `or`, `not()`.
///
/// Results are libxml2's: the same nodes in document order, the same strings (`FastPathTests` and
/// `XPathRewriteTests` in `Tests/ExtractTests` compare the two, the latter on every profile query of the
/// corpus).
public struct FastPath: Sendable {
    let program: FastPathProgram

    /// Parses `source`; nil when it is not of a shape this type evaluates.
    public init?(_ source: String) {
        guard let tokens = FastPathLexer.tokens(source) else { return nil }
        var parser = FastPathParser(tokens: tokens)
        guard let top = parser.top() else { return nil }
        program = FastPathProgram(top)
    }

    /// Whether the query's value is a node set (rather than a string, a number or a boolean).
    public var selectsNodes: Bool {
        if case .nodes = program.top { return true }
        return false
    }
}

extension HTMLDocument {
    /// The nodes `path` selects from `node` (default: the document), in document order, at most `limit`;
    /// nil when the walk gave up (an absurdly expensive page), so the caller should ask libxml2.
    public func select(_ path: FastPath, at node: Node? = nil, limit: Int = .max) -> [Node]? {
        guard path.selectsNodes, case .nodes(let nodes) = evaluate(path, at: node, limit: limit) else { return nil }
        return nodes
    }

    /// The value of `path` from `node` (default: the document): as `evaluate(_:at:)` gives it, except that
    /// a node set holds at most `limit` nodes (the first ones in document order); nil when the walk gave
    /// up (an absurdly expensive page), so the caller should ask libxml2.
    public func evaluate(_ path: FastPath, at node: Node? = nil, limit: Int = .max) -> XPathValue? {
        if let node, node.document !== self { return node.document.evaluate(path, at: node, limit: limit) }
        let context = node?.pointer ?? UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlNode.self)
        // Unions merge, and the element index finds ranges, by libxml2's element numbering.
        refreshElementOrder()
        let index: ElementIndex
        if let existing = elementIndex {
            index = existing
        } else {
            index = ElementIndex(document: pointer)
            elementIndex = index
        }
        return withExtendedLifetime((path.program, index)) { () -> XPathValue? in
            var walker = FastPathWalker(program: path.program, document: pointer, index: index)
            return walker.run(from: context, limit: max(limit, 1)).map { value in
                switch value {
                case .nodes(let found): .nodes(found.map { Node(document: self, pointer: $0) })
                case .string(let bytes): .string(String(decoding: bytes, as: UTF8.self))
                case .number(let number): .number(number)
                case .boolean(let bool): .boolean(bool)
                }
            }
        }
    }
}

// MARK: - Syntax

/// What a `FastPath` is.
indirect enum Expression: Sendable {
    /// Paths whose results are merged in document order.
    case union([LocationPath])
    /// `(inner)[1]` or `(inner)[last()]`, then `rest` from that node.
    case pick(Expression, last: Bool, rest: [Step])
}

/// What a whole query is.
enum Top: Sendable {
    case nodes(Expression)
    case string(ValueExpression)
    case boolean(BooleanExpression)
    /// `count(nodes)`
    case count(Expression)
}

/// A string-valued query: string functions over literals and node sets (a node set's string is its
/// first node's).
indirect enum ValueExpression: Sendable {
    case literal([UInt8])
    case first(Expression)
    case normalized(ValueExpression)
    case substringAfter(ValueExpression, [UInt8])
    case substringBefore(ValueExpression, [UInt8])
    case concat([ValueExpression])
}

/// A boolean-valued query.
indirect enum BooleanExpression: Sendable {
    case and([BooleanExpression])
    case or([BooleanExpression])
    case not(BooleanExpression)
    case exists(Expression)
    /// `count(nodes) op number`
    case count(Expression, Comparison, Int)

    enum Comparison: Sendable { case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual }
}

struct LocationPath: Sendable {
    var absolute: Bool
    var steps: [Step]
}

struct Step: Sendable {
    enum Axis: Sendable {
        case child, descendant, this, parent, ancestor, followingSibling, precedingSibling, attribute
    }

    var axis: Axis
    /// `//name`: `descendant-or-self::node()/child::name`, so a position counts among siblings.
    var abbreviatedDescendant = false
    /// The name to match; nil for `*`.
    var name: [xmlChar]?
    var predicates: [Predicate] = []
    /// `[1]` or `[last()]` after the other predicates.
    var position: Position?
    /// `..`: the parent whatever its type (the document node too).
    var anyNode = false

    enum Position: Sendable { case first, last }
}

indirect enum Predicate: Sendable {
    case and([Predicate])
    case or([Predicate])
    case not(Predicate)
    case constant(Bool)
    /// A relative path selects something.
    case exists(LocationPath)
    /// `contains(s, literal)`
    case contains(StringValue, [UInt8])
    /// `starts-with(s, literal)`
    case startsWith(StringValue, [UInt8])
    /// `s = literal` or `s != literal` with `s` a string.
    case equals(StringValue, [UInt8], negated: Bool)
    /// `@a = literal` / `@a != literal`: true for some attribute `a`, so false without one.
    case attributeEquals([xmlChar], [UInt8], negated: Bool)
    /// `contains(concat(' ', normalize-space(@a), ' '), ' token ')`: `token` is one of the words of `@a`.
    case hasToken([xmlChar], [UInt8])
}

indirect enum StringValue: Sendable {
    /// The value of an attribute, or "" when there is none.
    case attribute([xmlChar])
    /// The string value of the node: its text.
    case this
    case normalized(StringValue)
    case concat([StringValue])
    case literal([UInt8])
}

enum FastPathToken: Equatable {
    case name(String)
    case literal([UInt8])
    case number(String)
    case symbol(String)
}

enum FastPathLexer {
    static func tokens(_ source: String) -> [FastPathToken]? {
        let chars = Array(source.utf8)
        var tokens: [FastPathToken] = []
        var index = 0
        while index < chars.count {
            let char = chars[index]
            switch char {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                guard let close = chars[(index + 1)...].firstIndex(of: char) else { return nil }
                tokens.append(.literal(Array(chars[(index + 1)..<close])))
                index = close + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                var end = index
                while end < chars.count, (chars[end] >= 0x30 && chars[end] <= 0x39) || chars[end] == 0x2E { end += 1 }
                tokens.append(.number(String(decoding: chars[index..<end], as: UTF8.self)))
                index = end
            case UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "."):
                if index + 1 < chars.count, chars[index + 1] == char {
                    tokens.append(.symbol(String(decoding: [char, char], as: UTF8.self)))
                    index += 2
                } else if char == UInt8(ascii: "."), index + 1 < chars.count, chars[index + 1] >= 0x30,
                    chars[index + 1] <= 0x39
                {
                    return nil  // a number such as .5
                } else {
                    tokens.append(.symbol(String(decoding: [char], as: UTF8.self)))
                    index += 1
                }
            case UInt8(ascii: "!"):
                guard index + 1 < chars.count, chars[index + 1] == UInt8(ascii: "=") else { return nil }
                tokens.append(.symbol("!="))
                index += 2
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                if index + 1 < chars.count, chars[index + 1] == UInt8(ascii: "=") {
                    tokens.append(.symbol(String(decoding: [char, UInt8(ascii: "=")], as: UTF8.self)))
                    index += 2
                } else {
                    tokens.append(.symbol(String(decoding: [char], as: UTF8.self)))
                    index += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "@"),
                UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: "="), UInt8(ascii: "*"):
                tokens.append(.symbol(String(decoding: [char], as: UTF8.self)))
                index += 1
            default:
                guard isNameStart(char) else { return nil }
                var end = index
                while end < chars.count, isNameCharacter(chars[end]) { end += 1 }
                tokens.append(.name(String(decoding: chars[index..<end], as: UTF8.self)))
                index = end
            }
        }
        return tokens
    }

    static func isNameStart(_ char: UInt8) -> Bool {
        (char >= 0x41 && char <= 0x5A) || (char >= 0x61 && char <= 0x7A) || char == 0x5F || char >= 0x80
    }

    static func isNameCharacter(_ char: UInt8) -> Bool {
        isNameStart(char) || (char >= 0x30 && char <= 0x39) || char == 0x2D || char == 0x2E
    }
}

/// Recursive descent over the tokens; every function returns nil for what it does not understand.
struct FastPathParser {
    let tokens: [FastPathToken]
    var index = 0

    init(tokens: [FastPathToken]) {
        self.tokens = tokens
    }

    var atEnd: Bool { index == tokens.count }

    private func peek(_ offset: Int = 0) -> FastPathToken? {
        index + offset < tokens.count ? tokens[index + offset] : nil
    }

    private mutating func take(_ symbol: String) -> Bool {
        guard peek() == .symbol(symbol) else { return false }
        index += 1
        return true
    }

    private mutating func takeName(_ name: String) -> Bool {
        guard peek() == .name(name) else { return false }
        index += 1
        return true
    }

    /// A whole query: a node set, else a string, a boolean or a count. Nil unless all tokens are read.
    mutating func top() -> Top? {
        let start = index
        if let nodes = expression(), atEnd { return .nodes(nodes) }
        index = start
        if let value = valueExpression(), atEnd {
            // A bare node set was read above; `string(nodes)` is a string.
            if case .first = value, tokens.first != .name("string") { return nil }
            return .string(value)
        }
        index = start
        if peek() == .name("count"), peek(1) == .symbol("(") {
            index += 2
            if let nodes = expression(), take(")"), atEnd { return .count(nodes) }
        }
        index = start
        if let boolean = booleanExpression(), atEnd { return .boolean(boolean) }
        return nil
    }

    /// `string(…)`, `normalize-space(…)`, `substring-after(…, 'x')`, `substring-before(…, 'x')`,
    /// `concat(…)` of these, literals and node sets.
    mutating func valueExpression() -> ValueExpression? {
        if case .literal(let literal) = peek() {
            index += 1
            return .literal(literal)
        }
        guard case .name(let function) = peek(), peek(1) == .symbol("(") else {
            return expression().map(ValueExpression.first)
        }
        let start = index
        index += 2
        switch function {
        case "string", "normalize-space":
            guard let argument = valueExpression(), take(")") else { break }
            return function == "string" ? argument : .normalized(argument)
        case "substring-after", "substring-before":
            guard let argument = valueExpression(), take(","), case .literal(let literal) = peek() else { break }
            index += 1
            guard take(")") else { break }
            return function == "substring-after"
                ? .substringAfter(argument, literal) : .substringBefore(argument, literal)
        case "concat":
            var parts: [ValueExpression] = []
            repeat {
                guard let part = valueExpression() else { return nil }
                parts.append(part)
            } while take(",")
            guard take(")"), parts.count >= 2 else { break }
            return .concat(parts)
        default:
            break
        }
        index = start
        return nil
    }

    /// `and`, `or`, `not(…)`, `boolean(nodes)`, `count(nodes) > n` and node sets (true when not empty).
    mutating func booleanExpression() -> BooleanExpression? {
        guard let first = booleanAnd() else { return nil }
        var terms = [first]
        while takeName("or") {
            guard let next = booleanAnd() else { return nil }
            terms.append(next)
        }
        return terms.count == 1 ? first : .or(terms)
    }

    private mutating func booleanAnd() -> BooleanExpression? {
        guard let first = booleanUnary() else { return nil }
        var terms = [first]
        while takeName("and") {
            guard let next = booleanUnary() else { return nil }
            terms.append(next)
        }
        return terms.count == 1 ? first : .and(terms)
    }

    private mutating func booleanUnary() -> BooleanExpression? {
        let start = index
        if case .name(let function) = peek(), peek(1) == .symbol("(") {
            index += 2
            switch function {
            case "not":
                if let inner = booleanExpression(), take(")") { return .not(inner) }
            case "boolean":
                if let nodes = expression(), take(")") { return .exists(nodes) }
            case "count":
                if let nodes = expression(), take(")"), case .symbol(let symbol) = peek(),
                    case .number(let digits) = peek(1), let number = Int(digits)
                {
                    let comparison: BooleanExpression.Comparison?
                    switch symbol {
                    case "<": comparison = .less
                    case "<=": comparison = .lessOrEqual
                    case ">": comparison = .greater
                    case ">=": comparison = .greaterOrEqual
                    case "=": comparison = .equal
                    case "!=": comparison = .notEqual
                    default: comparison = nil
                    }
                    if let comparison {
                        index += 2
                        return .count(nodes, comparison, number)
                    }
                }
            default:
                break
            }
            index = start
            return nil
        }
        if take("(") {
            if let inner = booleanExpression(), take(")") { return inner }
            index = start
        }
        return expression().map(BooleanExpression.exists)
    }

    mutating func expression() -> Expression? {
        if peek() == .symbol("(") {
            index += 1
            guard let inner = expression(), take(")"), take("[") else { return nil }
            let last: Bool
            if peek() == .number("1") {
                index += 1
                last = false
            } else if takeName("last"), take("("), take(")") {
                last = true
            } else {
                return nil
            }
            guard take("]") else { return nil }
            var rest: [Step] = []
            if peek() == .symbol("/") || peek() == .symbol("//") {
                guard let path = relativeSteps(afterSeparator: true), Self.isMainPath(path) else { return nil }
                rest = path
            }
            return .pick(inner, last: last, rest: rest)
        }
        var paths: [LocationPath] = []
        repeat {
            guard let path = locationPath(), Self.isMainPath(path.steps), !Self.isDotAlone(path.steps) else {
                return nil
            }
            paths.append(path)
        } while take("|")
        return .union(paths)
    }

    /// `.`: the context node itself, of any type (this type selects only elements).
    private static func isDotAlone(_ steps: [Step]) -> Bool {
        steps.count == 1 && steps[0].axis == .this && steps[0].name == nil && steps[0].predicates.isEmpty
    }

    /// Whether steps are ones `FastPathWalker.select` evaluates: leading `self` and child steps, then
    /// `child` and `descendant` steps (positions only on child steps), an attribute step only last.
    private static func isMainPath(_ steps: [Step]) -> Bool {
        guard !steps.isEmpty else { return false }
        var leading = true
        for (index, step) in steps.enumerated() {
            switch step.axis {
            case .this, .parent, .ancestor, .followingSibling, .precedingSibling:
                guard leading else { return false }
            case .child:
                break
            case .descendant:
                leading = false
                if step.position != nil, !step.abbreviatedDescendant { return false }
            case .attribute:
                guard index == steps.count - 1 else { return false }
            }
        }
        return true
    }

    mutating func locationPath() -> LocationPath? {
        if take("/") {
            // `/` alone selects the document node: not useful to profiles.
            guard let steps = relativeSteps(afterSeparator: false) else { return nil }
            return LocationPath(absolute: true, steps: steps)
        }
        if peek() == .symbol("//") {
            guard let steps = relativeSteps(afterSeparator: true) else { return nil }
            return LocationPath(absolute: true, steps: steps)
        }
        guard let steps = relativeSteps(afterSeparator: false) else { return nil }
        return LocationPath(absolute: false, steps: steps)
    }

    /// Steps separated by `/` or `//`; with `afterSeparator`, the first separator is still to be read.
    mutating func relativeSteps(afterSeparator: Bool) -> [Step]? {
        var steps: [Step] = []
        var descendant = false
        if afterSeparator {
            if take("//") {
                descendant = true
            } else if !take("/") {
                return nil
            }
        }
        while true {
            guard var step = step() else { return nil }
            if descendant {
                // `//step`: only a child step may follow `descendant-or-self::node()`.
                guard step.axis == .child else { return nil }
                step.axis = .descendant
                step.abbreviatedDescendant = true
            }
            // `.` on its own adds nothing to a path.
            let isDot = step.axis == .this && step.name == nil && step.predicates.isEmpty && step.position == nil
            if !(isDot && !steps.isEmpty) || descendant {
                steps.append(step)
            }
            if take("//") {
                descendant = true
            } else if take("/") {
                descendant = false
            } else {
                break
            }
        }
        // A leading `.` followed by more steps is the context itself: drop it.
        if steps.count > 1, let first = steps.first, first.axis == .this, first.name == nil, first.predicates.isEmpty,
            first.position == nil
        {
            steps.removeFirst()
        }
        return steps
    }

    mutating func step() -> Step? {
        if take(".") { return Step(axis: .this, name: nil) }
        if take("..") {
            var step = Step(axis: .parent, name: nil)
            step.anyNode = true
            return step
        }
        if take("@") {
            guard case .name(let name) = peek() else { return nil }
            index += 1
            return Step(axis: .attribute, name: Self.cName(name))
        }
        var axis = Step.Axis.child
        if case .name(let axisName) = peek(), peek(1) == .symbol("::") {
            switch axisName {
            case "child": axis = .child
            case "descendant": axis = .descendant
            case "self": axis = .this
            case "parent": axis = .parent
            case "ancestor": axis = .ancestor
            case "following-sibling": axis = .followingSibling
            case "preceding-sibling": axis = .precedingSibling
            case "attribute": axis = .attribute
            default: return nil
            }
            index += 2
        }
        var step: Step
        if take("*") {
            step = Step(axis: axis, name: nil)
        } else if case .name(let name) = peek(), peek(1) != .symbol("("), peek(1) != .symbol("::") {
            index += 1
            step = Step(axis: axis, name: Self.cName(name))
        } else {
            return nil
        }
        if axis == .attribute {
            // `@*` and predicates on attributes are not supported.
            return step.name == nil || peek() == .symbol("[") ? nil : step
        }
        while take("[") {
            guard step.position == nil else { return nil }
            if peek() == .number("1"), peek(1) == .symbol("]") {
                index += 2
                step.position = .first
                continue
            }
            if peek() == .name("last"), peek(1) == .symbol("("), peek(2) == .symbol(")"), peek(3) == .symbol("]") {
                index += 4
                step.position = .last
                continue
            }
            guard let predicate = orExpression(), take("]") else { return nil }
            step.predicates.append(predicate)
        }
        if step.position != nil {
            switch axis {
            case .child, .descendant, .followingSibling, .precedingSibling, .ancestor, .parent, .this: break
            case .attribute: return nil
            }
        }
        return step
    }

    mutating func orExpression() -> Predicate? {
        guard let first = andExpression() else { return nil }
        var terms = [first]
        while takeName("or") {
            guard let next = andExpression() else { return nil }
            terms.append(next)
        }
        return terms.count == 1 ? first : .or(terms)
    }

    mutating func andExpression() -> Predicate? {
        guard let first = unary() else { return nil }
        var terms = [first]
        while takeName("and") {
            guard let next = unary() else { return nil }
            terms.append(next)
        }
        return terms.count == 1 ? first : .and(terms)
    }

    mutating func unary() -> Predicate? {
        if peek() == .name("not"), peek(1) == .symbol("(") {
            index += 2
            guard let inner = orExpression(), take(")") else { return nil }
            return .not(inner)
        }
        if peek() == .name("true") || peek() == .name("false"), peek(1) == .symbol("("), peek(2) == .symbol(")") {
            let value = peek() == .name("true")
            index += 3
            return .constant(value)
        }
        if take("(") {
            guard let inner = orExpression(), take(")") else { return nil }
            return inner
        }
        if peek() == .name("contains") || peek() == .name("starts-with"), peek(1) == .symbol("(") {
            let isContains = peek() == .name("contains")
            index += 2
            guard let value = stringValue(), take(","), case .literal(let literal) = peek() else { return nil }
            index += 1
            guard take(")") else { return nil }
            if isContains, case .concat(let parts) = value, parts.count == 3,
                case .literal([0x20]) = parts[0], case .normalized(.attribute(let name)) = parts[1],
                case .literal([0x20]) = parts[2], literal.count > 2, literal.first == 0x20, literal.last == 0x20,
                !literal.dropFirst().dropLast().contains(where: Self.isXMLSpace)
            {
                return .hasToken(name, Array(literal.dropFirst().dropLast()))
            }
            return isContains ? .contains(value, literal) : .startsWith(value, literal)
        }
        // A comparison with a literal on either side.
        if case .literal(let literal) = peek() {
            index += 1
            let negated: Bool
            if take("=") { negated = false } else if take("!=") { negated = true } else { return nil }
            return comparison(literal, negated: negated)
        }
        let start = index
        if let value = stringValue() {
            let negated: Bool
            if take("=") {
                negated = false
            } else if take("!=") {
                negated = true
            } else {
                switch value {
                case .normalized, .concat, .literal:
                    // A string on its own is true when not empty.
                    return .not(.equals(value, [], negated: false))
                case .attribute, .this:
                    // Not a comparison: read it again as a path (an attribute or `.` alone exist or not).
                    index = start
                    return pathTest()
                }
            }
            guard case .literal(let literal) = peek() else { return nil }
            index += 1
            return Self.compare(value, literal, negated: negated)
        }
        index = start
        return pathTest()
    }

    private mutating func comparison(_ literal: [UInt8], negated: Bool) -> Predicate? {
        guard let value = stringValue() else { return nil }
        return Self.compare(value, literal, negated: negated)
    }

    private static func compare(_ value: StringValue, _ literal: [UInt8], negated: Bool) -> Predicate {
        if case .attribute(let name) = value { return .attributeEquals(name, literal, negated: negated) }
        return .equals(value, literal, negated: negated)
    }

    private mutating func pathTest() -> Predicate? {
        guard let steps = relativeSteps(afterSeparator: false), !steps.isEmpty else { return nil }
        // An attribute step may only end the path.
        for (index, step) in steps.enumerated() where step.axis == .attribute && index != steps.count - 1 {
            return nil
        }
        return .exists(LocationPath(absolute: false, steps: steps))
    }

    /// `@a`, `.`, `normalize-space(s?)`, `string(s?)`, `concat(…)` of literals and those.
    mutating func stringValue() -> StringValue? {
        if peek() == .symbol("@"), case .name(let name) = peek(1), peek(2) != .symbol("/") {
            index += 2
            return .attribute(Self.cName(name))
        }
        if peek() == .symbol("."), peek(1) != .symbol("/"), peek(1) != .symbol("//"), peek(1) != .symbol("[") {
            index += 1
            return .this
        }
        if case .literal(let literal) = peek() {
            index += 1
            return .literal(literal)
        }
        if peek() == .name("normalize-space") || peek() == .name("string"), peek(1) == .symbol("(") {
            let normalize = peek() == .name("normalize-space")
            index += 2
            let inner: StringValue
            if take(")") {
                inner = .this
            } else {
                guard let value = stringValue(), take(")") else { return nil }
                inner = value
            }
            return normalize ? .normalized(inner) : inner
        }
        if peek() == .name("concat"), peek(1) == .symbol("(") {
            index += 2
            var parts: [StringValue] = []
            repeat {
                guard let part = stringValue() else { return nil }
                parts.append(part)
            } while take(",")
            guard take(")"), parts.count >= 2 else { return nil }
            return .concat(parts)
        }
        return nil
    }

    static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func cName(_ name: String) -> [xmlChar] {
        Array(name.utf8) + [0]
    }
}

// MARK: - Program

/// Bytes owned by a `FastPathProgram` (names end with a NUL byte for libxml2).
struct FastPathBytes {
    let start: UnsafePointer<UInt8>
    let count: Int

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }
}

/// A parsed `FastPath` lowered to flat tables of plain values, so that walking a tree copies no
/// reference-counted value per node.
///
/// `@unchecked Sendable`: immutable after `init`; the bytes it points into are owned by `storage`.
final class FastPathProgram: @unchecked Sendable {
    struct StepCode {
        var axis: Step.Axis
        var abbreviatedDescendant: Bool
        var name: FastPathBytes?
        var predicates: Range<Int>
        var position: Step.Position?
        var anyNode: Bool
    }

    struct PathCode {
        var absolute: Bool
        var steps: Range<Int>
    }

    enum PredicateCode {
        case and(Range<Int>)
        case or(Range<Int>)
        case not(Int)
        case constant(Bool)
        case exists(PathCode)
        case contains(Int, FastPathBytes)
        case startsWith(Int, FastPathBytes)
        case equals(Int, FastPathBytes, negated: Bool)
        case attributeEquals(FastPathBytes, FastPathBytes, negated: Bool)
        case hasToken(FastPathBytes, FastPathBytes)
    }

    enum StringCode {
        case attribute(FastPathBytes)
        case this
        case normalized(Int)
        case concat(Range<Int>)
        case literal(FastPathBytes)
    }

    enum Root {
        case union([PathCode])
        indirect case pick(Root, last: Bool, rest: PathCode?)
    }

    enum TopCode {
        case nodes(Root)
        case string(Int)
        case boolean(Int)
        case count(Root)
    }

    enum ValueCode {
        case literal(FastPathBytes)
        case first(Root)
        case normalized(Int)
        case substringAfter(Int, FastPathBytes)
        case substringBefore(Int, FastPathBytes)
        case concat(Range<Int>)
    }

    enum BooleanCode {
        case and(Range<Int>)
        case or(Range<Int>)
        case not(Int)
        case exists(Root)
        case count(Root, BooleanExpression.Comparison, Int)
    }

    private(set) var steps: [StepCode] = []
    private(set) var predicates: [PredicateCode] = []
    /// Operands of `and`, `or`, `concat`: indices into `predicates` or `strings`.
    private(set) var operands: [Int] = []
    private(set) var strings: [StringCode] = []
    private(set) var values: [ValueCode] = []
    private(set) var booleans: [BooleanCode] = []
    private(set) var top: TopCode = .nodes(.union([]))
    /// Whether some node set is a union (merged by libxml2's element numbering).
    private(set) var hasUnion = false
    private var storage: [UnsafeMutableBufferPointer<UInt8>] = []

    init(_ top: Top) {
        switch top {
        case .nodes(let expression): self.top = .nodes(lower(expression))
        case .string(let value): self.top = .string(lower(value))
        case .boolean(let boolean): self.top = .boolean(lower(boolean))
        case .count(let expression): self.top = .count(lower(expression))
        }
    }

    private func lower(_ value: ValueExpression) -> Int {
        let code: ValueCode
        switch value {
        case .literal(let literal): code = .literal(bytes(literal))
        case .first(let expression): code = .first(lower(expression))
        case .normalized(let inner): code = .normalized(lower(inner))
        case .substringAfter(let inner, let literal): code = .substringAfter(lower(inner), bytes(literal))
        case .substringBefore(let inner, let literal): code = .substringBefore(lower(inner), bytes(literal))
        case .concat(let parts): code = .concat(operandRange(parts.map { lower($0) }))
        }
        values.append(code)
        return values.count - 1
    }

    private func lower(_ boolean: BooleanExpression) -> Int {
        let code: BooleanCode
        switch boolean {
        case .and(let terms): code = .and(operandRange(terms.map { lower($0) }))
        case .or(let terms): code = .or(operandRange(terms.map { lower($0) }))
        case .not(let inner): code = .not(lower(inner))
        case .exists(let expression): code = .exists(lower(expression))
        case .count(let expression, let comparison, let number): code = .count(lower(expression), comparison, number)
        }
        booleans.append(code)
        return booleans.count - 1
    }

    deinit {
        for buffer in storage { buffer.deallocate() }
    }

    private func lower(_ expression: Expression) -> Root {
        switch expression {
        case .union(let paths):
            if paths.count > 1 { hasUnion = true }
            return .union(paths.map(lower))
        case .pick(let inner, let last, let rest):
            return .pick(lower(inner), last: last, rest: rest.isEmpty ? nil : lower(LocationPath(absolute: false, steps: rest)))
        }
    }

    private func lower(_ path: LocationPath) -> PathCode {
        // A path's steps sit together; predicates lowered first may add the steps of inner paths.
        let lowered = path.steps.map { step in
            StepCode(
                axis: step.axis, abbreviatedDescendant: step.abbreviatedDescendant, name: step.name.map(bytes),
                predicates: lower(step.predicates), position: step.position, anyNode: step.anyNode)
        }
        let start = steps.count
        steps += lowered
        return PathCode(absolute: path.absolute, steps: start..<steps.count)
    }

    private func lower(_ list: [Predicate]) -> Range<Int> {
        let lowered = list.map(lower)
        let start = predicates.count
        predicates += lowered
        return start..<predicates.count
    }

    private func lower(_ predicate: Predicate) -> PredicateCode {
        switch predicate {
        case .and(let terms): return .and(operandRange(terms.map { add(lower($0)) }))
        case .or(let terms): return .or(operandRange(terms.map { add(lower($0)) }))
        case .not(let inner): return .not(add(lower(inner)))
        case .constant(let value): return .constant(value)
        case .exists(let path): return .exists(lower(path))
        case .contains(let value, let literal): return .contains(lower(value), bytes(literal))
        case .startsWith(let value, let literal): return .startsWith(lower(value), bytes(literal))
        case .equals(let value, let literal, let negated): return .equals(lower(value), bytes(literal), negated: negated)
        case .attributeEquals(let name, let literal, let negated):
            return .attributeEquals(bytes(name), bytes(literal), negated: negated)
        case .hasToken(let name, let token): return .hasToken(bytes(name), bytes(token))
        }
    }

    private func lower(_ value: StringValue) -> Int {
        let code: StringCode
        switch value {
        case .attribute(let name): code = .attribute(bytes(name))
        case .this: code = .this
        case .normalized(let inner): code = .normalized(lower(inner))
        case .concat(let parts): code = .concat(operandRange(parts.map(lower)))
        case .literal(let literal): code = .literal(bytes(literal))
        }
        strings.append(code)
        return strings.count - 1
    }

    private func add(_ predicate: PredicateCode) -> Int {
        predicates.append(predicate)
        return predicates.count - 1
    }

    private func operandRange(_ indices: [Int]) -> Range<Int> {
        let start = operands.count
        operands += indices
        return start..<operands.count
    }

    /// A copy of `bytes` the program owns; a name keeps its NUL terminator out of `count`.
    private func bytes(_ source: [UInt8]) -> FastPathBytes {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(source.count, 1))
        _ = buffer.initialize(from: source)
        if source.isEmpty { buffer[0] = 0 }
        storage.append(buffer)
        let count = source.last == 0 ? source.count - 1 : source.count
        return FastPathBytes(start: UnsafePointer(buffer.baseAddress!), count: count)
    }
}

// MARK: - Element index

/// A document's elements by name, each list in document order: a search for `descendant::name` looks at
/// the elements of that name in a range of the numbering `xmlXPathOrderDocElems` gives, not at every node.
final class ElementIndex {
    /// A name of up to 16 bytes, zero-padded (names hold no zero byte).
    private struct ShortName: Hashable {
        var head: UInt64 = 0
        var tail: UInt64 = 0
    }

    private var short: [ShortName: [xmlNodePtr]] = [:]
    private var long: [String: [xmlNodePtr]] = [:]

    init(document: xmlDocPtr) {
        let root = UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
        var current = root.pointee.children
        while let node = current {
            if node.pointee.type.rawValue == XML_ELEMENT_NODE.rawValue {
                if let name = node.pointee.name {
                    if let key = Self.key(name) {
                        short[key, default: []].append(node)
                    } else {
                        long[String(cString: name), default: []].append(node)
                    }
                }
                if let child = node.pointee.children {
                    current = child
                    continue
                }
            }
            var up = node
            while up.pointee.next == nil {
                guard let parent = up.pointee.parent, parent != root else { return }
                up = parent
            }
            current = up.pointee.next
        }
    }

    private static func key(_ name: UnsafePointer<xmlChar>) -> ShortName? {
        var key = ShortName()
        var index = 0
        while true {
            let byte = name[index]
            if byte == 0 { return key }
            if index == 16 { return nil }
            if index < 8 {
                key.head |= UInt64(byte) << (8 * UInt64(index))
            } else {
                key.tail |= UInt64(byte) << (8 * UInt64(index - 8))
            }
            index += 1
        }
    }

    /// The elements named `name`, in document order.
    func elements(named name: FastPathBytes) -> [xmlNodePtr] {
        if let key = Self.key(name.start) { return short[key] ?? [] }
        return long[String(decoding: name.buffer, as: UTF8.self)] ?? []
    }

    /// An element's number in document order (from 1), when libxml2 numbered it.
    @inline(__always)
    static func number(_ node: xmlNodePtr) -> Int? {
        let value = -Int(bitPattern: node.pointee.content)
        return value > 0 ? value : nil
    }

    /// The numbers of the elements strictly below `node`: after its own number, before the number of the
    /// first element that follows its subtree. The document node holds every element.
    static func descendantRange(of node: xmlNodePtr) -> Range<Int>? {
        guard node.pointee.type.rawValue == XML_ELEMENT_NODE.rawValue else {
            return node.pointee.parent == nil ? 1..<Int.max : nil
        }
        guard let start = number(node) else { return nil }
        var current: xmlNodePtr? = node
        while let up = current, up.pointee.type.rawValue == XML_ELEMENT_NODE.rawValue {
            var sibling = up.pointee.next
            while let next = sibling {
                if next.pointee.type.rawValue == XML_ELEMENT_NODE.rawValue {
                    guard let end = number(next) else { return nil }
                    return (start + 1)..<end
                }
                sibling = next.pointee.next
            }
            current = up.pointee.parent
        }
        return (start + 1)..<Int.max
    }

    /// The elements of `list` whose numbers lie in `range`.
    static func slice(_ list: [xmlNodePtr], in range: Range<Int>) -> ArraySlice<xmlNodePtr>? {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            guard let value = number(list[middle]) else { return nil }
            if value < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < list.count {
            guard let value = number(list[end]) else { return nil }
            if value >= range.upperBound { break }
            end += 1
        }
        return list[low..<end]
    }
}

// MARK: - Evaluation

/// Walks the tree for one query. Gives up (nil) past a budget of node tests, so that a shape this
/// type handles worse than libxml2 (a position test over thousands of siblings) costs little.
struct FastPathWalker {
    let program: FastPathProgram
    let document: xmlDocPtr
    // The program's tables, held here so that reading them needs no exclusivity check per node.
    private let steps: [FastPathProgram.StepCode]
    private let predicates: [FastPathProgram.PredicateCode]
    private let operands: [Int]
    private let strings: [FastPathProgram.StringCode]
    private let values: [FastPathProgram.ValueCode]
    private let booleans: [FastPathProgram.BooleanCode]
    /// Node tests left before giving up.
    private var budget = 4_000_000
    private var exhausted = false

    let elements: ElementIndex

    init(program: FastPathProgram, document: xmlDocPtr, index: ElementIndex) {
        self.program = program
        self.document = document
        self.elements = index
        steps = program.steps
        predicates = program.predicates
        operands = program.operands
        strings = program.strings
        values = program.values
        booleans = program.booleans
    }

    private static let element = XML_ELEMENT_NODE.rawValue
    private static let text = XML_TEXT_NODE.rawValue

    /// Whether a libxml2 name is `name` (compared here: most names differ in their first byte).
    @inline(__always)
    private static func equal(_ name: FastPathBytes, _ other: UnsafePointer<xmlChar>?) -> Bool {
        guard let other else { return false }
        var index = 0
        while index < name.count {
            if other[index] != name.start[index] { return false }
            index += 1
        }
        return other[index] == 0
    }

    private var documentNode: xmlNodePtr {
        UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
    }

    enum Value {
        case nodes([xmlNodePtr])
        case string([UInt8])
        case number(Double)
        case boolean(Bool)
    }

    mutating func run(from context: xmlNodePtr, limit: Int) -> Value? {
        let result: Value
        switch program.top {
        case .nodes(let root): result = .nodes(evaluate(root, from: context, limit: limit))
        case .string(let value): result = .string(string(value, from: context))
        case .boolean(let boolean): result = .boolean(holds(boolean, from: context))
        case .count(let root): result = .number(Double(evaluate(root, from: context, limit: .max).count))
        }
        return exhausted ? nil : result
    }

    private mutating func string(_ index: Int, from context: xmlNodePtr) -> [UInt8] {
        switch values[index] {
        case .literal(let literal):
            return Array(literal.buffer)
        case .first(let root):
            guard let first = evaluate(root, from: context, limit: 1).first else { return [] }
            return Self.textContent(first)
        case .normalized(let inner):
            return Self.normalize(string(inner, from: context))
        case .substringAfter(let inner, let literal):
            let value = string(inner, from: context)
            return value.withUnsafeBufferPointer { buffer in
                guard let found = Self.find(literal.buffer, in: buffer) else { return [] }
                return Array(buffer[(found + literal.count)...])
            }
        case .substringBefore(let inner, let literal):
            let value = string(inner, from: context)
            return value.withUnsafeBufferPointer { buffer in
                guard let found = Self.find(literal.buffer, in: buffer) else { return [] }
                return Array(buffer[..<found])
            }
        case .concat(let parts):
            var result: [UInt8] = []
            for part in parts { result += string(operands[part], from: context) }
            return result
        }
    }

    private mutating func holds(_ index: Int, from context: xmlNodePtr) -> Bool {
        switch booleans[index] {
        case .and(let terms):
            for term in terms where !holds(operands[term], from: context) { return false }
            return true
        case .or(let terms):
            for term in terms where holds(operands[term], from: context) { return true }
            return false
        case .not(let inner):
            return !holds(inner, from: context)
        case .exists(let root):
            return !evaluate(root, from: context, limit: 1).isEmpty
        case .count(let root, let comparison, let number):
            // Counting one past `number` tells every comparison with it.
            let count = evaluate(root, from: context, limit: number == .max ? .max : number + 1).count
            switch comparison {
            case .less: return count < number
            case .lessOrEqual: return count <= number
            case .greater: return count > number
            case .greaterOrEqual: return count >= number
            case .equal: return count == number
            case .notEqual: return count != number
            }
        }
    }

    private mutating func evaluate(_ root: FastPathProgram.Root, from context: xmlNodePtr, limit: Int) -> [xmlNodePtr] {
        switch root {
        case .union(let paths):
            if paths.count == 1 { return select(paths[0], from: context, limit: limit) }
            // Each path's nodes, merged in document order without repeats.
            var merged: [xmlNodePtr] = []
            for path in paths {
                merged = Self.merge(merged, select(path, from: context, limit: limit))
                if exhausted { return [] }
            }
            return Array(merged.prefix(limit))
        case .pick(let inner, let last, let rest):
            let found = evaluate(inner, from: context, limit: last ? .max : 1)
            guard let picked = last ? found.last : found.first else { return [] }
            guard let rest else { return [picked] }
            return select(rest, from: picked, limit: limit)
        }
    }

    private static func merge(_ lhs: [xmlNodePtr], _ rhs: [xmlNodePtr]) -> [xmlNodePtr] {
        if lhs.isEmpty { return rhs }
        if rhs.isEmpty { return lhs }
        var result: [xmlNodePtr] = []
        result.reserveCapacity(lhs.count + rhs.count)
        var left = 0
        var right = 0
        while left < lhs.count, right < rhs.count {
            if lhs[left] == rhs[right] {
                result.append(lhs[left])
                left += 1
                right += 1
            } else if xmlXPathCmpNodes(lhs[left], rhs[right]) == 1 {
                result.append(lhs[left])
                left += 1
            } else {
                result.append(rhs[right])
                right += 1
            }
        }
        result += lhs[left...]
        result += rhs[right...]
        return result
    }

    // MARK: Main paths

    /// The nodes of a main path (see `FastPathParser.isMainPath`), in document order.
    private mutating func select(_ path: FastPathProgram.PathCode, from context: xmlNodePtr, limit: Int) -> [xmlNodePtr] {
        var index = path.steps.lowerBound
        var anchors = [path.absolute ? documentNode : context]
        // Leading steps, one level at a time: document order is kept.
        while index < path.steps.upperBound {
            let step = steps[index]
            switch step.axis {
            case .parent, .ancestor, .followingSibling, .precedingSibling:
                // From one node only (from several, the nodes found could overlap or interleave).
                guard anchors.count == 1 else {
                    exhausted = true
                    return []
                }
                var candidates: [xmlNodePtr] = []
                forEachOnAxis(step.axis, anyNode: step.anyNode, from: anchors[0]) { walker, candidate in
                    guard walker.test(candidate, index) else { return !walker.exhausted }
                    candidates.append(candidate)
                    return step.position != .first
                }
                if step.position == .last, let last = candidates.last { candidates = [last] }
                // Reverse axes list the nearest node first.
                if step.axis == .ancestor || step.axis == .precedingSibling { candidates.reverse() }
                // Nested ancestors would give overlapping subtrees to the steps after them.
                if step.axis == .ancestor, candidates.count > 1, index + 1 < path.steps.upperBound {
                    exhausted = true
                    return []
                }
                anchors = candidates
                index += 1
                if anchors.isEmpty || exhausted { return [] }
                continue
            case .descendant, .attribute:
                break
            case .this, .child:
                break
            }
            guard step.axis == .this || step.axis == .child else { break }
            var next: [xmlNodePtr] = []
            for anchor in anchors {
                if step.axis == .this {
                    if anchor.pointee.type.rawValue == Self.element, test(anchor, index) { next.append(anchor) }
                } else {
                    var child = anchor.pointee.children
                    while let node = child {
                        if node.pointee.type.rawValue == Self.element, test(node, index),
                            step.position == nil || positionHolds(node, index)
                        {
                            next.append(node)
                        }
                        child = node.pointee.next
                    }
                }
            }
            anchors = next
            index += 1
            if anchors.isEmpty || exhausted { return [] }
        }
        guard index < path.steps.upperBound else { return Array(anchors.prefix(limit)) }
        let lastStep = steps[path.steps.upperBound - 1]
        if steps[index].axis == .attribute {
            return Array(anchors.compactMap { attribute(lastStep.name, of: $0) }.prefix(limit))
        }
        // The rest starts with a descendant step: walk each anchor's subtree (the anchors' subtrees do
        // not overlap) and match every element against the steps, from the last one up.
        let attributeName = lastStep.axis == .attribute ? lastStep.name : nil
        let first = index
        let last = lastStep.axis == .attribute ? path.steps.upperBound - 2 : path.steps.upperBound - 1
        var result: [xmlNodePtr] = []
        // With a name to look for, the elements of that name below each anchor are the candidates.
        if let name = steps[last].name {
            let named = elements.elements(named: name)
            var candidates: [ArraySlice<xmlNodePtr>] = []
            for anchor in anchors {
                guard let range = ElementIndex.descendantRange(of: anchor),
                    let slice = ElementIndex.slice(named, in: range)
                else {
                    candidates = []
                    break
                }
                candidates.append(slice)
            }
            if candidates.count == anchors.count {
                for (anchor, slice) in zip(anchors, candidates) {
                    for node in slice where matches(node, last, first: first, anchor: anchor) {
                        if lastStep.axis == .attribute {
                            if let found = attribute(attributeName, of: node) { result.append(found) }
                        } else {
                            result.append(node)
                        }
                        if result.count >= limit || exhausted { return result }
                    }
                    if exhausted { return [] }
                }
                return result
            }
        }
        for anchor in anchors {
            var current = anchor.pointee.children
            while let node = current {
                if node.pointee.type.rawValue == Self.element {
                    if matches(node, last, first: first, anchor: anchor) {
                        if lastStep.axis == .attribute {
                            if let found = attribute(attributeName, of: node) { result.append(found) }
                        } else {
                            result.append(node)
                        }
                        if result.count >= limit || exhausted { return result }
                    }
                    if let child = node.pointee.children {
                        current = child
                        continue
                    }
                }
                // Next in document order within the anchor's subtree.
                var up = node
                while up.pointee.next == nil {
                    guard let parent = up.pointee.parent, parent != anchor else {
                        up = anchor
                        break
                    }
                    up = parent
                }
                current = up == anchor ? nil : up.pointee.next
            }
            if exhausted { return [] }
        }
        return result
    }

    /// Whether element `node`, strictly below `anchor`, is selected by steps `first...index` from `anchor`.
    private mutating func matches(_ node: xmlNodePtr, _ index: Int, first: Int, anchor: xmlNodePtr) -> Bool {
        guard test(node, index) else { return false }
        let step = steps[index]
        if step.position != nil, !positionHolds(node, index) { return false }
        let parent = node.pointee.parent
        if index == first {
            return step.axis == .descendant || parent == anchor
        }
        if step.axis == .child {
            guard let parent, parent != anchor, parent.pointee.type.rawValue == Self.element else { return false }
            return matches(parent, index - 1, first: first, anchor: anchor)
        }
        var up = parent
        while let candidate = up, candidate != anchor, candidate.pointee.type.rawValue == Self.element {
            if matches(candidate, index - 1, first: first, anchor: anchor) { return true }
            if exhausted { return false }
            up = candidate.pointee.parent
        }
        return false
    }

    /// `[1]` / `[last()]` on a child step (or `//name`): no earlier / later sibling passes the step's test.
    private mutating func positionHolds(_ node: xmlNodePtr, _ index: Int) -> Bool {
        let forward = steps[index].position == .last
        var sibling = forward ? node.pointee.next : node.pointee.prev
        while let other = sibling {
            if other.pointee.type.rawValue == Self.element, test(other, index) { return false }
            if exhausted { return false }
            sibling = forward ? other.pointee.next : other.pointee.prev
        }
        return true
    }

    // MARK: Tests

    /// Whether element `node` passes step `index`'s name test and predicates (not its position).
    private mutating func test(_ node: xmlNodePtr, _ index: Int) -> Bool {
        budget -= 1
        if budget <= 0 {
            exhausted = true
            return false
        }
        let step = steps[index]
        if let name = step.name {
            guard node.pointee.ns == nil, Self.equal(name, node.pointee.name) else { return false }
        }
        for predicate in step.predicates where !holds(predicate, at: node) {
            return false
        }
        return true
    }

    private mutating func holds(_ index: Int, at node: xmlNodePtr) -> Bool {
        switch predicates[index] {
        case .and(let terms):
            for term in terms where !holds(operands[term], at: node) { return false }
            return true
        case .or(let terms):
            for term in terms where holds(operands[term], at: node) { return true }
            return false
        case .not(let inner):
            return !holds(inner, at: node)
        case .constant(let value):
            return value
        case .exists(let path):
            return exists(path.steps.lowerBound, path.steps.upperBound, from: node)
        case .hasToken(let name, let token):
            guard let value = Self.attributeValue(name, of: node) else { return false }
            return value.withValue { Self.hasToken(token.buffer, in: $0) }
        case .attributeEquals(let name, let literal, let negated):
            guard let value = Self.attributeValue(name, of: node) else { return false }
            return value.withValue { $0.elementsEqual(literal.buffer) } != negated
        case .contains(let value, let literal):
            if literal.count == 0 { return true }
            return withString(value, at: node) { Self.find(literal.buffer, in: $0) != nil }
        case .startsWith(let value, let literal):
            return withString(value, at: node) { $0.starts(with: literal.buffer) }
        case .equals(let value, let literal, let negated):
            return withString(value, at: node) { $0.elementsEqual(literal.buffer) } != negated
        }
    }

    /// Whether `token` is one of the words (separated by XML whitespace) of `value`.
    private static func hasToken(_ token: UnsafeBufferPointer<UInt8>, in value: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start + token.count <= value.count {
            guard let found = find(token, in: UnsafeBufferPointer(rebasing: value[start...])) else { return false }
            let at = start + found
            let end = at + token.count
            if (at == 0 || FastPathParser.isXMLSpace(value[at - 1]))
                && (end == value.count || FastPathParser.isXMLSpace(value[end]))
            {
                return true
            }
            start = at + 1
        }
        return false
    }

    /// The offset of the first occurrence of `needle` in `haystack`.
    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first else { return 0 }
        guard needle.count <= haystack.count else { return nil }
        let lastStart = haystack.count - needle.count
        var index = 0
        while index <= lastStart {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    // MARK: String values

    /// An attribute's value: in place when it is one text node (as the HTML parser makes them).
    enum AttributeValue {
        case borrowed(UnsafePointer<xmlChar>)
        case copied([UInt8])

        func withValue<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
            switch self {
            case .borrowed(let pointer): body(UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))))
            case .copied(let bytes): bytes.withUnsafeBufferPointer(body)
            }
        }
    }

    /// The attribute `name` (no namespace) of an element, as an attribute node.
    private func attribute(_ name: FastPathBytes?, of node: xmlNodePtr) -> xmlNodePtr? {
        guard let name, node.pointee.type.rawValue == Self.element else { return nil }
        var property = node.pointee.properties
        while let current = property {
            if current.pointee.ns == nil, Self.equal(name, current.pointee.name) {
                return UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)
            }
            property = current.pointee.next
        }
        return nil
    }

    private static func attributeValue(_ name: FastPathBytes, of node: xmlNodePtr) -> AttributeValue? {
        var property = node.pointee.properties
        while let current = property {
            if current.pointee.ns == nil, Self.equal(name, current.pointee.name) {
                guard let child = current.pointee.children else { return .copied([]) }
                if child.pointee.next == nil, child.pointee.type.rawValue == Self.text, let content = child.pointee.content {
                    return .borrowed(content)
                }
                return .copied(textContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)))
            }
            property = current.pointee.next
        }
        return nil
    }

    /// The XPath string value of a node: its text and CDATA below it, in order (as `xmlNodeGetContent`).
    private static func textContent(_ node: xmlNodePtr) -> [UInt8] {
        guard let content = xmlNodeGetContent(node) else { return [] }
        defer { tk_xmlFree(content) }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
    }

    private mutating func withString<T>(_ index: Int, at node: xmlNodePtr, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if case .attribute(let name) = strings[index] {
            guard let found = Self.attributeValue(name, of: node) else {
                return body(UnsafeBufferPointer(start: nil, count: 0))
            }
            return found.withValue(body)
        }
        return string(index, at: node).withUnsafeBufferPointer(body)
    }

    private mutating func string(_ index: Int, at node: xmlNodePtr) -> [UInt8] {
        switch strings[index] {
        case .attribute(let name):
            guard let found = Self.attributeValue(name, of: node) else { return [] }
            return found.withValue { Array($0) }
        case .this:
            return Self.textContent(node)
        case .literal(let literal):
            return Array(literal.buffer)
        case .normalized(let inner):
            return Self.normalize(string(inner, at: node))
        case .concat(let parts):
            var result: [UInt8] = []
            for part in parts { result += string(operands[part], at: node) }
            return result
        }
    }

    /// XPath's `normalize-space`: runs of space, tab, CR, LF become one space; none at either end.
    private static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pending = false
        for byte in bytes {
            if FastPathParser.isXMLSpace(byte) {
                pending = !result.isEmpty
            } else {
                if pending { result.append(0x20) }
                pending = false
                result.append(byte)
            }
        }
        return result
    }

    // MARK: Paths in predicates

    /// Whether steps `index..<end` select anything from `node` (a relative path in a predicate).
    private mutating func exists(_ index: Int, _ end: Int, from node: xmlNodePtr) -> Bool {
        guard index < end else { return true }
        let step = steps[index]
        if step.axis == .attribute {
            return attribute(step.name, of: node) != nil
        }
        var found = false
        var lastCandidate: xmlNodePtr?
        // Candidates in the axis's order (reverse axes: nearest first), each tried for the rest.
        forEachOnAxis(step.axis, anyNode: step.anyNode, name: step.name, from: node) { walker, candidate in
            guard walker.test(candidate, index) else { return !walker.exhausted }
            if step.abbreviatedDescendant, step.position != nil {
                guard walker.positionHolds(candidate, index) else { return !walker.exhausted }
            } else if step.position == .first {
                found = walker.exists(index + 1, end, from: candidate)
                return false
            } else if step.position == .last {
                lastCandidate = candidate
                return true
            }
            if walker.exists(index + 1, end, from: candidate) {
                found = true
                return false
            }
            return !walker.exhausted
        }
        if let lastCandidate, !exhausted {
            return exists(index + 1, end, from: lastCandidate)
        }
        return found && !exhausted
    }

    /// Calls `body` with each element on `axis` from `node`, in axis order, until it returns false.
    /// With `name`, only elements of that name may be passed (the others would fail the step's test).
    private mutating func forEachOnAxis(
        _ axis: Step.Axis, anyNode: Bool, name: FastPathBytes? = nil, from node: xmlNodePtr,
        _ body: (inout FastPathWalker, xmlNodePtr) -> Bool
    ) {
        switch axis {
        case .this:
            if node.pointee.type.rawValue == Self.element { _ = body(&self, node) }
        case .parent:
            if let parent = node.pointee.parent, anyNode || parent.pointee.type.rawValue == Self.element {
                _ = body(&self, parent)
            }
        case .ancestor:
            var up = node.pointee.parent
            while let current = up, current.pointee.type.rawValue == Self.element {
                if !body(&self, current) { return }
                up = current.pointee.parent
            }
        case .child:
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type.rawValue == Self.element, !body(&self, current) { return }
                child = current.pointee.next
            }
        case .followingSibling:
            var sibling = node.pointee.next
            while let current = sibling {
                if current.pointee.type.rawValue == Self.element, !body(&self, current) { return }
                sibling = current.pointee.next
            }
        case .precedingSibling:
            var sibling = node.pointee.prev
            while let current = sibling {
                if current.pointee.type.rawValue == Self.element, !body(&self, current) { return }
                sibling = current.pointee.prev
            }
        case .descendant:
            if let name, let range = ElementIndex.descendantRange(of: node),
                let slice = ElementIndex.slice(elements.elements(named: name), in: range)
            {
                for element in slice where !body(&self, element) { return }
                return
            }
            var current = node.pointee.children
            while let element = current {
                if element.pointee.type.rawValue == Self.element {
                    if !body(&self, element) { return }
                    if let child = element.pointee.children {
                        current = child
                        continue
                    }
                }
                var up = element
                while up.pointee.next == nil {
                    guard let parent = up.pointee.parent, parent != node else { return }
                    up = parent
                }
                current = up.pointee.next
            }
        case .attribute:
            return
        }
    }
}
