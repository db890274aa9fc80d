import Foundation
import Model

extension URLParts {
    /// Removes session-id query parameters (a known name with a token-like value: 16 or more hex
    /// digits or letters and digits) and `;jsessionid=…` path parameters.
    mutating func removeSessionIDs() {
        if let range = path.range(of: ";jsessionid=", options: .caseInsensitive) {
            path = String(path[..<range.lowerBound])
        }
        guard let query, !query.isEmpty else { return }
        let kept = query.split(separator: "&", omittingEmptySubsequences: false).filter { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, SessionIDs.parameterNames.contains(parts[0].lowercased()) else { return true }
            return !SessionIDs.isToken(parts[1])
        }
        let joined = kept.joined(separator: "&")
        self.query = joined.isEmpty ? nil : joined
    }
}
