internal import CLibXML2

// MARK: Paths in predicates

extension FastPath.Walker {
    /// Whether steps `index..<end` select anything from `node` (a relative path in a predicate).
    mutating func exists(_ index: Int, _ end: Int, from node: xmlNodePtr) -> Bool {
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
    mutating func forEachOnAxis(
        _ axis: FastPath.Step.Axis, anyNode: Bool, name: FastPath.Bytes? = nil, from node: xmlNodePtr,
        _ body: (inout FastPath.Walker, xmlNodePtr) -> Bool
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
            if let name, let range = FastPath.ElementIndex.descendantRange(of: node),
                let slice = FastPath.ElementIndex.slice(elements.elements(named: name), in: range)
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
