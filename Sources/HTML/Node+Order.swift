internal import CLibXML2

extension Node {
    /// Whether this node comes before `other` in document order.
    public func precedes(_ other: Node) -> Bool {
        document.refreshElementOrder()
        return xmlXPathCmpNodes(pointer, other.pointer) == 1
    }

    /// Whether this is an attribute node (from `@name` in XPath).
    public var isAttribute: Bool { pointer.pointee.type == XML_ATTRIBUTE_NODE }

    /// The nearest ancestor element named `name` (lower case), if any.
    public func ancestor(named name: String) -> Node? {
        var current = pointer.pointee.parent
        while let node = current, node.pointee.type == XML_ELEMENT_NODE {
            if let nodeName = node.pointee.name, String(cString: nodeName) == name {
                return Node(document: document, pointer: node)
            }
            current = node.pointee.parent
        }
        return nil
    }
}

extension Node: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(pointer)
    }
}

extension Node {
    /// The nearest ancestor that is one of `nodes`, if any.
    public func nearestAncestor(in nodes: Set<Node>) -> Node? {
        var current = pointer.pointee.parent
        while let node = current, node.pointee.type == XML_ELEMENT_NODE {
            let candidate = Node(document: document, pointer: node)
            if nodes.contains(candidate) { return candidate }
            current = node.pointee.parent
        }
        return nil
    }

    /// Moves this node (with its subtree) out of its parent to become the next sibling of `anchor`.
    /// The document is changed; for undoing what the HTML parser's error recovery did, such as
    /// nesting every later post inside one that left a tag open.
    /// Only elements move (libxml2 merges a moved text node into a text neighbour and frees it, which
    /// would leave this `Node` dangling), and never next to one of their own descendants (a cycle).
    public func move(after anchor: Node) {
        guard anchor.document === document, anchor.pointer != pointer, isElement, anchor.isElement else { return }
        var ancestor = anchor.pointer.pointee.parent
        while let current = ancestor {
            if current == pointer { return }
            ancestor = current.pointee.parent
        }
        xmlUnlinkNode(pointer)
        xmlAddNextSibling(anchor.pointer, pointer)
        // The element numbering XPath sorts by no longer matches the tree.
        document.elementOrderIsStale = true
    }
}
