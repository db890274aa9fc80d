internal import CLibXML2

extension HTMLDocument {
    /// Gives the root `html` element and the `body` element every attribute of a later `<html>` or
    /// `<body>` start tag that they lack, as HTML5 tree construction does ("for each attribute on the
    /// token, if the element doesn't have it, add it").
    ///
    /// libxml2 2.9 drops those tags with their attributes: when content appears in `<head>` (a `<div>`
    /// injected before `</head>`), it opens an implied `<body>` and the page's real `<body id=… class=…>`
    /// is lost, so a profile that tests `body/@id` would not recognise the page. Attributes already on the
    /// element win. The element order is untouched.
    static func mergeStartTagAttributes(into document: xmlDocPtr, from input: [UInt8]) {
        let tags = StartTagScanner.htmlAndBodyTags(in: input)
        guard !tags.isEmpty, let root = xmlDocGetRootElement(document), Self.isElement(root, named: "html") else {
            return
        }
        var body: xmlNodePtr?
        var child = root.pointee.children
        while let current = child, body == nil {
            if Self.isElement(current, named: "body") { body = current }
            child = current.pointee.next
        }
        for tag in tags {
            guard let element = tag.name == "html" ? root : body else { continue }
            for attribute in tag.attributes where xmlHasProp(element, attribute.name) == nil {
                xmlNewProp(element, attribute.name, attribute.value)
            }
        }
    }

    private static func isElement(_ node: xmlNodePtr, named name: String) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let nodeName = node.pointee.name else { return false }
        return String(cString: nodeName) == name
    }
}
