import Archive

/// Every link the pages make, in one of two styles: server paths, or file names relative to the page's own
/// folder in a static export (`depth` folders below the export's root).
struct PageLinks: Sendable {
    var style: LinkStyle
    /// How many folders below the export root the page is (files only): 0 for `index.html`, 1 for
    /// `stories/…`, 3 for `t/H/I/…`.
    var depth: Int

    private var root: String { String(repeating: "../", count: depth) }
    var isServer: Bool { style == .server }

    /// The thread index, page `page`, filtered by site and forum (server only: a static export has no filters).
    func index(page: Int = 1, site: String? = nil, forum: String? = nil) -> String {
        switch style {
        case .server:
            var query: [(String, String)] = []
            if let site { query.append(("site", site)) }
            if let forum { query.append(("forum", forum)) }
            if page > 1 { query.append(("page", String(page))) }
            return "/" + Self.query(query)
        case .files:
            return root + (page > 1 ? "page-\(page).html" : "index.html")
        }
    }

    func stories() -> String { isServer ? "/stories" : root + "stories/index.html" }

    func story(id: String) -> String { isServer ? "/stories/\(id)" : root + "stories/\(id).html" }

    /// The thread as of `version` (the latest when nil).
    func thread(_ key: ThreadKey, version: Int? = nil) -> String {
        let path = key.relativePath
        switch style {
        case .server: return "/t/\(path)" + (version.map { "?v=\($0)" } ?? "")
        case .files: return root + "t/\(path)/" + (version.map { "v-\($0).html" } ?? "index.html")
        }
    }

    func history(_ key: ThreadKey) -> String {
        isServer ? "/t/\(key.relativePath)/history" : root + "t/\(key.relativePath)/history.html"
    }

    func diff(_ key: ThreadKey, from: Int, to: Int) -> String {
        isServer
            ? "/t/\(key.relativePath)/diff?from=\(from)&to=\(to)" : root + "t/\(key.relativePath)/diff-\(from)-\(to).html"
    }

    /// The diff form's action (server only).
    func diffAction(_ key: ThreadKey) -> String? { isServer ? "/t/\(key.relativePath)/diff" : nil }

    func stylesheet() -> String { isServer ? "/static/style.css" : root + "style.css" }

    /// The search form's action; nil in a static export.
    func searchAction() -> String? { isServer ? "/search" : nil }

    /// A page of search results.
    func search(query: String, site: String, author: String, from: String, to: String, page: Int) -> String {
        var items: [(String, String)] = [("q", query)]
        for (name, value) in [("site", site), ("author", author), ("from", from), ("to", to)] where !value.isEmpty {
            items.append((name, value))
        }
        if page > 1 { items.append(("page", String(page))) }
        return "/search" + Self.query(items)
    }

    func threadFeed(_ key: ThreadKey) -> String? { isServer ? "/feeds/thread/\(key.relativePath).atom" : nil }
    func storyFeed(id: String) -> String? { isServer ? "/feeds/story/\(id).atom" : nil }
    func siteFeed(host: String) -> String? { isServer ? "/feeds/site/\(Self.percentEncoded(host)).atom" : nil }

    /// `?a=1&b=2`, values percent-encoded; empty for no items.
    static func query(_ items: [(String, String)]) -> String {
        items.isEmpty ? "" : "?" + items.map { "\($0.0)=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// `text` with every byte but unreserved ones (RFC 3986) percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `url` if it is an absolute http(s) link, safe as an `href` (no `javascript:` and the like).
    static func external(_ url: String?) -> String? {
        guard let url else { return nil }
        let lower = url.prefix(8).lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }
}
