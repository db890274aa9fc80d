/// Why a search or an index operation failed: one line naming the index file (or the query) and the cause.
public struct SearchError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure: a query the user can fix, or an index or archive that could not be used.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The query text or a filter is not something we can search for (a web reader answers 400).
        public static let badQuery = Code("badQuery")
        /// The index file could not be opened, read or written.
        public static let index = Code("index")
        /// The archive could not be read.
        public static let archive = Code("archive")

        public var description: String { name }
    }

    public var code: Code
    public var description: String

    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    static func badQuery(_ message: String) -> SearchError { SearchError(.badQuery, "query: \(message)") }

    /// `FILE: action: cause`, the cause being SQLite's message (or any error's description) on one line.
    static func index(_ file: String, _ action: String, _ error: any Error) -> SearchError {
        if let error = error as? SearchError { return error }
        return SearchError(.index, "\(file): \(action): \(cause(error))")
    }

    /// An error's description on one line.
    static func cause(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
