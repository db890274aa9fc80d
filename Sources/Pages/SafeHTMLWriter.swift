/// Writes HTML from allowed parts only: element names and attribute names come from the sanitiser's
/// allow-list, every text and attribute value is escaped here, every element opened is closed (void
/// elements are never closed), and attribute values are always double-quoted.
struct SafeHTMLWriter {
    private(set) var output = ""
    /// The elements open, innermost last.
    private(set) var open: [String] = []

    /// How many `<a>` elements are open.
    private(set) var openLinks = 0

    /// Writes a start tag with `attributes` (names trusted, values escaped); void elements are not opened.
    mutating func start(_ name: String, _ attributes: [(name: String, value: String)] = []) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\""
            Self.escape(attribute.value, inAttribute: true, into: &output)
            output += "\""
        }
        output += ">"
        if !SanitizerRules.voidElements.contains(name) {
            open.append(name)
            if name == "a" { openLinks += 1 }
        }
    }

    /// Closes the innermost open element.
    mutating func end() {
        guard let name = open.popLast() else { return }
        if name == "a" { openLinks -= 1 }
        output += "</" + name + ">"
    }

    /// Writes `text`, escaped.
    mutating func text(_ text: String) {
        Self.escape(text, inAttribute: false, into: &output)
    }

    /// Closes whatever is still open.
    mutating func finish() -> String {
        while !open.isEmpty { end() }
        return output
    }

    /// `&`, `<` and `>` as entities, and `"` in attribute values; NUL dropped.
    static func escape(_ text: String, inAttribute: Bool, into output: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where inAttribute: output += "&quot;"
            case "\u{0}": break
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
