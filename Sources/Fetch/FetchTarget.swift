internal import CCurl

/// A request URL parsed the way curl will read it, checked to be `http` or `https` with a host.
struct FetchTarget: Sendable, Hashable {
    /// The URL as curl normalises it (what is sent).
    var url: String
    /// `http` or `https`.
    var scheme: String
    /// The host name, lowercased (IPv6 addresses keep their brackets).
    var host: String
    /// The port, explicit or the scheme's default.
    var port: Int
    /// The path and query, which robots.txt rules are matched against.
    var pathAndQuery: String

    /// The politeness key: transfers to one host name and port share caps and delays.
    var hostKey: String { "\(host):\(port)" }

    /// The robots.txt key: RFC 9309 scopes a robots.txt to scheme, host and port.
    var origin: String { "\(scheme)://\(host):\(port)" }

    /// The robots.txt URL for this target's origin.
    var robotsURL: String {
        let defaultPort = scheme == "https" ? 443 : 80
        return port == defaultPort ? "\(scheme)://\(host)/robots.txt" : "\(scheme)://\(host):\(port)/robots.txt"
    }

    /// The scheme of `text` (lowercased) if it starts with one (RFC 3986: a letter, then letters, digits,
    /// `+`, `-`, `.`, then `:`), so `mailto:` is named even where curl cannot parse the rest.
    static func scheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let candidate = text[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
            candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return candidate.lowercased()
    }

    /// Whether `text` starts with no scheme at all: `example.com/a`, `example.com:8080`, `/path`. A scheme
    /// (`mailto:x`, `ftp://x`) is named as unsupported instead.
    static func lacksScheme(_ text: String) -> Bool {
        guard scheme(of: text) != nil, let colon = text.firstIndex(of: ":") else { return true }
        let rest = text[text.index(after: colon)...]
        // `host:port`: digits after the colon, no `//`.
        return !rest.hasPrefix("//") && rest.first?.isNumber == true
    }

    /// Parses `text`, throwing `invalidURL` or `unsupportedScheme` (the error names `text`).
    init(parsing text: String) throws(FetchError) {
        _ = curlGlobalInitialisation
        guard let handle = curl_url() else {
            throw FetchError(code: .invalidURL, url: text, detail: "invalid URL (out of memory)")
        }
        defer { curl_url_cleanup(handle) }
        // Reject control characters curl would otherwise strip or refuse with a vaguer message.
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw FetchError(code: .invalidURL, url: text, detail: "invalid URL: contains a control character")
        }
        if Self.lacksScheme(text) {
            throw FetchError(
                code: .invalidURL, url: text, detail: "invalid URL: the scheme is missing (http:// or https://)")
        }
        let flags = UInt32(CURLU_NON_SUPPORT_SCHEME)
        let setResult = curl_url_set(handle, CURLUPART_URL, text, flags)
        if let scheme = Self.scheme(of: text), scheme != "http", scheme != "https" {
            throw FetchError(
                code: .unsupportedScheme, url: text,
                detail: "unsupported scheme '\(scheme)': only http and https are fetched")
        }
        guard setResult == CURLUE_OK else {
            let reason = String(cString: curl_url_strerror(setResult))
            throw FetchError(code: .invalidURL, url: text, detail: "invalid URL: \(reason)")
        }
        func part(_ which: CURLUPart, _ flags: Int32 = 0) -> String? {
            var pointer: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, which, &pointer, UInt32(flags)) == CURLUE_OK, let pointer else { return nil }
            defer { curl_free(pointer) }
            return String(cString: pointer)
        }
        let scheme = (part(CURLUPART_SCHEME) ?? "").lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw FetchError(
                code: .unsupportedScheme, url: text,
                detail: "unsupported scheme '\(scheme)': only http and https are fetched")
        }
        guard let host = part(CURLUPART_HOST), !host.isEmpty else {
            throw FetchError(code: .invalidURL, url: text, detail: "invalid URL: no host")
        }
        guard let portText = part(CURLUPART_PORT, CURLU_DEFAULT_PORT), let port = Int(portText) else {
            throw FetchError(code: .invalidURL, url: text, detail: "invalid URL: bad port")
        }
        guard let normalised = part(CURLUPART_URL) else {
            throw FetchError(code: .invalidURL, url: text, detail: "invalid URL")
        }
        let path = part(CURLUPART_PATH) ?? "/"
        let query = part(CURLUPART_QUERY)
        self.url = normalised
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.pathAndQuery = (path.isEmpty ? "/" : path) + (query.map { "?" + $0 } ?? "")
    }
}
