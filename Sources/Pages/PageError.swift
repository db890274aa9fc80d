/// Why a page could not be made: what was asked for is not in the archive (a server answers 404), or the
/// archive could not be read.
public struct PageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new kinds may be added.
    public struct Code: Sendable, Hashable {
        private let name: String
        /// No such thread, version or story.
        public static let notFound = Code(name: "notFound")
        /// The archive or an export folder could not be read or written.
        public static let failed = Code(name: "failed")
    }

    public var code: Code
    /// One line naming the thread, story or file and the cause.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var isNotFound: Bool { code == .notFound }
    public var description: String { message }
}
