public import HTML
import Model

/// Why a page could not be extracted. `description` is one line: the file or URL, then the cause.
public struct ExtractError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The bytes are not a readable HTML page (empty, binary, too large, unparseable).
        public static let unreadable = Code("unreadable")
        /// No profile recognises the page and it carries no structured data.
        public static let unknownEngine = Code("unknown engine")
        /// The profile asked for by name is not known.
        public static let unknownProfile = Code("unknown profile")
        /// A profile is malformed (bad JSON, bad XPath, bad pattern).
        public static let invalidProfile = Code("invalid profile")
        /// The profile matched but found neither posts nor thread rows.
        public static let nothingFound = Code("nothing found")
    }

    /// What kind of failure.
    public let code: Code
    /// The file or URL the failure is about.
    public let source: String
    /// The cause, in words.
    public let detail: String
    /// For an `unreadable` page, the HTML layer's own code (`empty`, `binary`, `too large`…).
    public let htmlCode: HTMLError.Code?

    public init(_ code: Code, source: String, _ detail: String, htmlCode: HTMLError.Code? = nil) {
        self.code = code
        self.source = source
        self.detail = detail
        self.htmlCode = htmlCode
    }

    /// One line: a line break in the source's name or in a value the cause quotes is written escaped.
    public var description: String { escapingLineBreaks("\(source): \(detail)") }
}
