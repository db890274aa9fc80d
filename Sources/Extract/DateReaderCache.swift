import Foundation
import Locking

/// Date readers by time zone, formats and locales, shared by every extraction in the process:
/// building one looks up month and day names, which costs more than reading a page's dates.
final class DateReaderCache: Sendable {
    /// The process's cache.
    static let shared = DateReaderCache()

    /// The reader for machine-readable UTC times (ISO 8601, epochs) in schema.org markup.
    static var utc: DateReader { shared.reader(timeZone: .gmt, formats: [], locales: []) }

    private let cache = Locked<[String: DateReader]>([:])

    func reader(timeZone: TimeZone, formats: [String], locales: [String]) -> DateReader {
        let key = ([timeZone.identifier] + formats + ["|"] + locales).joined(separator: "\u{1F}")
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let reader = DateReader(timeZone: timeZone, formats: formats, locales: locales)
        cache.withLock { $0[key] = reader }
        return reader
    }
}
