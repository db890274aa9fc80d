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
                    builder.append(content)
                }
            }
            return false
        case XML_ELEMENT_NODE:
            switch ElementKind(node.pointee.name) {
            case .skipped:
                return false
            case .lineBreak:
                builder.lineBreakFromBR()
                return false
            case .paragraph:
                builder.paragraphBreak()
            case .preformatted:
                builder.paragraphBreak()
                preformatted += 1
                builder.startPreformatted()
            case .block:
                builder.lineBreak()
            case .cell:
                builder.append(" ")
            case .other:
                break
            }
            return true
        default:
            return false
        }
    }

    /// Adds what ends after the children of an element `enter` walked into.
    private static func leave(_ node: xmlNodePtr, _ builder: inout TextBuilder, _ preformatted: inout Int) {
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        switch ElementKind(node.pointee.name) {
        case .preformatted:
            preformatted -= 1
            builder.endPreformatted()
            builder.paragraphBreak()
        case .paragraph:
            builder.paragraphBreak()
        case .block:
            builder.lineBreak()
        default:
            break
        }
    }

    /// All text on one line: every run of whitespace (newlines included) becomes one space, trimmed;
    /// blocks and cells are separated by a space, `<script>`/`<style>` skipped. For titles, names and counts.
    public var lineText: String {
        Self.collapse(text)
    }

    /// `text` collapsed to one line.
    public static func collapse(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte < 0x80 {
                if TextBuilder.isASCIIWhitespace(byte) {
                    pendingSpace = !output.isEmpty
                } else {
                    if pendingSpace { output.append(0x20) }
                    pendingSpace = false
                    output.append(byte)
                }
                continue
            }
            var scalar = TextBuilder.Scalar(lead: byte)
            while scalar.needsMore, let next = utf8.next() { scalar.add(next) }
            if scalar.isWhitespace {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                scalar.write(to: &output)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// What an element does to the text around it.
    private enum ElementKind {
        /// Not text for people: `<script>`, `<style>`, `<head>`…
        case skipped
        /// `<br>`
        case lineBreak
        /// Separated by a blank line: `<p>`, `<blockquote>`, `<ul>`, headings…
        case paragraph
        /// `<pre>`
        case preformatted
        /// On lines of its own: `<div>`, `<li>`…
        case block
        /// `<td>`, `<th>`: separated by a space.
        case cell
        case other

        /// The kind of the element named `name` (libxml2 gives HTML element names in lower case), read
        /// from the bytes without making a string.
        init(_ name: UnsafePointer<xmlChar>?) {
            guard let name else {
                self = .other
                return
            }
            // Every name below has at most 10 bytes; pack the first 8 into a word, the rest into another.
            var head: UInt64 = 0
            var tail: UInt64 = 0
            var length = 0
            while length < 11 {
                let byte = name[length]
                if byte == 0 { break }
                if length < 8 {
                    head |= UInt64(byte) << (8 * UInt64(length))
                } else {
                    tail |= UInt64(byte) << (8 * UInt64(length - 8))
                }
                length += 1
            }
            guard length <= 10 else {
                self = .other
                return
            }
            self = Self.kinds[Key(head: head, tail: tail)] ?? .other
        }

        private struct Key: Hashable {
            var head: UInt64
            var tail: UInt64

            init(head: UInt64, tail: UInt64) {
                self.head = head
                self.tail = tail
            }

            init(_ name: String) {
                head = 0
                tail = 0
                for (index, byte) in name.utf8.enumerated() {
                    if index < 8 {
                        head |= UInt64(byte) << (8 * UInt64(index))
                    } else {
                        tail |= UInt64(byte) << (8 * UInt64(index - 8))
                    }
                }
            }
        }

        private static let kinds: [Key: ElementKind] = {
            var kinds: [Key: ElementKind] = [:]
            for name in ["script", "style", "noscript", "template", "head", "iframe"] { kinds[Key(name)] = .skipped }
            for name in ["p", "blockquote", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl",
                         "figure"]
            {
                kinds[Key(name)] = .paragraph
            }
            for name in ["div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "aside", "nav",
                         "main", "form", "figcaption", "address", "details", "summary", "center"]
            {
                kinds[Key(name)] = .block
            }
            kinds[Key("pre")] = .preformatted
            kinds[Key("br")] = .lineBreak
            kinds[Key("td")] = .cell
            kinds[Key("th")] = .cell
            return kinds
        }()
    }
}

/// Builds text a line at a time, collapsing whitespace, allowing at most one blank line in a row.
///
/// Works on UTF-8 bytes: whitespace is Unicode's White_Space, tested without a property lookup for
/// ASCII (nearly all of it).
private struct TextBuilder {
    private var lines: [String] = []
    private var line: [UInt8] = []
    private var pendingSpace = false
    private var blankPending = false
    private var atPreformattedStart = false

    mutating func append(_ text: String) {
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte < 0x80 {
                appendCollapsing(byte)
            } else {
                var scalar = Scalar(lead: byte)
                while scalar.needsMore, let next = utf8.next() { scalar.add(next) }
                appendCollapsing(scalar)
            }
        }
        atPreformattedStart = false
    }

    /// A text node's content. ASCII is read in place; the rest as `String(cString:)` reads it (invalid
    /// UTF-8 repaired), from the first byte that is not ASCII on.
    mutating func append(_ content: UnsafePointer<xmlChar>) {
        var index = 0
        while true {
            let byte = content[index]
            if byte == 0 { break }
            if byte >= 0x80 {
                append(String(cString: content + index))
                return
            }
            appendCollapsing(byte)
            index += 1
        }
        atPreformattedStart = false
    }

    @inline(__always)
    private mutating func appendCollapsing(_ byte: UInt8) {
        if Self.isASCIIWhitespace(byte) {
            pendingSpace = !line.isEmpty
        } else {
            startText()
            line.append(byte)
        }
    }

    private mutating func appendCollapsing(_ scalar: Scalar) {
        if scalar.isWhitespace {
            pendingSpace = !line.isEmpty
        } else {
            startText()
            scalar.write(to: &line)
        }
    }

    /// Before a character that is not whitespace: the blank line and the space waiting for it.
    @inline(__always)
    private mutating func startText() {
        if blankPending, !lines.isEmpty { lines.append("") }
        blankPending = false
        if pendingSpace { line.append(0x20) }
        pendingSpace = false
    }

    /// U+0009–U+000D and U+0020: the ASCII characters with Unicode's White_Space property.
    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// One scalar of valid UTF-8 beyond ASCII, as its bytes.
    struct Scalar {
        private var bytes: (UInt8, UInt8, UInt8, UInt8)
        private var count: Int
        private let length: Int

        init(lead: UInt8) {
            bytes = (lead, 0, 0, 0)
            count = 1
            length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        }

        var needsMore: Bool { count < length }

        mutating func add(_ byte: UInt8) {
            switch count {
            case 1: bytes.1 = byte
            case 2: bytes.2 = byte
            default: bytes.3 = byte
            }
            count += 1
        }

        var value: UInt32 {
            switch length {
            case 2: return UInt32(bytes.0 & 0x1F) << 6 | UInt32(bytes.1 & 0x3F)
            case 3: return UInt32(bytes.0 & 0x0F) << 12 | UInt32(bytes.1 & 0x3F) << 6 | UInt32(bytes.2 & 0x3F)
            default:
                return UInt32(bytes.0 & 0x07) << 18 | UInt32(bytes.1 & 0x3F) << 12 | UInt32(bytes.2 & 0x3F) << 6
                    | UInt32(bytes.3 & 0x3F)
            }
        }

        var isWhitespace: Bool {
            Unicode.Scalar(value)?.properties.isWhitespace ?? false
        }

        func write(to output: inout [UInt8]) {
            output.append(bytes.0)
            if count > 1 { output.append(bytes.1) }
            if count > 2 { output.append(bytes.2) }
            if count > 3 { output.append(bytes.3) }
        }
    }

    /// Text inside `<pre>`: spaces kept, each newline ends a line, blank lines kept.
    mutating func appendPreformatted(_ text: String) {
        for byte in text.utf8 {
            if byte == 0x0A {
                // HTML ignores a newline straight after <pre>.
                if !atPreformattedStart { pushLine(keepingEmpty: true) }
            } else if byte != 0x0D {
                startText()
                line.append(byte)
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
            lines.append(String(decoding: line, as: UTF8.self))
        }
        line.removeAll(keepingCapacity: true)
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
            lines.append(String(decoding: line, as: UTF8.self))
        }
        line.removeAll(keepingCapacity: true)
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
