/// What a walk over every gzip member of one WARC file found: the good records and the first damage.
///
/// `verify` reports it; `verify --repair` truncates the file to `validLength` when `canRepairByTruncating`.
package struct WARCScan: Sendable, Equatable {
    /// One record that inflated, parsed and passed its digest checks.
    package struct Entry: Sendable, Equatable {
        /// The byte offset of the record's gzip member.
        package var offset: Int
        /// The gzip member's length in bytes (compressed).
        package var length: Int
        /// `WARC-Type`.
        package var type: String
        /// `WARC-Target-URI`, when the record has one.
        package var targetURI: String?
        /// `WARC-Record-ID`, when the record has one.
        package var recordID: String?
    }

    /// A member that could not be read, and why.
    package struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The byte offset where the bad member starts.
        package var offset: Int
        /// Why it is bad: truncated, not gzip, digest mismatch, ….
        package var reason: String

        /// `offset 4096: truncated gzip member …`.
        package var description: String { "offset \(offset): \(reason)" }
    }

    /// The file's name.
    package var file: String
    /// The file's size in bytes when scanned.
    package var fileSize: Int
    /// Every good record, in file order (including any found after damage).
    package var records: [Entry]
    /// Every bad member or stretch of garbage, in file order.
    package var problems: [Problem]
    /// Bytes from the start of the file to the end of the last good member before the first problem.
    package var validLength: Int

    /// The first bad or torn member, if any.
    package var problem: Problem? { problems.first }

    /// Whether cutting the file to `validLength` removes only damage: no good record lies after the first problem.
    package var canRepairByTruncating: Bool {
        guard let problem else { return false }
        return !records.contains { $0.offset > problem.offset }
    }
}
