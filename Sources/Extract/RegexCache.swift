import Foundation
import Locking

/// Compiled regular expressions by pattern, shared by every extraction in the process: profiles
/// name a few dozen patterns, and compiling one costs more than using it.
final class RegexCache: Sendable {
    private let cache = Locked<[String: NSRegularExpression]>([:])

    /// The compiled pattern, or nil when it does not compile (profiles are validated on load).
    func regex(_ pattern: String, options: NSRegularExpression.Options = []) -> NSRegularExpression? {
        let key = "\(options.rawValue)/\(pattern)"
        if let cached = cache.withLock({ $0[key] }) { return cached }
        guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else { return nil }
        cache.withLock { $0[key] = regex }
        return regex
    }
}
