import Foundation
import HTML
import Model

/// Reads microdata items: one query for the top-level items; an item's properties are read, when
/// first asked for, by walking its own subtree (not into nested items), so every element is visited
/// once however deeply items nest.
final class MicrodataReader {
    let document: HTMLDocument

    /// Top-level items beyond this many are ignored (absurd pages).
    static let maximumRoots = 10_000

    init(document: HTMLDocument) {
        self.document = document
    }

    /// Items that are no other item's property, in page order.
    func roots() -> [SchemaItem] {
        guard let nodes = try? document.nodes("//*[@itemscope][not(@itemprop)]") else { return [] }
        return nodes.prefix(Self.maximumRoots).map(item)
    }

    func item(_ node: Node) -> SchemaItem {
        let types = (node.attribute("itemtype") ?? "").split(whereSeparator: \.isWhitespace).map {
            schemaLocalName(String($0))
        }
        let id = node.attribute("itemid").flatMap { $0.isEmpty ? nil : $0 }
        return SchemaItem(types: types, id: id, node: node) { [self] in self.properties(of: node) }
    }

    /// Elements one item's walk visits at most (absurd pages).
    static let maximumWalk = 1_000_000
    /// Elements whose content holds no microdata.
    private static let opaque: Set<String> = ["script", "style", "template", "svg", "math"]

    /// The item's properties: elements below it whose nearest item scope is this item, in page order.
    private func properties(of node: Node) -> [String: [SchemaValue]] {
        var properties: [String: [SchemaValue]] = [:]
        var stack = Self.elements(of: node).reversed() as [Node]
        var visited = 0
        while let element = stack.popLast(), visited < Self.maximumWalk {
            visited += 1
            let isScope = element.attribute("itemscope") != nil
            if let names = element.attribute("itemprop")?.split(whereSeparator: \.isWhitespace), !names.isEmpty {
                let value = value(of: element, isScope: isScope)
                for name in names {
                    properties[schemaLocalName(String(name)), default: []].append(value)
                }
            }
            // A nested item's properties are its own.
            if !isScope, !Self.opaque.contains(element.name) {
                stack.append(contentsOf: Self.elements(of: element).reversed())
            }
        }
        return properties
    }

    private static func elements(of node: Node) -> [Node] {
        node.children.filter(\.isElement)
    }

    /// A property's value, per the HTML microdata rules.
    private func value(of element: Node, isScope: Bool) -> SchemaValue {
        if isScope { return .item(item(element)) }
        switch element.name {
        case "meta": return .text(element.attribute("content") ?? "")
        case "a", "area", "link": return .text(element.attribute("href") ?? "")
        case "img", "audio", "embed", "iframe", "source", "track", "video": return .text(element.attribute("src") ?? "")
        case "object": return .text(element.attribute("data") ?? "")
        case "data", "meter": return .text(element.attribute("value") ?? "")
        case "time":
            if let machine = element.attribute("datetime"), !machine.isEmpty { return .time(machine, element) }
            return .element(element)
        default:
            if let content = element.attribute("content") { return .text(content) }
            return .element(element)
        }
    }
}
