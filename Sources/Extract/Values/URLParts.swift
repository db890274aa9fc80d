internal import Foundation
internal import HTML

/// A URL reference split into its RFC 3986 parts, with reference resolution (§5.2).
///
/// Written by hand rather than on `URLComponents` so that real-world hrefs (spaces, Unicode, stray `%`,
/// backslashes) are repaired rather than rejected, and so the result is the same on every platform.
struct URLParts: Equatable {
    /// Lower-cased, or nil for a relative reference.
    var scheme: String?
    /// `userinfo@host:port` split up; nil when the reference has no `//` authority.
    var authority: Authority?
    var path: String
    var query: String?
    var fragment: String?

    struct Authority: Equatable {
        var userinfo: String?
        /// Lower-cased; ASCII (Unicode names are converted to punycode); `[…]` for IPv6.
        var host: String
        var port: Int?
    }

    /// Splits a reference (RFC 3986 appendix B); nil when the authority is malformed.
    ///
    /// Scans UTF-8: every delimiter is ASCII, so its index is a valid `String` index too.
    init?(_ reference: String) {
        var rest = Substring(reference)
        if let colon = rest.utf8.firstIndex(where: {
            $0 == Byte.colon || $0 == Byte.slash || $0 == Byte.question || $0 == Byte.hash
        }),
            rest.utf8[colon] == Byte.colon, Self.isScheme(rest[..<colon].utf8)
        {
            scheme = Self.lowercasedASCII(rest[..<colon])
            rest = rest[rest.utf8.index(after: colon)...]
        }
        if let hash = rest.utf8.firstIndex(of: Byte.hash) {
            fragment = String(rest[rest.utf8.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let mark = rest.utf8.firstIndex(of: Byte.question) {
            query = String(rest[rest.utf8.index(after: mark)...])
            rest = rest[..<mark]
        }
        if rest.utf8.starts(with: [Byte.slash, Byte.slash]) {
            let afterSlashes = rest[rest.utf8.index(rest.startIndex, offsetBy: 2)...]
            let end = afterSlashes.utf8.firstIndex(of: Byte.slash) ?? afterSlashes.endIndex
            guard let parsed = Self.authority(afterSlashes[..<end]) else { return nil }
            authority = parsed
            rest = afterSlashes[end...]
        }
        path = String(rest)
    }

    init(scheme: String?, authority: Authority?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    enum Byte {
        static let colon = UInt8(ascii: ":")
        static let slash = UInt8(ascii: "/")
        static let question = UInt8(ascii: "?")
        static let hash = UInt8(ascii: "#")
        static let at = UInt8(ascii: "@")
        static let dot = UInt8(ascii: ".")
        static let percent = UInt8(ascii: "%")
        static let openBracket = UInt8(ascii: "[")
        static let closeBracket = UInt8(ascii: "]")
    }

    /// ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    private static func isScheme(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first, ByteClass.isASCIILetter(first) else { return false }
        return bytes.allSatisfy { byte in
            ByteClass.isASCIILetter(byte) || ByteClass.isDigit(byte) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == Byte.dot
        }
    }

    /// ASCII letters lower-cased, every other byte as it is.
    static func lowercasedASCII(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(text) }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Parses `userinfo@host:port`; nil for a bad port or a host with characters no host may hold.
    private static func authority(_ text: Substring) -> Authority? {
        var hostPort = text
        var userinfo: String?
        if let at = text.utf8.lastIndex(of: Byte.at) {
            userinfo = String(text[..<at])
            hostPort = text[text.utf8.index(after: at)...]
        }
        var hostText = hostPort
        var portText: Substring?
        if hostPort.utf8.first == Byte.openBracket {
            guard let close = hostPort.utf8.firstIndex(of: Byte.closeBracket) else { return nil }
            let afterClose = hostPort.utf8.index(after: close)
            hostText = hostPort[..<afterClose]
            let after = hostPort[afterClose...]
            if after.utf8.first == Byte.colon {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                return nil
            }
        } else if let colon = hostPort.utf8.lastIndex(of: Byte.colon) {
            hostText = hostPort[..<colon]
            portText = hostPort[hostPort.utf8.index(after: colon)...]
        }
        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.utf8.count <= 5, portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = Int(portText), value <= 65_535
            else { return nil }
            port = value
        }
        guard let host = normalizedHost(hostText) else { return nil }
        return Authority(userinfo: userinfo, host: host, port: port)
    }

    /// The host lower-cased, without a trailing dot, Unicode converted to punycode; nil when invalid.
    private static func normalizedHost(_ text: Substring) -> String? {
        if text.utf8.first == Byte.openBracket {
            let inner = text.utf8.dropFirst().dropLast()
            guard text.utf8.last == Byte.closeBracket, !inner.isEmpty,
                inner.allSatisfy({
                    ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) || $0 == Byte.colon
                        || $0 == Byte.dot
                })
            else { return nil }
            return lowercasedASCII(text)
        }
        var host = String(text)
        if host.utf8.contains(Byte.percent) { host = host.removingPercentEncoding ?? host }
        while host.utf8.last == Byte.dot { host.removeLast() }
        if host.utf8.contains(where: { $0 >= 0x80 }) {
            // Foundation's URL parser applies IDNA (UTS #46) to hosts.
            guard let converted = URL(string: "http://\(host)/")?.host, !converted.utf8.contains(where: { $0 >= 0x80 })
            else { return nil }
            host = converted
        }
        host = lowercasedASCII(Substring(host))
        let allowed = host.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
                || byte == Byte.dot || byte == UInt8(ascii: "_")
        }
        return allowed ? host : nil
    }

    /// This reference resolved against an absolute `base` (RFC 3986 §5.2.2, strict).
    func resolved(against base: URLParts) -> URLParts {
        if scheme != nil {
            var copy = self
            copy.path = Self.removingDotSegments(path)
            return copy
        }
        var target = URLParts(scheme: base.scheme, authority: nil, path: "", query: nil, fragment: fragment)
        if let authority {
            target.authority = authority
            target.path = Self.removingDotSegments(path)
            target.query = query
            return target
        }
        target.authority = base.authority
        if path.isEmpty {
            target.path = base.path
            target.query = query ?? base.query
        } else if path.utf8.first == Byte.slash {
            target.path = Self.removingDotSegments(path)
            target.query = query
        } else {
            let merged: String
            if base.authority != nil, base.path.isEmpty {
                merged = "/" + path
            } else if let slash = base.path.utf8.lastIndex(of: Byte.slash) {
                merged = base.path[...slash] + path
            } else {
                merged = path
            }
            target.path = Self.removingDotSegments(merged)
            target.query = query
        }
        return target
    }

    /// RFC 3986 §5.2.4: `/a/b/../c/./d` → `/a/c/d`.
    static func removingDotSegments(_ path: String) -> String {
        guard path.utf8.contains(Byte.dot) else { return path }
        let absolute = path.utf8.first == Byte.slash
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if absolute { segments.removeFirst() }
        var output: [Substring] = []
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment == "." {
                if isLast { output.append("") }
            } else if segment == ".." {
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            } else {
                output.append(segment)
            }
        }
        return (absolute ? "/" : "") + output.joined(separator: "/")
    }

    /// The reference as text.
    var text: String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let authority {
            out += "//"
            if let userinfo = authority.userinfo { out += userinfo + "@" }
            out += authority.host
            if let port = authority.port { out += ":" + String(port) }
        }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }
}
