import Model

/// Named XPath text a profile writes once and uses by name: `"define": {"opLink": "id('placeop')//a"}`,
/// then `$opLink` in any XPath of the profile (a field, a template placeholder, a `node`, a marker).
///
/// A reference is replaced by the definition's text as written, before the XPath is compiled (XPath 1.0
/// has no variables of its own here); a definition may use others. Wrap a definition in parentheses
/// where its operators must bind first.
struct ProfileDefinitions {
    private var texts: [String: String] = [:]

    init() {}

    /// Reads the definitions, each expanded, so a cycle or an unknown name fails here with its path.
    init(_ raw: [String: String], at path: [any CodingKey]) throws {
        for name in raw.keys.sorted() {
            guard Self.isName(name) else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: path + [AnyCodingKey(stringValue: name)],
                        debugDescription: "a definition's name is letters, digits and _, starting with a letter"))
            }
        }
        for name in raw.keys.sorted() {
            var visiting = [name]
            texts[name] = try Self.expand(
                raw[name] ?? "", raw: raw, visiting: &visiting, at: path + [AnyCodingKey(stringValue: name)])
        }
    }

    /// `xpath` with every `$name` replaced by its definition.
    func expand(_ xpath: String, at path: [any CodingKey]) throws -> String {
        guard xpath.contains("$") else { return xpath }
        var visiting: [String] = []
        return try Self.expand(xpath, raw: texts, visiting: &visiting, at: path)
    }

    private static func isName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    private static func expand(
        _ text: String, raw: [String: String], visiting: inout [String], at path: [any CodingKey]
    ) throws -> String {
        let chars = Array(text)
        var output = ""
        var quote: Character?
        var index = 0
        while index < chars.count {
            let char = chars[index]
            if let open = quote {
                if char == open { quote = nil }
                output.append(char)
                index += 1
                continue
            }
            if char == "'" || char == "\"" { quote = char }
            guard char == "$" else {
                output.append(char)
                index += 1
                continue
            }
            var end = index + 1
            while end < chars.count, chars[end].isASCII, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" {
                end += 1
            }
            let name = String(chars[(index + 1)..<end])
            guard let definition = raw[name] else {
                let known = raw.keys.sorted().map { "$" + $0 }.joined(separator: ", ")
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: path,
                        debugDescription:
                            "unknown definition $\(name) (defined: \(known.isEmpty ? "none" : known))"))
            }
            guard !visiting.contains(name) else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: path,
                        debugDescription: "definitions refer to each other in a circle: "
                            + (visiting + [name]).map { "$" + $0 }.joined(separator: " → ")))
            }
            visiting.append(name)
            output += try expand(definition, raw: raw, visiting: &visiting, at: path)
            visiting.removeLast()
            index = end
        }
        return output
    }
}

extension Field {
    /// Expands definitions in every XPath of the field, and checks that thread values are used only
    /// where the thread is already read (post fields).
    mutating func resolve(_ definitions: ProfileDefinitions, inPost: Bool, at path: [any CodingKey]) throws {
        for index in alternatives.indices {
            var alternative = alternatives[index]
            let origin: [any CodingKey] = alternative.origin.isEmpty ? path : alternative.origin.map { $0 }
            let usesThread: Bool
            switch alternative.source {
            case .xpath(let xpath):
                alternative.source = .xpath(try definitions.expand(xpath, at: origin))
                usesThread = false
            case .count(let xpath):
                alternative.source = .count(try definitions.expand(xpath, at: origin))
                usesThread = false
            case .template(let text):
                let parts = try Self.resolve(
                    (try? FieldTemplate.parts(of: text, in: .template)) ?? [], definitions, at: origin)
                alternative.source = .template(FieldTemplate.text(of: parts, in: .template))
                usesThread = parts.contains { if case .thread = $0 { true } else { false } }
            case .thread:
                usesThread = true
            case .pageURL:
                usesThread = false
            }
            alternative.when = try alternative.when.map { try definitions.expand($0, at: origin) }
            var patternUsesThread = false
            if let parts = alternative.patternParts {
                let expanded = try Self.resolve(parts, definitions, at: origin)
                alternative.expandPattern(expanded)
                patternUsesThread = expanded.contains { if case .thread = $0 { true } else { false } }
            }
            if !inPost, usesThread || patternUsesThread {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: origin,
                        debugDescription: "thread values are for post fields (the thread is read before its posts)"))
            }
            alternatives[index] = alternative
        }
    }

    private static func resolve(
        _ parts: [FieldTemplate.Part], _ definitions: ProfileDefinitions, at path: [any CodingKey]
    ) throws -> [FieldTemplate.Part] {
        try parts.map { part in
            guard case .xpath(let xpath) = part else { return part }
            return .xpath(try definitions.expand(xpath, at: path))
        }
    }
}

extension Dictionary where Key == String, Value == Field {
    mutating func resolve(_ definitions: ProfileDefinitions, inPost: Bool, at path: [any CodingKey]) throws {
        for key in keys.sorted() {
            try self[key]?.resolve(definitions, inPost: inPost, at: path + [AnyCodingKey(stringValue: key)])
        }
    }
}

extension ThreadRules {
    mutating func resolve(_ definitions: ProfileDefinitions, at path: [any CodingKey]) throws {
        func key(_ name: String) -> [any CodingKey] { path + [AnyCodingKey(stringValue: name)] }
        try title?.resolve(definitions, inPost: false, at: key("title"))
        try forum?.resolve(definitions, inPost: false, at: key("forum"))
        try id?.resolve(definitions, inPost: false, at: key("id"))
        try url?.resolve(definitions, inPost: false, at: key("url"))
        try story?.resolve(definitions, inPost: false, at: key("story"))
        try counts.resolve(definitions, inPost: false, at: key("counts"))
        try currentPage?.resolve(definitions, inPost: false, at: key("currentPage"))
        try lastPage?.resolve(definitions, inPost: false, at: key("lastPage"))
        try nextPage?.resolve(definitions, inPost: false, at: key("nextPage"))
        try lastPageURL?.resolve(definitions, inPost: false, at: key("lastPageUrl"))
        for index in posts.indices {
            try posts[index].resolve(definitions, at: key("posts") + [AnyCodingKey(intValue: index)])
        }
    }
}

extension PostRules {
    mutating func resolve(_ definitions: ProfileDefinitions, at path: [any CodingKey]) throws {
        func key(_ name: String) -> [any CodingKey] { path + [AnyCodingKey(stringValue: name)] }
        node = try definitions.expand(node, at: key("node"))
        exclude = try exclude.map { try definitions.expand($0, at: key("exclude")) }
        hidden = try hidden.map { try definitions.expand($0, at: key("hidden")) }
        try id?.resolve(definitions, inPost: true, at: key("id"))
        try parent?.resolve(definitions, inPost: true, at: key("parent"))
        try depth?.resolve(definitions, inPost: true, at: key("depth"))
        try title?.resolve(definitions, inPost: true, at: key("title"))
        try author?.resolve(definitions, inPost: true, at: key("author"))
        try authorURL?.resolve(definitions, inPost: true, at: key("authorUrl"))
        try authorPostCount?.resolve(definitions, inPost: true, at: key("authorPostCount"))
        try published?.resolve(definitions, inPost: true, at: key("published"))
        try publishedText?.resolve(definitions, inPost: true, at: key("publishedText"))
        try edited?.resolve(definitions, inPost: true, at: key("edited"))
        try editedText?.resolve(definitions, inPost: true, at: key("editedText"))
        try body?.resolve(definitions, inPost: true, at: key("body"))
        try counts.resolve(definitions, inPost: true, at: key("counts"))
        if let comments {
            var rules = comments.value
            try rules.resolve(definitions, at: key("comments"))
            self.comments = Box(rules)
        }
    }
}

extension ListingRules {
    mutating func resolve(_ definitions: ProfileDefinitions, at path: [any CodingKey]) throws {
        func key(_ name: String) -> [any CodingKey] { path + [AnyCodingKey(stringValue: name)] }
        rows = try definitions.expand(rows, at: key("rows"))
        exclude = try exclude.map { try definitions.expand($0, at: key("exclude")) }
        try title?.resolve(definitions, inPost: false, at: key("title"))
        try url?.resolve(definitions, inPost: false, at: key("url"))
        try id?.resolve(definitions, inPost: false, at: key("id"))
        try threadTitle?.resolve(definitions, inPost: false, at: key("threadTitle"))
        try author?.resolve(definitions, inPost: false, at: key("author"))
        try authorURL?.resolve(definitions, inPost: false, at: key("authorUrl"))
        try lastActivity?.resolve(definitions, inPost: false, at: key("lastActivity"))
        try lastActivityText?.resolve(definitions, inPost: false, at: key("lastActivityText"))
        try story?.resolve(definitions, inPost: false, at: key("story"))
        try counts.resolve(definitions, inPost: false, at: key("counts"))
        try nextPage?.resolve(definitions, inPost: false, at: key("nextPage"))
        try forums?.resolve(definitions, at: key("forums"))
    }
}

extension ForumRules {
    mutating func resolve(_ definitions: ProfileDefinitions, at path: [any CodingKey]) throws {
        func key(_ name: String) -> [any CodingKey] { path + [AnyCodingKey(stringValue: name)] }
        node = try definitions.expand(node, at: key("node"))
        exclude = try exclude.map { try definitions.expand($0, at: key("exclude")) }
        try url?.resolve(definitions, inPost: false, at: key("url"))
        try title?.resolve(definitions, inPost: false, at: key("title"))
        try description?.resolve(definitions, inPost: false, at: key("description"))
        try category?.resolve(definitions, inPost: false, at: key("category"))
        try counts.resolve(definitions, inPost: false, at: key("counts"))
    }
}

extension Detection {
    mutating func resolve(_ definitions: ProfileDefinitions, at path: [any CodingKey]) throws {
        for index in markers.indices {
            markers[index] = try definitions.expand(
                markers[index], at: path + [AnyCodingKey(stringValue: "markers"), AnyCodingKey(intValue: index)])
        }
        for index in listing.indices {
            listing[index] = try definitions.expand(
                listing[index], at: path + [AnyCodingKey(stringValue: "listing"), AnyCodingKey(intValue: index)])
        }
    }
}
