import Model

/// Why a configuration could not be loaded: the file could not be read, was not JSON, or held a key or
/// value that is not allowed. Its description is one line naming the file, the JSON path and the cause.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; new kinds may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case unreadable
            case notJSON
            case invalidValue
        }

        private let value: Value

        private init(_ value: Value) {
            self.value = value
        }

        /// The file could not be read (missing, a folder, no permission).
        public static let unreadable = Code(.unreadable)
        /// The bytes are not valid JSON (RFC 8259, UTF-8).
        public static let notJSON = Code(.notJSON)
        /// A key or value is not allowed: unknown key, wrong type, out of range, duplicate.
        public static let invalidValue = Code(.invalidValue)

        /// The kind's name, for logs.
        public var description: String {
            switch value {
            case .unreadable: return "unreadable"
            case .notJSON: return "notJSON"
            case .invalidValue: return "invalidValue"
            }
        }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The file (as the user named it) or other source the configuration came from.
    public var source: String
    /// The JSON path of the offending key (`$.sites[0].seeds[1]`) for `invalidValue`; `nil` otherwise.
    public var path: String?
    /// The cause: what was expected and what was found, or why the file could not be read or parsed.
    public var reason: String

    /// Creates an error; prefer the static constructors, which keep `code` and `path` consistent.
    public init(code: Code, source: String, path: String?, reason: String) {
        self.code = code
        self.source = source
        self.path = path
        self.reason = reason
    }

    /// The file could not be read.
    public static func unreadable(_ source: String, reason: String) -> ConfigError {
        ConfigError(code: .unreadable, source: source, path: nil, reason: reason)
    }

    /// The bytes are not valid JSON; `reason` says where (`line 3, column 9: …`).
    public static func notJSON(_ source: String, reason: String) -> ConfigError {
        ConfigError(code: .notJSON, source: source, path: nil, reason: reason)
    }

    /// The value at `path` is not allowed. Other layers (such as Extract validating a profile) use this
    /// to report their findings in the same form.
    public static func invalidValue(_ source: String, path: String, reason: String) -> ConfigError {
        ConfigError(code: .invalidValue, source: source, path: path, reason: reason)
    }

    /// One line: `config.json: $.sites[0].listingPages: expected an integer ≥ 1, found 0`. A line break in a
    /// quoted value (a time zone, a pattern, a file name) is written escaped.
    public var description: String {
        switch code {
        case .unreadable: return escapingLineBreaks("\(source): cannot read: \(reason)")
        case .notJSON: return escapingLineBreaks("\(source): not valid JSON: \(reason)")
        default: return escapingLineBreaks("\(source): \(path ?? "$"): \(reason)")
        }
    }
}
