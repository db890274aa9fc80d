internal import Crypto
package import Foundation

/// The bytes of WARC/1.1 records (ISO 28500:2017) and of the HTTP messages inside them.
package enum WARCFormat {
    static let crlf: [UInt8] = [13, 10]
    static let version = "WARC/1.1"

    /// `WARC-Date`: UTC to the second, `2025-06-17T08:17:00Z`.
    package static func date(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }

    /// Reads a `WARC-Date`, with or without fractional seconds.
    package static func parseDate(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// A new `WARC-Record-ID`: `<urn:uuid:…>` in lower case.
    static func newRecordID() -> String { "<urn:uuid:\(UUID().uuidString.lowercased())>" }

    /// The digest labelled as `WARC-Block-Digest` and `WARC-Payload-Digest` carry it: `sha1:` and RFC 4648 base32,
    /// the form Heritrix, wget, warcio and pywb write and compare.
    package static func digest(_ bytes: [UInt8]) -> String {
        "sha1:" + base32(Array(Insecure.SHA1.hash(data: bytes)))
    }

    /// Whether `label` (`sha1:…` or `sha256:…`, base32, base16 or base64) is the digest of `bytes`;
    /// `nil` when the algorithm or encoding is not one we read.
    static func digest(_ label: String, matches bytes: [UInt8]) -> Bool? {
        guard let colon = label.firstIndex(of: ":") else { return nil }
        let algorithm = label[..<colon].lowercased()
        let value = String(label[label.index(after: colon)...])
        let computed: [UInt8]
        switch algorithm {
        case "sha1": computed = Array(Insecure.SHA1.hash(data: bytes))
        case "sha256", "sha-256": computed = Array(SHA256.hash(data: bytes))
        default: return nil
        }
        guard let expected = decodeDigestValue(value, length: computed.count) else { return nil }
        return expected == computed
    }

    /// A record: version line, `fields`, `Content-Length`, blank line, `block`, and the two closing line breaks.
    static func record(fields: [(String, String)], block: [UInt8]) -> [UInt8] {
        var text = version + "\r\n"
        for (name, value) in fields { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(block.count)\r\n\r\n"
        var bytes = Array(text.utf8)
        bytes.reserveCapacity(bytes.count + block.count + 4)
        bytes += block
        bytes += crlf + crlf
        return bytes
    }

    /// The request message: request line, `Host`, our headers, blank line (a GET has no body).
    static func requestBlock(_ capture: WARCCapture) throws(WARCError) -> [UInt8] {
        let target = try requestTarget(capture.url)
        try checkToken(capture.method, what: "method")
        var text = "\(capture.method) \(target.path) HTTP/1.1\r\n"
        if !capture.requestHeaders.contains(where: { $0.name.lowercased() == "host" }) {
            text += "Host: \(target.host)\r\n"
        }
        for field in capture.requestHeaders {
            try check(field)
            text += "\(field.name): \(field.value)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// The response's status line and headers, blank line included, describing the decoded body.
    ///
    /// `Content-Encoding`, `Transfer-Encoding` and `Content-Length` described the bytes on the wire, not `body`:
    /// they are replaced by the body's length, and the encoding is kept as
    /// `X-Threadkeeper-Original-Content-Encoding`. The headers came from a remote server, so they are made safe
    /// rather than refused (a capture is never lost to an odd header): a line break or NUL in a value or in the
    /// reason phrase becomes a space, and a field whose name is not an HTTP token is left out.
    static func responseHeaderBlock(_ capture: WARCCapture) throws(WARCError) -> [UInt8] {
        guard (100...999).contains(capture.status) else {
            throw WARCError(
                code: .invalidCapture,
                detail: "\(capture.url): HTTP status \(capture.status) is not 3 digits"
            )
        }
        let reason = singleLine(capture.reason ?? standardReason(capture.status))
        var text = "HTTP/1.1 \(capture.status) \(reason)\r\n"
        var originalEncodings: [String] = []
        for field in capture.responseHeaders where isToken(field.name) {
            let value = singleLine(field.value)
            switch field.name.lowercased() {
            case "content-encoding": originalEncodings.append(value)
            case "transfer-encoding", "content-length": continue
            default: text += "\(field.name): \(value)\r\n"
            }
        }
        if !originalEncodings.isEmpty {
            text += "X-Threadkeeper-Original-Content-Encoding: \(originalEncodings.joined(separator: ", "))\r\n"
        }
        text += "Content-Length: \(capture.body.count)\r\n\r\n"
        return Array(text.utf8)
    }

    /// The `warcinfo` block (`application/warc-fields`).
    static func warcinfoBlock(software: String) -> [UInt8] {
        let lines = [
            "software: \(singleLine(software))",
            "format: WARC File Format 1.1",
            "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        ]
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The URL as a `WARC-Target-URI` value: checked for characters that would break the header.
    static func checkTargetURI(_ url: String) throws(WARCError) {
        if url.isEmpty || url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            throw WARCError(
                code: .invalidCapture,
                detail: "URL \(url.debugDescription) is empty or has spaces or control characters"
            )
        }
    }

    // MARK: - Helpers

    private static func requestTarget(_ url: String) throws(WARCError) -> (host: String, path: String) {
        try checkTargetURI(url)
        guard let components = URLComponents(string: url), let host = components.percentEncodedHost, !host.isEmpty
        else {
            throw WARCError(code: .invalidCapture, detail: "URL \(url.debugDescription) has no host")
        }
        var hostField = host
        if let port = components.port {
            let scheme = components.scheme?.lowercased()
            let isDefault = (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
            if !isDefault { hostField += ":\(port)" }
        }
        var path = components.percentEncodedPath
        if path.isEmpty { path = "/" }
        if let query = components.percentEncodedQuery { path += "?" + query }
        return (hostField, path)
    }

    private static func check(_ field: WARCHeaderField) throws(WARCError) {
        try checkToken(field.name, what: "header name")
        if field.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw WARCError(code: .invalidCapture, detail: "header \(field.name) has a line break or NUL in its value")
        }
    }

    private static func checkToken(_ token: String, what: String) throws(WARCError) {
        if !isToken(token) {
            throw WARCError(code: .invalidCapture, detail: "\(what) \(token.debugDescription) is not an HTTP token")
        }
    }

    /// Whether `text` is an RFC 9110 token: visible ASCII without separators.
    private static func isToken(_ text: String) -> Bool {
        let separators = Set("()<>@,;:\\\"/[]?={} \t".unicodeScalars)
        return !text.isEmpty
            && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !separators.contains($0) }
    }

    /// `text` with each CR, LF and NUL replaced by a space, so it stays on one header line.
    private static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar == "\r" || scalar == "\n" || scalar == "\0" ? " " : scalar)
        }
        return String(scalars)
    }

    private static func standardReason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }

    // MARK: - Base32 (RFC 4648)

    private static let base32Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func base32(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var buffer: UInt64 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt64(byte)
            bits += 8
            while bits >= 5 {
                output.append(base32Alphabet[Int((buffer >> UInt64(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(base32Alphabet[Int((buffer << UInt64(5 - bits)) & 31)]) }
        while output.count % 8 != 0 { output.append(UInt8(ascii: "=")) }
        return String(decoding: output, as: UTF8.self)
    }

    private static func decodeBase32(_ text: String) -> [UInt8]? {
        var buffer: UInt64 = 0
        var bits = 0
        var output: [UInt8] = []
        for scalar in text.uppercased().utf8 where scalar != UInt8(ascii: "=") {
            guard let index = base32Alphabet.firstIndex(of: scalar) else { return nil }
            buffer = (buffer << 5) | UInt64(index)
            bits += 5
            if bits >= 8 {
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt64(bits - 8)))
                bits -= 8
            }
        }
        return output
    }

    private static func decodeDigestValue(_ value: String, length: Int) -> [UInt8]? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let bytes = decodeBase32(trimmed), bytes.count == length { return bytes }
        if trimmed.count == length * 2, trimmed.allSatisfy(\.isHexDigit) {
            var bytes: [UInt8] = []
            var index = trimmed.startIndex
            while index < trimmed.endIndex {
                let next = trimmed.index(index, offsetBy: 2)
                guard let byte = UInt8(trimmed[index..<next], radix: 16) else { return nil }
                bytes.append(byte)
                index = next
            }
            return bytes
        }
        let base64 = trimmed.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if let data = Data(base64Encoded: base64), data.count == length { return Array(data) }
        return nil
    }
}
