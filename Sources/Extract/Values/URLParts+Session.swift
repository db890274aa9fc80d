import Foundation

extension URLParts {
    /// Query parameter names forum engines use for session ids.
    static let sessionParameters: Set<String> = ["phpsessid", "sid", "s", "sessionid", "session_id", "jsessionid",
                                                 "oscsid", "zenid", "cfid", "cftoken"]

    /// Removes session-id query parameters (a known name with a token-like value: 16 or more hex
    /// digits or letters and digits) and `;jsessionid=…` path parameters.
    mutating func removeSessionIDs() {
        if let range = path.range(of: ";jsessionid=", options: .caseInsensitive) {
            path = String(path[..<range.lowerBound])
        }
        guard let query, !query.isEmpty else { return }
        let kept = query.split(separator: "&", omittingEmptySubsequences: false).filter { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, Self.sessionParameters.contains(parts[0].lowercased()) else { return true }
            return !Self.isToken(parts[1])
        }
        let joined = kept.joined(separator: "&")
        self.query = joined.isEmpty ? nil : joined
    }

    private static func isToken(_ value: Substring) -> Bool {
        value.utf8.count >= 16 && value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D
        }
    }
}
