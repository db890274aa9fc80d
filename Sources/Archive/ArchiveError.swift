/// Why an archive operation failed: one line naming the file, thread or URL and the cause.
public struct ArchiveError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// `PATH: what went wrong (errno text)`.
    static func system(_ path: String, _ action: String, errno code: Int32) -> ArchiveError {
        ArchiveError("\(path): \(action): \(String(cString: strerror(code)))")
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
