internal import HTML

/// Turns a post body's archived HTML (other people's markup: hostile) into HTML safe to show in a browser.
///
/// The body is parsed with libxml2's HTML parser and written anew from an allow-list: text formatting,
/// links, quotes, lists, code, tables and images keep a few attributes each; containers without meaning
/// of their own are unwrapped; scripts, styles, frames, plug-ins, forms, media, SVG and MathML are dropped
/// with their content; comments too. Links keep only `http:`, `https:` and `mailto:` addresses, resolved
/// against the page, and get `rel="nofollow noopener noreferrer"`. Remote images become links (see
/// `allowRemoteImages`). Output is well-formed, and sanitising it again gives the same string.
public struct BodySanitizer: Sendable {
    /// Whether `<img>` may keep a remote `src` (off by default: loading it tells the forum who reads what).
    ///
    /// When off, an image becomes a link to its address around `<span class="remote-image">` holding its
    /// alt text (or "image"); when on, it stays an `<img>` with `loading="lazy"` and
    /// `referrerpolicy="no-referrer"`.
    public var allowRemoteImages: Bool

    /// The class of the span that stands in for an image not loaded, for the page's style sheet.
    public static let remoteImageClass = "remote-image"

    /// Elements nested deeper than this are unwrapped (their content kept), so no page is built deeper.
    public static let maximumDepth = 100

    /// The `rel` every link gets.
    static let linkRelation = "nofollow noopener noreferrer"

    public init(allowRemoteImages: Bool = false) {
        self.allowRemoteImages = allowRemoteImages
    }

    /// `html` with only allow-listed elements and attributes left; relative links resolved against `baseURL`
    /// (a relative link without one is dropped, its text kept).
    public func sanitize(_ html: String, baseURL: String?) -> String {
        // libxml2 reads NUL as the end of the text (and HTMLDocument takes it for binary data).
        let source = html.utf8.contains(0) ? String(String.UnicodeScalarView(html.unicodeScalars.filter { $0 != "\u{0}" })) : html
        guard let first = clean(source, baseURL: baseURL) else { return Self.escapedText(source) }
        // Unwrapping or dropping an element can leave markup the parser builds a different tree from
        // (a block left inside a `<p>`, a blank kept by a parent that is gone): one more pass over the
        // output reaches the form that parses back to itself.
        guard first.restructured else { return first.html }
        return clean(first.html, baseURL: baseURL)?.html ?? first.html
    }

    /// One pass: parse, walk, write. Nil when libxml2 cannot build a tree.
    private func clean(_ html: String, baseURL: String?) -> (html: String, restructured: Bool)? {
        let wrapped = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        guard let document = try? HTMLDocument(bytes: Array(wrapped.utf8), declaredCharset: "utf-8"),
            let root = document.root
        else { return nil }
        // Content after a `</html>` in the body lands in another top-level element after the root.
        var top = [root]
        while let next = top[top.count - 1].nextSibling { top.append(next) }
        var pass = SanitizingPass(allowRemoteImages: allowRemoteImages, baseURL: baseURL)
        pass.walk(top)
        return (pass.writer.finish(), pass.restructured)
    }

    /// The whole input as text, for the rare input libxml2 builds no tree from.
    private static func escapedText(_ html: String) -> String {
        var output = ""
        SafeHTMLWriter.escape(html, inAttribute: false, into: &output)
        return output
    }
}

/// One walk over a parsed body, writing what the rules allow. Iterative: a body nested 100,000 deep
/// is flattened below `BodySanitizer.maximumDepth`, never recursed into.
private struct SanitizingPass {
    let allowRemoteImages: Bool
    let baseURL: String?
    var writer = SafeHTMLWriter()
    /// Whether anything was unwrapped, renamed, dropped or converted, so the output may parse differently.
    var restructured = false

    init(allowRemoteImages: Bool, baseURL: String?) {
        self.allowRemoteImages = allowRemoteImages
        self.baseURL = baseURL
    }

    private struct Frame {
        var nodes: [Node]
        var index = 0
        /// Whether leaving this frame closes an element the writer opened.
        var closes: Bool
    }

    mutating func walk(_ top: [Node]) {
        var stack = [Frame(nodes: top, closes: false)]
        while let last = stack.indices.last {
            guard stack[last].index < stack[last].nodes.count else {
                if stack.removeLast().closes { writer.end() }
                continue
            }
            let node = stack[last].nodes[stack[last].index]
            stack[last].index += 1
            switch node.kind {
            case .text, .cdata:
                writer.text(node.rawText)
            case .element:
                if let opened = element(node) {
                    stack.append(Frame(nodes: node.children, closes: opened))
                }
            case .comment:
                break
            default:
                restructured = true
            }
        }
    }

    /// Writes the start of `element` if it is kept; returns whether to walk its children, and if so whether
    /// an element was opened for them (nil: skip the children).
    private mutating func element(_ node: Node) -> Bool? {
        let name = node.name
        let action = SanitizerRules.action(for: name)
        if name == "head" || name == "body" || name == "html" {
            // The wrapper of the body itself: not a change to what the body holds.
            if name == "head" { return nil }
            return false
        }
        let tooDeep = writer.open.count >= BodySanitizer.maximumDepth
        switch action {
        case .drop:
            restructured = true
            return nil
        case .unwrap:
            if name == "span", !tooDeep, node.attributes.contains(Node.Attribute(name: "class", value: BodySanitizer.remoteImageClass)) {
                writer.start("span", [("class", BodySanitizer.remoteImageClass)])
                return true
            }
            restructured = true
            return false
        case .rename(let other):
            restructured = true
            if tooDeep { return false }
            writer.start(other)
            return true
        case .keep:
            if name == "img" {
                image(node)
                return nil
            }
            if tooDeep && !SanitizerRules.voidElements.contains(name) {
                restructured = true
                return false
            }
            var attributes = allowedAttributes(of: node, name: name)
            if name == "a" {
                guard writer.openLinks == 0, attributes.contains(where: { $0.name == "href" }) else {
                    restructured = true
                    return false
                }
                attributes.append(("rel", BodySanitizer.linkRelation))
            }
            writer.start(name, attributes)
            return !SanitizerRules.voidElements.contains(name)
        }
    }

    /// The attributes of `node` the rules allow for `name`, URLs resolved and numbers checked.
    private func allowedAttributes(of node: Node, name: String) -> [(name: String, value: String)] {
        guard let allowed = SanitizerRules.allowed[name], !allowed.isEmpty else { return [] }
        var result: [(name: String, value: String)] = []
        for attribute in node.attributes where allowed.contains(attribute.name) {
            if SanitizerRules.urlAttributes.contains(attribute.name) {
                guard let url = SafeURL.resolve(attribute.value, base: baseURL) else { continue }
                result.append((attribute.name, url))
            } else if SanitizerRules.numericAttributes.contains(attribute.name) {
                guard let number = Self.number(attribute.value, name: attribute.name) else { continue }
                result.append((attribute.name, number))
            } else {
                result.append((attribute.name, attribute.value))
            }
        }
        return result
    }

    /// A small whole number (`start` may be negative, `width` and `height` may be percentages).
    private static func number(_ value: String, name: String) -> String? {
        var digits = Substring(value)
        var suffix = ""
        var sign = ""
        if name == "start", digits.hasPrefix("-") {
            sign = "-"
            digits = digits.dropFirst()
        }
        if name == "width" || name == "height", digits.hasSuffix("%") {
            suffix = "%"
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return sign + digits + suffix
    }

    /// An `<img>`: kept when remote images are allowed, else a link to it showing its alt text.
    private mutating func image(_ node: Node) {
        let attributes = allowedAttributes(of: node, name: "img")
        let source = attributes.first { $0.name == "src" && ($0.value.hasPrefix("http:") || $0.value.hasPrefix("https:")) }
        if allowRemoteImages, source != nil {
            writer.start("img", attributes + [("loading", "lazy"), ("referrerpolicy", "no-referrer")])
            return
        }
        restructured = true
        let alt = attributes.first { $0.name == "alt" }?.value.trimmingSpaces ?? ""
        let label = alt.isEmpty ? "image" : alt
        let linked = source != nil && writer.openLinks == 0
        if let source, linked {
            var link = [("href", source.value)]
            if let title = attributes.first(where: { $0.name == "title" }) { link.append(("title", title.value)) }
            writer.start("a", link + [("rel", BodySanitizer.linkRelation)])
        }
        writer.start("span", [("class", BodySanitizer.remoteImageClass)])
        writer.text(label)
        writer.end()
        if linked { writer.end() }
    }
}

extension String {
    /// Without leading and trailing whitespace.
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
