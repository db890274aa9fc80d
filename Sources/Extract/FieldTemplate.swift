import Foundation

/// Text with `{…}` placeholders, as a field's `template` and `pattern` write it: `{thread.id}` stands for
/// a value of the thread, anything else between braces is an XPath expression read from the field's node.
///
/// In a template `{{` and `}}` are literal braces. In a pattern only `{thread.NAME}` and `{$definition}`
/// are placeholders: other braces (`\d{6,}`, `\p{Ll}`) are the regular expression's own.
enum FieldTemplate {
    /// Where the text stands, which decides what a brace means.
    enum Kind { case template, pattern }

    /// A piece of a template.
    enum Part: Sendable, Equatable {
        /// Literal text (in a pattern: regular-expression text).
        case text(String)
        /// `{thread.NAME}`: a value the thread already has.
        case thread(String)
        /// `{XPATH}`: the XPath's value at the field's node.
        case xpath(String)

        var isText: Bool {
            if case .text = self { return true }
            return false
        }

        var text: String {
            if case .text(let text) = self { return text }
            return ""
        }

        var xpath: String? {
            if case .xpath(let xpath) = self { return xpath }
            return nil
        }
    }

    /// Why a template does not parse.
    struct SyntaxError: Error {
        let message: String
    }

    /// Splits `text` into literal text and placeholders.
    static func parts(of text: String, in kind: Kind) throws(SyntaxError) -> [Part] {
        let chars = Array(text)
        var parts: [Part] = []
        var literal = ""
        var index = 0
        func flush() {
            if !literal.isEmpty { parts.append(.text(literal)) }
            literal = ""
        }
        while index < chars.count {
            let char = chars[index]
            if kind == .pattern, char == "\\", index + 1 < chars.count {
                literal.append(char)
                literal.append(chars[index + 1])
                index += 2
                continue
            }
            if kind == .template, char == "{" || char == "}", index + 1 < chars.count, chars[index + 1] == char {
                literal.append(char)
                index += 2
                continue
            }
            if char == "}", kind == .template {
                throw SyntaxError(message: "a lone \"}\" in a template (write \"}}\" for a brace)")
            }
            guard char == "{" else {
                literal.append(char)
                index += 1
                continue
            }
            guard let close = closingBrace(chars, from: index + 1) else {
                if kind == .pattern {
                    literal.append(char)
                    index += 1
                    continue
                }
                throw SyntaxError(message: "a \"{\" without its \"}\" in a template (write \"{{\" for a brace)")
            }
            let content = String(chars[(index + 1)..<close])
            // A pattern's own braces (`\d{6,}`, `\p{Ll}`) hold no definition or thread value.
            if kind == .pattern, !(content.hasPrefix("$") || content.hasPrefix("thread.")) {
                literal.append(char)
                index += 1
                continue
            }
            flush()
            parts.append(try placeholder(content.trimmingCharacters(in: .whitespaces)))
            index = close + 1
        }
        flush()
        return parts
    }

    /// The text `parts` came from (placeholders written back between braces).
    static func text(of parts: [Part], in kind: Kind) -> String {
        parts.map { part in
            switch part {
            case .text(let text):
                kind == .template
                    ? text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}") : text
            case .thread(let name): "{thread.\(name)}"
            case .xpath(let xpath): "{\(xpath)}"
            }
        }.joined()
    }

    private static func placeholder(_ content: String) throws(SyntaxError) -> Part {
        guard !content.isEmpty else { throw SyntaxError(message: "an empty placeholder \"{}\"") }
        if content.hasPrefix("thread."), !content.contains(where: { "/[(@ ".contains($0) }) {
            let name = String(content.dropFirst("thread.".count))
            guard Field.threadValues.contains(name) else {
                throw SyntaxError(
                    message:
                        "unknown thread value {thread.\(name)} (expected one of: "
                        + Field.threadValues.sorted().map { "thread.\($0)" }.joined(separator: ", ") + ")")
            }
            return .thread(name)
        }
        return .xpath(content)
    }

    /// The index of the `}` that closes a placeholder opened before `start`, outside XPath string literals.
    private static func closingBrace(_ chars: [Character], from start: Int) -> Int? {
        var quote: Character?
        var index = start
        while index < chars.count {
            let char = chars[index]
            if let open = quote {
                if char == open { quote = nil }
            } else if char == "'" || char == "\"" {
                quote = char
            } else if char == "}" {
                return index
            } else if char == "{" {
                return nil
            }
            index += 1
        }
        return nil
    }
}
