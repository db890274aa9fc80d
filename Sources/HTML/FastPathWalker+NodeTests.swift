internal import CLibXML2

// MARK: Tests

extension FastPath.Walker {
    /// Whether element `node` passes step `index`'s name test and predicates (not its position).
    mutating func test(_ node: xmlNodePtr, _ index: Int) -> Bool {
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
}
