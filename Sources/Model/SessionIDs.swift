/// Session ids that forum engines append to links: they differ per visit, so a link or a post body must be
/// compared without them. One list for the extractor (which drops them from links) and the archive (which
/// ignores them when it decides whether a post changed).
public enum SessionIDs {
    /// Query parameter names forum engines use for session ids (compared in lower case).
    public static let parameterNames: Set<String> = [
        "phpsessid", "sid", "s", "sessionid", "session_id", "jsessionid", "oscsid", "zenid", "cfid", "cftoken",
    ]

    /// Whether a parameter value looks like a session token: 16 or more ASCII letters, digits or `-`.
    public static func isToken(_ value: Substring) -> Bool {
        value.utf8.count >= 16 && value.utf8.allSatisfy(isTokenByte)
    }

    /// `text` (a URL or a fragment of HTML) with every session-id parameter removed: `name=TOKEN` after `?`,
    /// `&`, `&amp;` or `;` for a known name, and `;jsessionid=TOKEN` path parameters.
    public static func removed(from text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "=")) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: ";"),
                let end = sessionParameterEnd(bytes, nameStart: index + 1)
            {
                // Keep the separator for what follows a `?`, drop it otherwise.
                if byte == UInt8(ascii: "?") {
                    output.append(byte)
                    index = end
                    // `?sid=…&x=1` → `?x=1`
                    if index < bytes.count, bytes[index] == UInt8(ascii: "&") {
                        index += bytes[index...].starts(with: Array("&amp;".utf8)) ? 5 : 1
                    }
                } else {
                    index = end
                }
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The end of `name=TOKEN` starting at `nameStart` (after an optional `amp;`), when the name is a session
    /// parameter and the value a token.
    private static func sessionParameterEnd(_ bytes: [UInt8], nameStart: Int) -> Int? {
        var start = nameStart
        if bytes[start...].starts(with: Array("amp;".utf8)) { start += 4 }
        var equals = start
        while equals < bytes.count, equals - start <= 16, bytes[equals] != UInt8(ascii: "=") {
            guard isNameByte(bytes[equals]) else { return nil }
            equals += 1
        }
        guard equals < bytes.count, bytes[equals] == UInt8(ascii: "="), equals > start else { return nil }
        let name = String(decoding: bytes[start..<equals], as: UTF8.self).lowercased()
        guard parameterNames.contains(name) else { return nil }
        var end = equals + 1
        while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
        guard end - equals - 1 >= 16 else { return nil }
        return end
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x2D
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isTokenByte(byte) || byte == UInt8(ascii: "_")
    }
}
