import Foundation

/// An independent reading of sanitiser output, without libxml2: the output must be text with `<`, `>` and
/// `&` escaped, and tags of the form `<name attr="value">` / `</name>` from the allow-list below, balanced
/// (void elements unclosed), every URL attribute `http:`, `https:` or `mailto:`. A browser tokenises such text
/// one way only, so what this accepts is what a browser builds.
struct OutputCheck {
    static let elements: Set<String> = [
        "a", "abbr", "acronym", "b", "bdi", "big", "blockquote", "br", "caption", "cite", "code", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small",
        "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
        "tr", "tt", "u", "ul", "var", "wbr",
    ]
    static let voids: Set<String> = ["br", "hr", "img", "wbr"]
    static let attributes: Set<String> = [
        "href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "start", "cite", "datetime", "rel",
        "class", "loading", "referrerpolicy",
    ]
    static let urlAttributes: Set<String> = ["href", "src", "cite"]

    /// What is wrong with `html`, one line each; empty when nothing is.
    static func problems(_ html: String) -> [String] {
        var problems: [String] = []
        let lower = html.lowercased()
        for needle in [
            "<script", "<style", "<iframe", "<object", "<embed", "<svg", "<math", "<base", "<meta", "<link", "<form",
            "<input", "<button", "<template", "<noscript", "<!--", "javascript:", "vbscript:", " style=", " id=",
        ] where lower.contains(needle) {
            problems.append("contains \(needle)")
        }
        var open: [String] = []
        var depth = 0
        let scalars = Array(html.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == ">" {
                problems.append("unescaped > in text")
            } else if scalar == "&" {
                let rest = String(String.UnicodeScalarView(scalars[index..<min(index + 6, scalars.count)]))
                if !["&amp;", "&lt;", "&gt;", "&quot;"].contains(where: { rest.hasPrefix($0) }) {
                    problems.append("unknown entity at \(rest)")
                }
            } else if scalar == "<" {
                guard let end = scalars[index...].firstIndex(of: ">") else {
                    problems.append("unterminated tag")
                    break
                }
                let tag = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                index = end
                if tag.hasPrefix("/") {
                    let name = String(tag.dropFirst())
                    if open.last != name { problems.append("</\(name)> closes \(open.last ?? "nothing")") } else { open.removeLast() }
                    index += 1
                    continue
                }
                problems += tagProblems(tag, open: &open)
                depth = max(depth, open.count)
            }
            index += 1
        }
        if !open.isEmpty { problems.append("left open: \(open)") }
        return problems
    }

    /// The deepest nesting of elements in `html` (as written, assuming it passed `problems`).
    static func depth(_ html: String) -> Int {
        var open = 0
        var deepest = 0
        var rest = Substring(html)
        while let start = rest.firstIndex(of: "<") {
            let end = rest[start...].firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[rest.index(after: start)..<end]
            let name = tag.prefix { $0 != " " }
            if tag.hasPrefix("/") {
                open -= 1
            } else if !voids.contains(String(name)) {
                open += 1
                deepest = max(deepest, open)
            }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
        }
        return deepest
    }

    private static func tagProblems(_ tag: String, open: inout [String]) -> [String] {
        var problems: [String] = []
        let name = String(tag.prefix { $0 != " " })
        if !elements.contains(name) { problems.append("element <\(name)>") }
        if !voids.contains(name) { open.append(name) }
        var rest = tag.dropFirst(name.count)
        while !rest.isEmpty {
            guard rest.hasPrefix(" "), let equals = rest.firstIndex(of: "="),
                rest[rest.index(after: equals)...].hasPrefix("\"")
            else {
                problems.append("malformed attributes in <\(tag)>")
                break
            }
            let attribute = String(rest[rest.index(after: rest.startIndex)..<equals])
            let valueStart = rest.index(equals, offsetBy: 2)
            guard let valueEnd = rest[valueStart...].firstIndex(of: "\"") else {
                problems.append("unterminated value in <\(tag)>")
                break
            }
            let value = String(rest[valueStart..<valueEnd])
            rest = rest[rest.index(after: valueEnd)...]
            if !attributes.contains(attribute) || attribute.hasPrefix("on") {
                problems.append("attribute \(attribute) on <\(name)>")
            }
            if value.contains("<") || value.contains(">") { problems.append("unescaped < or > in \(attribute)") }
            if urlAttributes.contains(attribute) {
                let decoded = value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
                let allowed = ["http://", "https://", "mailto:"].contains { decoded.hasPrefix($0) }
                if !allowed || decoded.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
                    problems.append("\(attribute)=\"\(value)\" on <\(name)>")
                }
            }
        }
        return problems
    }
}
