internal import CLibXML2

extension Node {
    /// Whether this node comes before `other` in document order.
    public func precedes(_ other: Node) -> Bool {
        xmlXPathCmpNodes(pointer, other.pointer) == 1
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
