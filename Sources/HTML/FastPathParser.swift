internal import CLibXML2

extension FastPath {
    /// Recursive descent over the tokens; every function returns nil for what it does not understand.
    struct Parser {
        let tokens: [XPathToken.Kind]
        var index = 0

        init(tokens: [XPathToken.Kind]) {
            self.tokens = tokens
        }

        var atEnd: Bool { index == tokens.count }

        func peek(_ offset: Int = 0) -> XPathToken.Kind? {
            index + offset < tokens.count ? tokens[index + offset] : nil
        }

        mutating func take(_ symbol: String) -> Bool {
            guard peek() == .symbol(symbol) else { return false }
            index += 1
            return true
        }

        mutating func takeName(_ name: String) -> Bool {
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

        /// Whether steps are ones `FastPath.Walker.select` evaluates: leading `self` and child steps, then
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

        static func cName(_ name: String) -> [xmlChar] {
            Array(name.utf8) + [0]
        }
    }
}
