/// The allow-list `BodySanitizer` applies: which elements a post body keeps, which it unwraps (keeping
/// their content), which it renames, and which it drops with everything inside them.
enum SanitizerRules {
    /// What happens to an element.
    enum Action: Equatable {
        /// Kept, with only the attributes its entry allows.
        case keep
        /// Written as the given allowed element (a `<center>` or `<section>` becomes a `<div>`), no attributes.
        case rename(String)
        /// Left out; its children are kept in its place.
        case unwrap
        /// Left out with everything inside it.
        case drop
    }

    /// Elements that never have content or an end tag.
    static let voidElements: Set<String> = ["br", "hr", "img", "wbr"]

    /// Elements kept, and the attributes each may keep (URL-valued ones are checked by `SafeURL`).
    static let allowed: [String: Set<String>] = {
        var allowed: [String: Set<String>] = [:]
        let plain = [
            // text formatting
            "b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "mark", "small", "big", "sub", "sup", "tt",
            "code", "kbd", "samp", "var", "pre", "cite", "dfn", "br", "wbr", "hr", "p", "div",
            "h1", "h2", "h3", "h4", "h5", "h6", "ruby", "rt", "rp", "bdi",
            // lists
            "ul", "li", "dl", "dt", "dd",
            // tables
            "table", "thead", "tbody", "tfoot", "tr", "caption",
            // quotes, figures, spoilers
            "figure", "figcaption", "details", "summary",
        ]
        for name in plain { allowed[name] = [] }
        allowed["a"] = ["href", "title"]
        allowed["img"] = ["src", "alt", "title", "width", "height"]
        allowed["td"] = ["colspan", "rowspan"]
        allowed["th"] = ["colspan", "rowspan"]
        allowed["ol"] = ["start"]
        allowed["blockquote"] = ["cite"]
        allowed["q"] = ["cite"]
        allowed["abbr"] = ["title"]
        allowed["acronym"] = ["title"]
        allowed["time"] = ["datetime"]
        return allowed
    }()

    /// Attributes whose value is a URL.
    static let urlAttributes: Set<String> = ["href", "src", "cite"]

    /// Attributes whose value must be a small whole number (`width="50%"` is allowed for images).
    static let numericAttributes: Set<String> = ["width", "height", "colspan", "rowspan", "start"]

    /// Block containers without meaning of their own: written as `<div>` so their content keeps its lines.
    static let renamedToDiv: Set<String> = [
        "center", "section", "article", "header", "footer", "aside", "nav", "main", "address", "hgroup",
        "fieldset", "legend", "search",
    ]

    /// Dropped with their content: active content, forms, embedded documents and media, document-level
    /// elements, and foreign content (SVG, MathML) whose parsing rules differ from HTML's.
    static let dropped: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "noframes", "object", "embed", "applet", "param",
        "form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "keygen",
        "progress", "meter", "svg", "math", "template", "noscript", "noembed", "base", "meta", "link", "title",
        "head", "audio", "video", "source", "track", "canvas", "dialog", "xmp", "plaintext", "portal", "slot",
        "area", "map", "bgsound", "col", "colgroup", "image", "isindex", "menuitem",
    ]

    /// What to do with the element named `name` (lower case, as libxml2 gives HTML names).
    static func action(for name: String) -> Action {
        if allowed[name] != nil { return .keep }
        if renamedToDiv.contains(name) { return .rename("div") }
        if dropped.contains(name) { return .drop }
        return .unwrap
    }
}
