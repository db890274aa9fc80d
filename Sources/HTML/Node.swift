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

    /// What a node is: element, text, comment…
    public enum Kind: Sendable, Hashable {
        case element
        case text
        /// Character data kept verbatim: the content of `<script>` and `<style>` in an HTML tree.
        case cdata
        case comment
        case processingInstruction
        case attribute
        case document
        /// Anything else libxml2 has (doctype, entity declarations…).
        case other
    }

    /// What kind of node this is.
    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE: .text
        case XML_CDATA_SECTION_NODE: .cdata
        case XML_COMMENT_NODE: .comment
        case XML_PI_NODE: .processingInstruction
        case XML_ATTRIBUTE_NODE: .attribute
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_FRAG_NODE: .document
        default: .other
        }
    }

    /// One attribute of an element: its name as written (lower case in HTML) and its value, entities decoded.
    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The element's attributes in source order (empty for other nodes).
    public var attributes: [Attribute] {
        guard pointer.pointee.type == XML_ELEMENT_NODE else { return [] }
        var result: [Attribute] = []
        var attribute = pointer.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            var value = ""
            if let content = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                value = String(cString: content)
                tk_xmlFree(content)
            }
            result.append(Attribute(name: name, value: value))
            attribute = current.pointee.next
        }
        return result
    }

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

    /// The node after this one under the same parent (for the root element: a node libxml2 put after it
    /// in the document, such as a second `<html>` for content after `</html>`).
    public var nextSibling: Node? {
        pointer.pointee.next.map { Node(document: document, pointer: $0) }
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
