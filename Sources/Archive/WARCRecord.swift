package import Foundation

/// One WARC record read back: its header fields and block, and for HTTP records the message inside.
///
/// Parsing checks what a reader can check: the version line, `Content-Length` against the block, the closing
/// line breaks, `WARC-Block-Digest` over the block and, for responses, `WARC-Payload-Digest` over the body.
package struct WARCRecord: Sendable {
    /// The WARC header fields in order (`WARC-Type`, `WARC-Record-ID`, …, `Content-Length`).
    package let headers: [WARCHeaderField]
    /// The record's block: for an HTTP record, the whole HTTP message.
    package let block: [UInt8]
    /// For `response`, `revisit` and `request` records holding HTTP: the status code (responses only).
    package let httpStatus: Int?
    /// For HTTP records: the status or request line.
    package let httpStartLine: String?
    /// For HTTP records: the HTTP header fields in order.
    package let httpHeaders: [WARCHeaderField]
    /// For HTTP records: the bytes after the HTTP headers (a response's body; empty for a revisit); otherwise
    /// the whole block.
    package let payload: [UInt8]

    /// `WARC-Type`: `warcinfo`, `request`, `response`, `revisit`, ….
    package var type: String { header("WARC-Type") ?? "" }
    /// `WARC-Record-ID`, with its angle brackets.
    package var recordID: String? { header("WARC-Record-ID") }
    /// `WARC-Target-URI`, without angle brackets.
    package var targetURI: String? {
        guard var uri = header("WARC-Target-URI") else { return nil }
        if uri.hasPrefix("<") && uri.hasSuffix(">") && uri.count >= 2 { uri = String(uri.dropFirst().dropLast()) }
        return uri
    }
    /// `WARC-Date`.
    package var date: Date? { header("WARC-Date").flatMap(WARCFormat.parseDate) }

    /// The first WARC header field of that name (case-insensitive).
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The first HTTP header field of that name (case-insensitive).
    package func httpHeader(_ name: String) -> String? {
        let lowered = name.lowercased()
        return httpHeaders.first { $0.name.lowercased() == lowered }?.value
    }

    /// Parses one inflated gzip member holding exactly one record, checking lengths and digests.
    ///
    /// Errors carry no file or offset; the caller adds them.
    package init(parsing bytes: [UInt8]) throws(WARCError) {
        guard let headerEnd = Self.endOfHeader(in: bytes[...]) else {
            throw WARCError(code: .malformedRecord, detail: "no blank line ends the WARC header")
        }
        let lines = Self.lines(bytes[..<headerEnd])
        guard let versionLine = lines.first, versionLine.hasPrefix("WARC/1.") else {
            throw WARCError(code: .malformedRecord, detail: "record does not start with a WARC/1.x version line")
        }
        let headers = try Self.fields(lines.dropFirst(), what: "WARC")
        let lengthText = headers.first { $0.name.lowercased() == "content-length" }?.value
        guard let lengthText, let length = Int(trimSpaceAndTab(lengthText)), length >= 0 else {
            throw WARCError(code: .malformedRecord, detail: "missing or bad Content-Length")
        }
        let blockStart = headerEnd + 4
        let available = bytes.count - blockStart
        guard available >= length + 4 else {
            throw WARCError(
                code: .malformedRecord,
                detail: "Content-Length is \(length) but the record holds \(max(0, available - 4)) block bytes"
            )
        }
        guard bytes[(blockStart + length)...].elementsEqual(WARCFormat.crlf + WARCFormat.crlf) else {
            throw WARCError(
                code: .malformedRecord,
                detail: "Content-Length is \(length) but \(available - length) bytes follow the block, not CRLF CRLF"
            )
        }
        self.headers = headers
        self.block = Array(bytes[blockStart..<(blockStart + length)])

        if let label = headers.first(where: { $0.name.lowercased() == "warc-block-digest" })?.value,
            WARCFormat.digest(label, matches: block) == false
        {
            throw WARCError(
                code: .digestMismatch,
                detail: "WARC-Block-Digest mismatch: header says \(label), block is \(WARCFormat.digest(block))"
            )
        }

        let type = (headers.first { $0.name.lowercased() == "warc-type" }?.value ?? "").lowercased()
        let contentType = (headers.first { $0.name.lowercased() == "content-type" }?.value ?? "").lowercased()
        guard contentType.hasPrefix("application/http"), ["response", "revisit", "request"].contains(type) else {
            httpStatus = nil
            httpStartLine = nil
            httpHeaders = []
            payload = block
            return
        }
        guard let httpEnd = Self.endOfHeader(in: block[...]) else {
            throw WARCError(code: .malformedRecord, detail: "no blank line ends the HTTP header of the \(type) record")
        }
        let httpLines = Self.lines(block[..<httpEnd])
        httpStartLine = httpLines.first
        httpHeaders = try Self.fields(httpLines.dropFirst(), what: "HTTP")
        payload = Array(block[(httpEnd + 4)...])
        if type == "request" {
            httpStatus = nil
        } else {
            let parts = (httpLines.first ?? "").split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
                throw WARCError(
                    code: .malformedRecord,
                    detail: "bad HTTP status line \((httpLines.first ?? "").debugDescription)"
                )
            }
            httpStatus = status
        }
        if type == "response",
            let label = headers.first(where: { $0.name.lowercased() == "warc-payload-digest" })?.value,
            WARCFormat.digest(label, matches: payload) == false
        {
            throw WARCError(
                code: .digestMismatch,
                detail: "WARC-Payload-Digest mismatch: header says \(label), payload is \(WARCFormat.digest(payload))"
            )
        }
    }

    /// The index of the CR of the first CRLF CRLF.
    private static func endOfHeader(in bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index + 3 < bytes.endIndex {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func lines(_ bytes: ArraySlice<UInt8>) -> [String] {
        var lines: [String] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 13, index + 1 < bytes.endIndex, bytes[index + 1] == 10 {
                lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(String(decoding: bytes[start..<bytes.endIndex], as: UTF8.self))
        return lines
    }

    /// `Name: value` lines; a line starting with a space or tab continues the previous value.
    private static func fields(_ lines: ArraySlice<String>, what: String) throws(WARCError) -> [WARCHeaderField] {
        var fields: [WARCHeaderField] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + trimSpaceAndTab(line)
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw WARCError(code: .malformedRecord, detail: "bad \(what) header line \(line.debugDescription)")
            }
            let name = String(line[..<colon])
            let value = trimSpaceAndTab(line[line.index(after: colon)...])
            fields.append(WARCHeaderField(name: name, value: value))
        }
        return fields
    }
}

/// `text` without leading and trailing spaces and tabs, the only whitespace around a header value; other
/// whitespace (a no-break space, say) is part of the value.
private func trimSpaceAndTab(_ text: some StringProtocol) -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) })
    else { return "" }
    return String(text[first...last])
}
