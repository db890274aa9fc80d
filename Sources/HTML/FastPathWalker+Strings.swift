internal import CLibXML2

// MARK: String values

extension FastPath.Walker {
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
    func attribute(_ name: FastPath.Bytes?, of node: xmlNodePtr) -> xmlNodePtr? {
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

    static func attributeValue(_ name: FastPath.Bytes, of node: xmlNodePtr) -> AttributeValue? {
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
    static func textContent(_ node: xmlNodePtr) -> [UInt8] {
        guard let content = xmlNodeGetContent(node) else { return [] }
        defer { tk_xmlFree(content) }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
    }

    mutating func withString<T>(_ index: Int, at node: xmlNodePtr, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
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
}
