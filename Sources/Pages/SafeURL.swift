/// Link and image addresses from post bodies, made safe to write into a page.
///
/// The value arrives with entities already decoded by the HTML parser. Every ASCII control character (tab,
/// newline and NUL included) is removed and surrounding spaces trimmed, as browsers do before reading a
/// scheme, so `jav&#x09;ascript:` and `\u{0}javascript:` read as `javascript:`. A relative address is resolved
/// against the page it came from (RFC 3986 §5, `\` read as `/` as browsers do for web addresses); what is
/// left must be `http:` or `https:` with a host, or `mailto:`. Characters a URL may not hold (spaces,
/// quotes, `<`, `>`, anything beyond ASCII) are percent-encoded, so the result is plain ASCII whose scheme
/// a browser reads exactly as it was checked here.
enum SafeURL {
    /// The absolute, allowed form of `value`, or nil when it is empty, not allowed (`javascript:`, `data:`,
    /// `vbscript:`, `file:`…), or relative without a web `base` to resolve it against.
    static func resolve(_ value: String, base: String?) -> String? {
        let reference = cleaned(value)
        guard !reference.isEmpty else { return nil }
        if let scheme = scheme(of: reference) {
            switch scheme {
            case "mailto":
                return encoded("mailto:" + reference.dropFirst(scheme.count + 1))
            case "http", "https":
                let rest = slashed(String(reference.dropFirst(scheme.count + 1)))
                guard rest.hasPrefix("//") else { return nil }
                return webURL(scheme + ":" + rest)
            default:
                return nil
            }
        }
        guard let base, let baseParts = WebParts(cleaned(base)) else { return nil }
        return webURL(baseParts.resolving(slashed(reference)))
    }

    /// The value without ASCII control characters, trimmed of spaces.
    static func cleaned(_ value: String) -> String {
        let kept = value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F || $0 == " " }
        var text = String(String.UnicodeScalarView(kept))
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The lower-cased scheme (`http`) if the reference starts with one.
    private static func scheme(of reference: String) -> String? {
        var scheme = ""
        for scalar in reference.unicodeScalars {
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let isLetter = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
            let isOther = (scalar >= "0" && scalar <= "9") || scalar == "+" || scalar == "-" || scalar == "."
            guard isLetter || (!scheme.isEmpty && isOther) else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// `\` read as `/` before the query, as browsers read web addresses.
    private static func slashed(_ reference: String) -> String {
        var result = ""
        var inPath = true
        for character in reference {
            if character == "?" || character == "#" { inPath = false }
            result.append(inPath && character == "\\" ? "/" : character)
        }
        return result
    }

    /// `url` percent-encoded, if it is a web address with a host.
    private static func webURL(_ url: String) -> String? {
        guard let parts = WebParts(url), !parts.host.isEmpty else { return nil }
        return encoded(parts.scheme + "://" + parts.authority + parts.rest)
    }

    /// Spaces, quotes, `<`, `>`, backticks, `{`, `}`, `|`, `^` and everything beyond ASCII percent-encoded.
    private static func encoded(_ url: some StringProtocol) -> String {
        var result = ""
        for byte in url.utf8 {
            let unsafe = byte >= 0x80 || byte <= 0x20 || byte == 0x7F || "\"<>`{}|^'".utf8.contains(byte)
            if unsafe {
                let hex = Array("0123456789ABCDEF".utf8)
                result.append("%")
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            } else {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }
}

/// An absolute `http(s)://` address split as RFC 3986 resolution needs it.
private struct WebParts {
    var scheme: String
    var authority: String
    /// Path, query and fragment.
    var rest: String
    var host: String

    init?(_ url: String) {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let afterScheme = url[url.index(after: colon)...]
        guard afterScheme.hasPrefix("//") else { return nil }
        let authorityStart = afterScheme.index(afterScheme.startIndex, offsetBy: 2)
        let authorityEnd = afterScheme[authorityStart...].firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        self.scheme = scheme
        authority = String(afterScheme[authorityStart..<authorityEnd])
        rest = String(afterScheme[authorityEnd...])
        var host = Substring(authority)
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = host[..<colon] }
        self.host = String(host)
    }

    private var path: Substring { rest[..<(rest.firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex)] }
    private var pathAndQuery: Substring { rest[..<(rest.firstIndex(of: "#") ?? rest.endIndex)] }

    /// The relative `reference` (no scheme) resolved against this address (RFC 3986 §5.2.2).
    func resolving(_ reference: String) -> String {
        let prefix = scheme + "://" + authority
        if reference.hasPrefix("//") { return scheme + ":" + reference }
        if reference.hasPrefix("#") { return prefix + pathAndQuery + reference }
        if reference.hasPrefix("?") { return prefix + path + reference }
        let end = reference.firstIndex { $0 == "?" || $0 == "#" } ?? reference.endIndex
        let referencePath = reference[..<end]
        let tail = reference[end...]
        if referencePath.hasPrefix("/") { return prefix + Self.removingDotSegments(String(referencePath)) + tail }
        let directory = path.isEmpty ? "/" : String(path[...(path.lastIndex(of: "/") ?? path.startIndex)])
        let merged = (directory.hasPrefix("/") ? directory : "/" + directory) + referencePath
        return prefix + Self.removingDotSegments(merged) + tail
    }

    /// RFC 3986 §5.2.4 on a path that starts with `/`.
    static func removingDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}
