extension FastPath.Parser {
    mutating func orExpression() -> FastPath.Predicate? {
        guard let first = andExpression() else { return nil }
        var terms = [first]
        while takeName("or") {
            guard let next = andExpression() else { return nil }
            terms.append(next)
        }
        return terms.count == 1 ? first : .or(terms)
    }

    mutating func andExpression() -> FastPath.Predicate? {
        guard let first = unary() else { return nil }
        var terms = [first]
        while takeName("and") {
            guard let next = unary() else { return nil }
            terms.append(next)
        }
        return terms.count == 1 ? first : .and(terms)
    }

    mutating func unary() -> FastPath.Predicate? {
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
        if let test = XPathToken.classTest(tokens, at: index) {
            index += XPathToken.classTestLength
            return .hasToken(Self.cName(test.attribute), test.token)
        }
        if peek() == .name("contains") || peek() == .name("starts-with"), peek(1) == .symbol("(") {
            let isContains = peek() == .name("contains")
            index += 2
            guard let value = stringValue(), take(","), case .literal(let literal) = peek() else { return nil }
            index += 1
            guard take(")") else { return nil }
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

    private mutating func comparison(_ literal: [UInt8], negated: Bool) -> FastPath.Predicate? {
        guard let value = stringValue() else { return nil }
        return Self.compare(value, literal, negated: negated)
    }

    private static func compare(
        _ value: FastPath.StringValue, _ literal: [UInt8], negated: Bool
    ) -> FastPath.Predicate {
        if case .attribute(let name) = value { return .attributeEquals(name, literal, negated: negated) }
        return .equals(value, literal, negated: negated)
    }

    private mutating func pathTest() -> FastPath.Predicate? {
        guard let steps = relativeSteps(afterSeparator: false), !steps.isEmpty else { return nil }
        // An attribute step may only end the path.
        for (index, step) in steps.enumerated() where step.axis == .attribute && index != steps.count - 1 {
            return nil
        }
        return .exists(FastPath.LocationPath(absolute: false, steps: steps))
    }

    /// `@a`, `.`, `normalize-space(s?)`, `string(s?)`, `concat(…)` of literals and those.
    mutating func stringValue() -> FastPath.StringValue? {
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
            let inner: FastPath.StringValue
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
            var parts: [FastPath.StringValue] = []
            repeat {
                guard let part = stringValue() else { return nil }
                parts.append(part)
            } while take(",")
            guard take(")"), parts.count >= 2 else { return nil }
            return .concat(parts)
        }
        return nil
    }
}
