internal import CLibXML2

/// Serialises libxml2 nodes as HTML, iteratively (a tree 100,000 deep must not exhaust the stack).
///
/// libxml2's own `htmlNodeDump` pretty-prints (adds newlines between block elements), percent-escapes
/// `href`/`src` values and writes `&` in attribute values unescaped; none of that survives a round trip.
enum HTMLSerialiser {
    static func serialise(_ nodes: [xmlNodePtr]) -> String {
        var output: [UInt8] = []
        for node in nodes {
            serialise(node, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func serialise(_ top: xmlNodePtr, into output: inout [UInt8]) {
        var current = top
        while true {
            let descend = open(current, into: &output)
            if descend, let child = current.pointee.children {
                current = child
                continue
            }
            close(current, into: &output)
            var node = current
            while node != top, node.pointee.next == nil, let parent = node.pointee.parent {
                node = parent
                close(node, into: &output)
            }
            guard node != top, let next = node.pointee.next else { return }
            current = next
        }
    }

    /// Writes what comes before a node's children; returns whether to write the children.
    private static func open(_ node: xmlNodePtr, into output: inout [UInt8]) -> Bool {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            output.append(UInt8(ascii: "<"))
            append(node.pointee.name, to: &output)
            var attribute = node.pointee.properties
            while let current = attribute {
                output.append(UInt8(ascii: " "))
                writeAttribute(current, into: &output)
                attribute = current.pointee.next
            }
            output.append(UInt8(ascii: ">"))
            return !isVoid(node)
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE,
                let name = parent.pointee.name, rawTextElements.contains(String(cString: name))
            {
                append(node.pointee.content, to: &output)
            } else {
                appendEscaped(node.pointee.content, inAttribute: false, to: &output)
            }
            return false
        case XML_COMMENT_NODE:
            output.append(contentsOf: Array("<!--".utf8))
            append(node.pointee.content, to: &output)
            output.append(contentsOf: Array("-->".utf8))
            return false
        case XML_PI_NODE:
            output.append(contentsOf: Array("<?".utf8))
            append(node.pointee.name, to: &output)
            if let content = node.pointee.content, content.pointee != 0 {
                output.append(UInt8(ascii: " "))
                append(content, to: &output)
            }
            output.append(UInt8(ascii: ">"))
            return false
        case XML_ENTITY_REF_NODE:
            output.append(UInt8(ascii: "&"))
            append(node.pointee.name, to: &output)
            output.append(UInt8(ascii: ";"))
            return false
        case XML_DTD_NODE:
            output.append(contentsOf: Array("<!DOCTYPE ".utf8))
            append(node.pointee.name, to: &output)
            output.append(UInt8(ascii: ">"))
            return false
        case XML_ATTRIBUTE_NODE:
            UnsafeMutableRawPointer(node).withMemoryRebound(to: xmlAttr.self, capacity: 1) {
                writeAttribute($0, into: &output)
            }
            return false
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_FRAG_NODE:
            return true
        default:
            return false
        }
    }

    /// Writes what comes after a node's children.
    private static func close(_ node: xmlNodePtr, into output: inout [UInt8]) {
        guard node.pointee.type == XML_ELEMENT_NODE, !isVoid(node) else { return }
        output.append(contentsOf: Array("</".utf8))
        append(node.pointee.name, to: &output)
        output.append(UInt8(ascii: ">"))
    }

    private static func writeAttribute(_ attribute: xmlAttrPtr, into output: inout [UInt8]) {
        append(attribute.pointee.name, to: &output)
        output.append(contentsOf: Array("=\"".utf8))
        var child = attribute.pointee.children
        while let current = child {
            if current.pointee.type == XML_ENTITY_REF_NODE {
                output.append(UInt8(ascii: "&"))
                append(current.pointee.name, to: &output)
                output.append(UInt8(ascii: ";"))
            } else {
                appendEscaped(current.pointee.content, inAttribute: true, to: &output)
            }
            child = current.pointee.next
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func isVoid(_ node: xmlNodePtr) -> Bool {
        guard let name = node.pointee.name else { return false }
        return voidElements.contains(String(cString: name))
    }

    private static func append(_ text: UnsafePointer<xmlChar>?, to output: inout [UInt8]) {
        guard var cursor = text else { return }
        while cursor.pointee != 0 {
            output.append(cursor.pointee)
            cursor += 1
        }
    }

    /// Escapes as the HTML standard's serialiser does: `&`, U+00A0, and `<` `>` in text or `"` in attributes.
    private static func appendEscaped(_ text: UnsafePointer<xmlChar>?, inAttribute: Bool, to output: inout [UInt8]) {
        guard var cursor = text else { return }
        while cursor.pointee != 0 {
            let byte = cursor.pointee
            switch byte {
            case UInt8(ascii: "&"):
                output.append(contentsOf: ampersand)
            case UInt8(ascii: "<") where !inAttribute:
                output.append(contentsOf: lessThan)
            case UInt8(ascii: ">") where !inAttribute:
                output.append(contentsOf: greaterThan)
            case UInt8(ascii: "\"") where inAttribute:
                output.append(contentsOf: quote)
            case 0xC2 where cursor[1] == 0xA0:
                output.append(contentsOf: nonBreakingSpace)
                cursor += 1
            default:
                output.append(byte)
            }
            cursor += 1
        }
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let nonBreakingSpace = Array("&nbsp;".utf8)

    private static let voidElements: Set<String> = [
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen",
        "link", "meta", "param", "source", "track", "wbr",
    ]
    private static let rawTextElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext",
    ]
}
