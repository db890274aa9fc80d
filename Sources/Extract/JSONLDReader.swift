import Foundation
import HTML
import Model

/// Reads the `application/ld+json` scripts of a page into items.
final class JSONLDReader {
    /// Objects by `@id`, so `{"@id": "#c1"}` references find the object they name.
    private var objects: [String: [String: Any]] = [:]
    /// Items made so far by `@id`: a reference made twice is one item (and cycles end).
    private var made: [String: SchemaItem] = [:]
    /// Every item made, to break their reference cycles in `release()`.
    private var all: [SchemaItem] = []

    /// Type names whose presence makes a script worth parsing.
    private static let interesting = [
        "DiscussionForumPosting", "SocialMediaPosting", "Comment", "QAPage", "Question", "Answer", "Article",
        "BlogPosting", "Posting",
    ]

    /// The top-level items of every script, in page order (arrays and `@graph` flattened).
    /// Items stay readable until `release()`.
    func items(in document: HTMLDocument) -> [SchemaItem] {
        let xpath =
            "//script[translate(normalize-space(@type),'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
            + "='application/ld+json']"
        guard let scripts = try? document.nodes(xpath), !scripts.isEmpty else { return [] }
        var roots: [Any] = []
        for script in scripts {
            let text = script.rawText
            guard text.utf8.count <= StructuredData.maximumScriptBytes,
                Self.interesting.contains(where: { text.contains($0) }),
                let json = Self.parse(text)
            else { continue }
            index(json, depth: 0)
            roots.append(json)
        }
        return roots.flatMap { topLevel($0) }
    }

    /// Forgets every item made, so items and reader can be freed.
    func release() {
        for item in all { item.release() }
        all = []
        made = [:]
        objects = [:]
    }

    /// The script's JSON, tolerating comment and CDATA wrappers, HTML-escaped text and raw control
    /// characters inside strings; nil when it is not JSON.
    static func parse(_ text: String) -> Any? {
        parse(text, decodingReferences: 3)
    }

    /// `parse(_:)`, decoding a text that starts with a character reference (HTML-escaped JSON, escaped
    /// twice on some pages) at most `decodingReferences` more times, and only while decoding changes it.
    private static func parse(_ text: String, decodingReferences: Int) -> Any? {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for wrapper in ["<!--", "//<![CDATA[", "<![CDATA["] where body.hasPrefix(wrapper) {
            body.removeFirst(wrapper.count)
        }
        for wrapper in ["-->", "//]]>", "]]>"] where body.hasSuffix(wrapper) {
            body.removeLast(wrapper.count)
        }
        body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasPrefix("{") || body.hasPrefix("[") else {
            guard body.hasPrefix("&"), decodingReferences > 0 else { return nil }
            let decoded = CharacterReferences.decode(body)
            return decoded == body ? nil : parse(decoded, decodingReferences: decodingReferences - 1)
        }
        if let json = decode(body) { return json }
        // Raw line breaks and tabs inside strings are invalid JSON but common; outside strings they
        // are whitespace either way.
        let flattened = String(body.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
        if let json = decode(flattened) { return json }
        if flattened.contains("&quot;") { return decode(CharacterReferences.decode(flattened)) }
        return nil
    }

    private static func decode(_ text: String) -> Any? {
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return nil }
        return json is [String: Any] || json is [Any] ? json : nil
    }

    /// Records every object that carries an `@id` and more than a reference's keys.
    private func index(_ json: Any, depth: Int) {
        guard depth < 64 else { return }
        if let array = json as? [Any] {
            for element in array { index(element, depth: depth + 1) }
        } else if let object = json as? [String: Any] {
            if let id = object["@id"] as? String, object.keys.contains(where: { !$0.hasPrefix("@") }) {
                if (objects[id]?.count ?? 0) < object.count { objects[id] = object }
            }
            for (key, value) in object where !key.hasPrefix("@") || key == "@graph" {
                index(value, depth: depth + 1)
            }
        }
    }

    /// The items a script's JSON holds at its top level.
    private func topLevel(_ json: Any) -> [SchemaItem] {
        if let array = json as? [Any] { return array.flatMap { topLevel($0) } }
        guard let object = json as? [String: Any] else { return [] }
        var result: [SchemaItem] = []
        if object["@type"] != nil { result.append(item(object)) }
        if let graph = object["@graph"] { result += topLevel(graph) }
        return result
    }

    private func item(_ object: [String: Any]) -> SchemaItem {
        let id = object["@id"] as? String
        if let id, let existing = made[id] { return existing }
        let source = id.flatMap { objects[$0] }.map { $0.count > object.count ? $0 : object } ?? object
        var types: [String] = []
        if let type = source["@type"] as? String {
            types = [schemaLocalName(type)]
        } else if let list = source["@type"] as? [Any] {
            types = list.compactMap { $0 as? String }.map(schemaLocalName)
        }
        let made = SchemaItem(types: types, id: id, node: nil) { [self] in
            var properties: [String: [SchemaValue]] = [:]
            for (key, value) in source where !key.hasPrefix("@") {
                let values = self.values(value, depth: 0)
                if !values.isEmpty { properties[schemaLocalName(key), default: []] += values }
            }
            return properties
        }
        if let id { self.made[id] = made }
        all.append(made)
        return made
    }

    private func values(_ json: Any, depth: Int) -> [SchemaValue] {
        switch json {
        case let text as String:
            return [.text(text.contains("&") ? CharacterReferences.decode(text) : text)]
        case let array as [Any]:
            guard depth < 8 else { return [] }
            return array.flatMap { values($0, depth: depth + 1) }
        case let object as [String: Any]:
            if let id = object["@id"] as? String, !object.keys.contains(where: { !$0.hasPrefix("@") }) {
                // A reference: the item it names, or just the address.
                if objects[id] != nil || made[id] != nil { return [.item(item(object))] }
                return [.text(id)]
            }
            if let value = object["@value"] { return values(value, depth: depth) }
            return [.item(item(object))]
        case let number as NSNumber:
            if let int = Int(exactly: number.doubleValue) { return [.text(String(int))] }
            return [.text(number.stringValue)]
        default:
            return []
        }
    }
}
