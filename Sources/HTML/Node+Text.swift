internal import CLibXML2

extension Node {
    /// Text for people: whitespace collapsed within lines, block elements and `<br>` start new lines,
    /// paragraphs separated by one blank line (so is a run of `<br>`s), `<pre>` kept as laid out,
    /// `<script>`/`<style>` skipped. Walks the tree without recursion, so a page nested 100,000 deep is fine.
    public var text: String {
        var builder = TextBuilder()
        let walksChildren = [XML_ELEMENT_NODE, XML_HTML_DOCUMENT_NODE, XML_DOCUMENT_NODE].contains(pointer.pointee.type)
        guard walksChildren, let first = pointer.pointee.children else {
            builder.append(rawText)
            return builder.finish()
        }
        var current = first
        var preformatted = 0
        while true {
            let descend = Self.enter(current, &builder, &preformatted)
            if descend, let child = current.pointee.children {
                current = child
                continue
            }
            if descend { Self.leave(current, &builder, &preformatted) }
            var node = current
            while node.pointee.next == nil {
                guard let parent = node.pointee.parent, parent != pointer else { return builder.finish() }
                node = parent
                Self.leave(node, &builder, &preformatted)
            }
            guard let next = node.pointee.next else { return builder.finish() }
            current = next
        }
    }

    /// Adds what starts at `node` to the text; returns whether to walk its children.
    private static func enter(_ node: xmlNodePtr, _ builder: inout TextBuilder, _ preformatted: inout Int) -> Bool {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content {
                if preformatted > 0 {
                    builder.appendPreformatted(String(cString: content))
                } else {
                    builder.append(String(cString: content))
                }
            }
            return false
        case XML_ELEMENT_NODE:
            let name = Self.name(of: node)
            if Self.skipped.contains(name) { return false }
            if name == "br" {
                builder.lineBreakFromBR()
                return false
            }
            if Self.paragraphs.contains(name) {
                builder.paragraphBreak()
                if name == "pre" {
                    preformatted += 1
                    builder.startPreformatted()
                }
            } else if Self.blocks.contains(name) {
                builder.lineBreak()
            } else if name == "td" || name == "th" {
                builder.append(" ")
            }
            return true
        default:
            return false
        }
    }

    /// Adds what ends after the children of an element `enter` walked into.
    private static func leave(_ node: xmlNodePtr, _ builder: inout TextBuilder, _ preformatted: inout Int) {
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        let name = Self.name(of: node)
        if Self.paragraphs.contains(name) {
            if name == "pre" {
                preformatted -= 1
                builder.endPreformatted()
            }
            builder.paragraphBreak()
        } else if Self.blocks.contains(name) {
            builder.lineBreak()
        }
    }

    /// All text on one line: every run of whitespace (newlines included) becomes one space, trimmed;
    /// blocks and cells are separated by a space, `<script>`/`<style>` skipped. For titles, names and counts.
    public var lineText: String {
        Self.collapse(text)
    }

    /// `text` collapsed to one line.
    public static func collapse(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.unicodeScalars.append(" ") }
                pendingSpace = false
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "head", "iframe"]
    private static let paragraphs: Set<String> = ["p", "blockquote", "pre", "ul", "ol", "table", "h1", "h2", "h3",
                                                   "h4", "h5", "h6", "hr", "dl", "figure"]
    private static let blocks: Set<String> = ["div", "li", "tr", "dt", "dd", "section", "article", "header",
                                               "footer", "aside", "nav", "main", "form", "figcaption", "address",
                                               "details", "summary", "center"]
}

/// Builds text a line at a time, collapsing whitespace, allowing at most one blank line in a row.
private struct TextBuilder {
    private var lines: [String] = []
    private var line = ""
    private var pendingSpace = false
    private var blankPending = false
    private var atPreformattedStart = false

    mutating func append(_ text: String) {
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !line.isEmpty
            } else {
                if blankPending, !lines.isEmpty { lines.append("") }
                blankPending = false
                if pendingSpace { line.unicodeScalars.append(" ") }
                pendingSpace = false
                line.unicodeScalars.append(scalar)
            }
        }
        atPreformattedStart = false
    }

    /// Text inside `<pre>`: spaces kept, each newline ends a line, blank lines kept.
    mutating func appendPreformatted(_ text: String) {
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                // HTML ignores a newline straight after <pre>.
                if !atPreformattedStart { pushLine(keepingEmpty: true) }
            } else if scalar != "\r" {
                if blankPending, !lines.isEmpty { lines.append("") }
                blankPending = false
                if pendingSpace { line.unicodeScalars.append(" ") }
                pendingSpace = false
                line.unicodeScalars.append(scalar)
            }
            atPreformattedStart = false
        }
    }

    mutating func startPreformatted() {
        atPreformattedStart = true
    }

    /// Drops the blank lines a `<pre>` ended with.
    mutating func endPreformatted() {
        if line.isEmpty {
            while lines.last == "" { lines.removeLast() }
        }
    }

    private mutating func pushLine(keepingEmpty: Bool) {
        if !line.isEmpty || (keepingEmpty && !lines.isEmpty) {
            if blankPending, !lines.isEmpty, !line.isEmpty { lines.append("") }
            blankPending = false
            lines.append(line)
        }
        line = ""
        pendingSpace = false
    }

    /// `<br>`: ends the line; on an empty line (a second `<br>`), leaves a blank line.
    mutating func lineBreakFromBR() {
        if line.isEmpty {
            if !lines.isEmpty { blankPending = true }
        } else {
            lineBreak()
        }
    }

    mutating func lineBreak() {
        if !line.isEmpty {
            lines.append(line)
        }
        line = ""
        pendingSpace = false
    }

    mutating func paragraphBreak() {
        lineBreak()
        blankPending = true
    }

    mutating func finish() -> String {
        lineBreak()
        return lines.joined(separator: "\n")
    }
}
