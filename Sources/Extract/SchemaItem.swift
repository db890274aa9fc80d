import Foundation
import HTML
import Model

/// One schema.org item, read from JSON-LD or microdata. Its properties are read when first asked for,
/// so items nobody looks at (breadcrumbs, site navigation) cost nothing.
final class SchemaItem {
    /// Local type names (`DiscussionForumPosting`, not the URL).
    let types: [String]
    /// `@id` (JSON-LD) or `itemid` (microdata).
    let id: String?
    /// The element the item was read from (microdata).
    let node: Node?
    private var loaded: [String: [SchemaValue]]?
    private let load: () -> [String: [SchemaValue]]

    init(types: [String], id: String?, node: Node?, properties: @escaping () -> [String: [SchemaValue]]) {
        self.types = types
        self.id = id
        self.node = node
        self.load = properties
    }

    /// Every property, by local name, values in order.
    var properties: [String: [SchemaValue]] {
        if let loaded { return loaded }
        let made = load()
        loaded = made
        return made
    }

    func values(_ name: String) -> [SchemaValue] { properties[name] ?? [] }

    /// Drops the properties read, breaking reference cycles between items (`@id` references).
    func release() {
        loaded = nil
    }

    /// The first non-empty text value among these properties, whitespace collapsed.
    func string(_ names: String...) -> String? {
        for name in names {
            for value in values(name) {
                if let text = value.string.map(Node.collapse), !text.isEmpty { return text }
            }
        }
        return nil
    }

    /// The nested items of a property.
    func items(_ name: String) -> [SchemaItem] {
        values(name).compactMap { if case .item(let item) = $0 { item } else { nil } }
    }

    func isA(_ names: Set<String>) -> Bool { types.contains(where: names.contains) }

    /// A property that names a URL: the text itself, or a nested item's `url` / `@id`.
    func link(_ names: String...) -> String? {
        for name in names {
            for value in values(name) {
                switch value {
                case .item(let item):
                    if let url = item.string("url") ?? item.id { return url }
                default:
                    if let text = value.string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                        return text
                    }
                }
            }
        }
        return nil
    }
}

/// The local name of a schema.org type or property: `http://schema.org/Comment`, `schema:Comment` → `Comment`.
func schemaLocalName(_ name: String) -> String {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    guard let cut = trimmed.lastIndex(where: { $0 == "/" || $0 == "#" || $0 == ":" }) else { return trimmed }
    return String(trimmed[trimmed.index(after: cut)...])
}
