internal import CLibXML2

// MARK: Main paths

extension FastPath.Walker {
    /// The nodes of a main path (see `FastPath.Parser.isMainPath`), in document order.
    mutating func select(_ path: FastPath.Program.PathCode, from context: xmlNodePtr, limit: Int) -> [xmlNodePtr] {
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
                guard let range = FastPath.ElementIndex.descendantRange(of: anchor),
                    let slice = FastPath.ElementIndex.slice(named, in: range)
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
    mutating func positionHolds(_ node: xmlNodePtr, _ index: Int) -> Bool {
        let forward = steps[index].position == .last
        var sibling = forward ? node.pointee.next : node.pointee.prev
        while let other = sibling {
            if other.pointee.type.rawValue == Self.element, test(other, index) { return false }
            if exhausted { return false }
            sibling = forward ? other.pointee.next : other.pointee.prev
        }
        return true
    }
}
