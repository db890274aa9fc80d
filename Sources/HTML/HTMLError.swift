/// Why a page could not be read or queried. `description` is one line a person can act on.
public struct HTMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The input holds no bytes (or only whitespace).
        public static let empty = Code("empty")
        /// The input is binary data, not a page.
        public static let binary = Code("binary")
        /// The input is larger than the configured limit.
        public static let tooLarge = Code("too large")
        /// libxml2 could not build a tree at all.
        public static let unparseable = Code("unparseable")
        /// An XPath expression does not compile.
        public static let invalidXPath = Code("invalid XPath")
        /// An XPath expression failed while it ran.
        public static let xpathFailed = Code("XPath failed")
        /// The named character encoding is not supported.
        public static let unsupportedEncoding = Code("unsupported encoding")
    }

    /// What kind of failure.
    public let code: Code
    /// The detail: what was wrong, in words.
    public let detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }
}
