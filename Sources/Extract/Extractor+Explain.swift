import Foundation
import HTML
import Model

extension Extractor {
    /// A report for fixing a profile: which profile was chosen and why, then per field how many
    /// nodes each XPath matched and sample values.
    public func explain(_ bytes: [UInt8], options: ExtractionOptions, source: String) throws(ExtractError) -> String {
        let document = try parse(bytes, options: options, source: source)
        let pageURL = options.url ?? Self.declaredURL(of: document)
        var out: [String] = []
        out.append("page: \(source) (\(bytes.count) bytes, \(document.charset.encoding) from \(document.charset.source))")
        out.append("url: \(pageURL ?? "unknown (pass --url)")")
        out.append("detection:")
        for score in ProfileDetector(profiles: profiles).scores(for: document, url: options.url) {
            let reasons = score.reasons.isEmpty ? "" : "  (" + score.reasons.joined(separator: "; ") + ")"
            out.append("  \(pad(score.profile.name, 24)) \(score.points)\(reasons)")
        }
        guard let profile = try chooseProfile(for: document, options: options, source: source) else {
            out.append("profile: none recognises the page; name one with --profile")
            let structured = StructuredData.read(document, pageURL: pageURL)
            out.append("schema.org markup: \(structured.map { "\($0.posts.count) posts" } ?? "none")")
            return out.joined(separator: "\n")
        }
        let reader = PageReader(
            document: document, profile: profile,
            timeZone: options.timeZone ?? profile.timeZone.flatMap(TimeZone.init(identifier:)) ?? .gmt,
            fetchedAt: options.fetchedAt, pageURL: pageURL)
        let listing = isListing(reader, profile: profile)
        out.append("profile: \(profile.name) (read as \(listing ? "listing" : "thread"))")
        if let rules = profile.thread {
            out.append("thread rules:")
            for (name, field) in rules.namedFields {
                out += describe("thread.\(name)", field, contexts: [nil], reader: reader)
            }
            // Post fields may name the thread's values.
            reader.threadValues = ThreadExtraction.values(
                of: Discussion(id: reader.string(rules.id), url: reader.link(rules.url), title: reader.string(rules.title)))
            // Post fields are evaluated where extraction evaluates them: a post's place (id, parent,
            // depth) in the tree as parsed, the rest after undoing any nesting of posts the parser made.
            var placeLines: [String: [String]] = [:]
            if !listing {
                for (index, postRules) in rules.posts.enumerated() {
                    let path = "thread.posts[\(index)]"
                    let kept = kept(postRules, contexts: [nil], reader: reader)
                    for (name, field) in postRules.namedFields where Self.placeFields.contains(name) {
                        placeLines["\(path).\(name)"] = describe("\(path).\(name)", field, contexts: kept, reader: reader)
                    }
                }
                let extraction = ThreadExtraction(reader: reader, rules: rules)
                extraction.unnestPosts(extraction.postNodes().map(\.node))
            }
            for (index, postRules) in rules.posts.enumerated() {
                out += describe(
                    postRules, path: "thread.posts[\(index)]", contexts: [nil], reader: reader, placeLines: placeLines)
            }
        }
        if let rules = profile.listing {
            out.append("listing rules:")
            let rows = reader.nodes(rules.rows)
            out.append("  \(pad("listing.rows", 36)) \(rows.count) nodes  \(rules.rows)")
            for (name, field) in rules.namedFields {
                let contexts: [Node?] = name == "title" || name == "nextPage" ? [nil] : rows.map { $0 }
                out += describe("listing.\(name)", field, contexts: contexts, reader: reader)
            }
            if let forums = rules.forums {
                let extraction = ForumExtraction(reader: reader, rules: forums)
                let nodes = reader.nodes(forums.node)
                let kept = extraction.nodes()
                out.append(
                    "  \(pad("listing.forums.node", 36)) \(nodes.count) nodes, \(kept.count) kept  \(forums.node)")
                for (name, field) in forums.namedFields {
                    out += describe("listing.forums.\(name)", field, contexts: kept.map { $0 }, reader: reader)
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// The fields read before posts are un-nested (`ThreadExtraction.place`).
    private static let placeFields: Set<String> = ["id", "parent", "depth"]

    /// The post nodes a rule selects from the contexts and does not exclude.
    private func kept(_ rules: PostRules, contexts: [Node?], reader: PageReader) -> [Node?] {
        contexts.flatMap { reader.nodes(rules.node, at: $0) }
            .filter { node in rules.exclude.map { !reader.matches($0, at: node) } ?? true }
    }

    private func describe(
        _ rules: PostRules, path: String, contexts: [Node?], reader: PageReader, placeLines: [String: [String]] = [:]
    ) -> [String] {
        var out: [String] = []
        let nodes = contexts.flatMap { reader.nodes(rules.node, at: $0) }
        let kept = nodes.filter { node in rules.exclude.map { !reader.matches($0, at: node) } ?? true }
        out.append("  \(pad("\(path).node", 36)) \(nodes.count) nodes, \(kept.count) kept  \(rules.node)")
        for (name, field) in rules.namedFields {
            out += placeLines["\(path).\(name)"]
                ?? describe("\(path).\(name)", field, contexts: kept.map { $0 }, reader: reader)
        }
        if let hidden = rules.hidden {
            let count = kept.filter { reader.matches(hidden, at: $0) }.count
            out.append("  \(pad("\(path).hidden", 36)) \(count)/\(kept.count) posts  \(hidden)")
        }
        if let comments = rules.comments?.value {
            out += describe(comments, path: "\(path).comments", contexts: kept.map { $0 }, reader: reader)
        }
        return out
    }

    /// One line per XPath of a field: how many of the contexts it matched, and sample values.
    private func describe(_ label: String, _ field: Field, contexts: [Node?], reader: PageReader) -> [String] {
        var out: [String] = []
        let scope = contexts.count == 1 && contexts[0] == nil ? "" : "/\(contexts.count)"
        for alternative in field.alternatives {
            guard case .xpath(let xpath) = alternative.source, alternative.when == nil else {
                let single = Field(alternatives: [alternative])
                let values = contexts.prefix(3).compactMap { reader.string(single, at: $0) }
                out.append(
                    "  \(pad(label, 36)) \(pad("", 12)) \(Self.describe(alternative))"
                        + (values.isEmpty ? "" : "  → " + values.map { "\"\(String($0.prefix(60)))\"" }.joined(separator: ", ")))
                continue
            }
            var hits = 0
            var nodeCount = 0
            var samples: [String] = []
            for context in contexts {
                guard let value = reader.evaluate(xpath, at: context) else { continue }
                let strings = value.strings.map { Node.collapse($0) }.filter { !$0.isEmpty }
                if case .nodes(let nodes) = value { nodeCount += nodes.count }
                if let first = strings.first {
                    hits += 1
                    if samples.count < 3 { samples.append(first) }
                }
            }
            let quoted = samples.map { "\"\(String($0.prefix(60)))\"" }.joined(separator: ", ")
            let count = scope.isEmpty ? "\(nodeCount) node\(nodeCount == 1 ? "" : "s")" : "\(hits)\(scope) found"
            out.append("  \(pad(label, 36)) \(pad(count, 12)) \(xpath)" + (quoted.isEmpty ? "" : "  → \(quoted)"))
            if let pattern = alternative.pattern {
                let single = Field(alternatives: [alternative])
                let values = contexts.prefix(3).compactMap { reader.string(single, at: $0) }
                out.append("  \(pad("", 49)) pattern \(pattern) → \(values.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
        }
        return out
    }

    /// An alternative that is not a plain XPath, as the profile writes it.
    private static func describe(_ alternative: Field.Alternative) -> String {
        let pattern = (alternative.pattern.map { ", pattern \($0)" } ?? "") + (alternative.when.map { ", when \($0)" } ?? "")
        switch alternative.source {
        case .xpath(let xpath): return xpath + pattern
        case .count(let xpath): return "count \(xpath)" + pattern
        case .pageURL(let regex): return "url \(regex)" + pattern
        case .thread(let name): return "thread \(name)" + pattern
        case .template(let text): return "template \(text)" + pattern
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
