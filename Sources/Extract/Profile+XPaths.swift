import Model

extension Profile {
    /// Every XPath of the profile with the JSON path of the field it belongs to, for validation and
    /// `--explain`.
    var xpaths: [(field: String, xpath: String)] {
        var result: [(String, String)] = []
        for (index, marker) in detect.markers.enumerated() { result.append(("detect.markers[\(index)]", marker)) }
        for (index, marker) in detect.listing.enumerated() { result.append(("detect.listing[\(index)]", marker)) }
        if let thread {
            for (name, field) in thread.namedFields { result += field.xpaths(at: "thread.\(name)") }
            for (index, rules) in thread.posts.enumerated() { result += rules.xpaths(at: "thread.posts[\(index)]") }
        }
        if let listing {
            result.append(("listing.rows", listing.rows))
            if let exclude = listing.exclude { result.append(("listing.exclude", exclude)) }
            for (name, field) in listing.namedFields { result += field.xpaths(at: "listing.\(name)") }
            if let forums = listing.forums { result += forums.xpaths(at: "listing.forums") }
        }
        return result
    }
}

extension Field {
    /// Every XPath the field evaluates (`xpath` and `count` alternatives, template placeholders), each
    /// with the JSON path of the alternative that holds it.
    func xpaths(at path: String) -> [(field: String, xpath: String)] {
        var result: [(String, String)] = []
        for (index, alternative) in alternatives.enumerated() {
            let place =
                alternative.origin.isEmpty
                ? (alternatives.count == 1 ? path : "\(path)[\(index)]") : String(jsonPath(alternative.origin).dropFirst(2))
            for (key, xpath) in alternative.expressions {
                // `when` and placeholders of a `pattern` stand beside the source, in the same object.
                let beside = key == "when" || key == "pattern"
                let keyPath = alternative.objectOrigin + [AnyCodingKey(stringValue: key)]
                result.append((beside && !alternative.origin.isEmpty ? String(jsonPath(keyPath).dropFirst(2)) : place, xpath))
            }
        }
        return result
    }
}

extension ThreadRules {
    /// The single-valued fields by name, in a stable order.
    var namedFields: [(String, Field)] {
        let fields: [(String, Field?)] = [
            ("title", title), ("forum", forum), ("id", id), ("url", url), ("story", story),
            ("currentPage", currentPage), ("lastPage", lastPage), ("nextPage", nextPage), ("lastPageUrl", lastPageURL),
        ]
        return fields.compactMap { name, field in field.map { (name, $0) } } + counts.sortedFields(prefix: "counts.")
    }
}

extension PostRules {
    /// The fields relative to the post node, by name, in a stable order.
    var namedFields: [(String, Field)] {
        let fields: [(String, Field?)] = [
            ("id", id), ("parent", parent), ("depth", depth), ("title", title), ("author", author),
            ("authorUrl", authorURL), ("authorPostCount", authorPostCount), ("published", published),
            ("publishedText", publishedText), ("edited", edited), ("editedText", editedText), ("body", body),
        ]
        return fields.compactMap { name, field in field.map { (name, $0) } } + counts.sortedFields(prefix: "counts.")
    }

    func xpaths(at path: String) -> [(field: String, xpath: String)] {
        var result = [("\(path).node", node)]
        if let exclude { result.append(("\(path).exclude", exclude)) }
        if let hidden { result.append(("\(path).hidden", hidden)) }
        for (name, field) in namedFields { result += field.xpaths(at: "\(path).\(name)") }
        if let comments { result += comments.value.xpaths(at: "\(path).comments") }
        return result
    }
}

extension ListingRules {
    /// The fields by name, in a stable order (`title` and `nextPage` are document-level).
    var namedFields: [(String, Field)] {
        let fields: [(String, Field?)] = [
            ("title", title), ("url", url), ("id", id), ("threadTitle", threadTitle), ("author", author),
            ("authorUrl", authorURL), ("lastActivity", lastActivity), ("lastActivityText", lastActivityText),
            ("story", story), ("nextPage", nextPage),
        ]
        return fields.compactMap { name, field in field.map { (name, $0) } } + counts.sortedFields(prefix: "counts.")
    }
}

extension Dictionary where Key == String, Value == Field {
    func sortedFields(prefix: String) -> [(String, Field)] {
        keys.sorted().compactMap { key in self[key].map { (prefix + key, $0) } }
    }
}
