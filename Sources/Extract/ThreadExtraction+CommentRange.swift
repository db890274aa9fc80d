import Foundation
import HTML

extension ThreadExtraction {
    /// A post body that lies between two comments rather than in one element, as mail archivers write
    /// it (`<!-- body="start" -->` … `<!-- body="end" -->`, `<!--beginarticle-->` … `<!--endarticle-->`).
    ///
    /// Used when the first XPath of the `body` field that selects anything selects a comment: the body is
    /// the start comment's following siblings up to the second selected node (the end comment, or the
    /// sibling that holds it, which is kept), or to the end of the parent when only one node is selected.
    /// Returns nil when the field selects an element (the usual single-node body).
    /// - Parameter selected: what that first selecting XPath selected (`PageReader.selection`).
    func commentRangeBody(_ selected: [Node]) -> (html: String, text: String, links: [String])? {
        guard let start = selected.first else { return nil }
        guard !start.isElement, !start.isAttribute, start.name == "comment", let parent = start.parent else {
            return nil
        }
        let end = selected.count > 1 ? selected[1] : nil
        let siblings = parent.children
        guard let index = siblings.firstIndex(of: start) else { return nil }
        var html = ""
        for sibling in siblings[(index + 1)...] {
            if let end, sibling == end { break }
            html += sibling.outerHTML
            if let end, Self.node(sibling, holds: end) { break }
        }
        return Self.fragment(html.trimmingWhitespace, base: reader.linkBase)
    }

    /// Whether `inner` lies inside `outer`.
    private static func node(_ outer: Node, holds inner: Node) -> Bool {
        var current = inner.parent
        while let up = current {
            if up == outer { return true }
            current = up.parent
        }
        return false
    }

    /// The text and links of a run of markup, read by parsing it on its own.
    private static func fragment(_ html: String, base: String?) -> (html: String, text: String, links: [String]) {
        guard let document = try? HTMLDocument(bytes: Array(html.utf8), declaredCharset: "UTF-8") else {
            return (html, "", [])
        }
        let text = ((try? document.nodes("//body")) ?? []).first?.text ?? ""
        return (html, text, document.root.map { links(in: $0, base: base) } ?? [])
    }
}
