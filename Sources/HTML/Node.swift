internal import CLibXML2

/// An element, text or comment node of an `HTMLDocument`. Holds its document alive.
public struct Node {
    /// The document the node belongs to; kept so no pointer outlives its tree.
    public let document: HTMLDocument
    let pointer: xmlNodePtr

    init(document: HTMLDocument, pointer: xmlNodePtr) {
        self.document = document
        self.pointer = pointer
    }

    /// The element's lower-case tag name (`div`), or `text` / `comment` for those nodes.
    public var name: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// Whether this is an element (not text, comment or attribute).
    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The value of the attribute `name`, or nil when the element has none.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { tk_xmlFree(value) }
        return String(cString: value)
    }

    /// All text below the node, concatenated as in the source (no whitespace normalisation).
    public var rawText: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { tk_xmlFree(content) }
        return String(cString: content)
    }

    /// The parent element.
    public var parent: Node? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return Node(document: document, pointer: parent)
    }

    /// The child nodes, in order (elements, text and comments).
    public var children: [Node] {
        var result: [Node] = []
        var child = pointer.pointee.children
        while let current = child {
            result.append(Node(document: document, pointer: current))
            child = current.pointee.next
        }
        return result
    }

    /// The node serialised as HTML.
    public var outerHTML: String {
        HTMLSerialiser.serialise([pointer])
    }

    /// The children serialised as HTML: a post body's markup.
    ///
    /// Written as the HTML standard serialises a fragment (no added whitespace, `&`, `<`, `>` and U+00A0
    /// escaped in text, `&` and `"` in attribute values, void elements without end tags, script and style
    /// verbatim), so parsing the result again gives the same tree. Walks without recursion.
    public var innerHTML: String {
        var nodes: [xmlNodePtr] = []
        var child = pointer.pointee.children
        while let current = child {
            nodes.append(current)
            child = current.pointee.next
        }
        return HTMLSerialiser.serialise(nodes)
    }
}

extension Node: Equatable {
    public static func == (lhs: Node, rhs: Node) -> Bool { lhs.pointer == rhs.pointer }
}
