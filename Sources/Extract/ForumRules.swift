import Foundation
import Model

/// How to read the forums a listing page names (`listing.forums`): the boards of a board index, the
/// categories of a categories page, the sub-forums above a forum's threads. Fields are relative to
/// each forum node.
public struct ForumRules: Sendable, Equatable, Decodable {
    /// Selects one node per forum, from the document.
    public var node: String
    /// A node for which this XPath selects something is skipped (a link-only forum, a heading).
    public var exclude: String?
    /// The forum's listing page.
    public var url: Field?
    /// The forum's name.
    public var title: Field?
    /// The description under the name.
    public var description: Field?
    /// The category (or parent forum) heading the forum is listed under.
    public var category: Field?
    /// `topics` and `posts` as the page shows them.
    public var counts: [String: Field]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case node, exclude, url, title, description, category, counts
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        node = try c.decode(String.self, forKey: .node)
        exclude = try c.decodeIfPresent(String.self, forKey: .exclude)
        url = try c.decodeIfPresent(Field.self, forKey: .url)
        title = try c.decodeIfPresent(Field.self, forKey: .title)
        description = try c.decodeIfPresent(Field.self, forKey: .description)
        category = try c.decodeIfPresent(Field.self, forKey: .category)
        counts = try c.decodeIfPresent([String: Field].self, forKey: .counts) ?? [:]
        for name in counts.keys where !ForumCounts.names.contains(name) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: c.codingPath + [CodingKeys.counts, AnyCodingKey(stringValue: name)],
                    debugDescription:
                        "unknown forum count (expected one of: \(ForumCounts.names.joined(separator: ", ")))"))
        }
    }

    /// The fields relative to the forum node, by name, in a stable order.
    var namedFields: [(String, Field)] {
        let fields: [(String, Field?)] = [
            ("url", url), ("title", title), ("description", description), ("category", category),
        ]
        return fields.compactMap { name, field in field.map { (name, $0) } } + counts.sortedFields(prefix: "counts.")
    }

    /// Every XPath with the JSON path of its field, below `path`.
    func xpaths(at path: String) -> [(field: String, xpath: String)] {
        var result = [("\(path).node", node)]
        if let exclude { result.append(("\(path).exclude", exclude)) }
        for (name, field) in namedFields { result += field.xpaths(at: "\(path).\(name)") }
        return result
    }
}
