public import Foundation

/// What `threadkeeper serve` serves and how.
public struct ServerOptions: Sendable {
    /// The archive's folder.
    public var archive: String
    /// The address to listen on: loopback unless the user chose otherwise.
    public var host: String
    /// The port; 0 picks a free one (the tests do).
    public var port: Int
    /// Whether post images load from their forums (off: they show as links).
    public var allowRemoteImages: Bool
    /// The search index file; nil for the archive's default.
    public var indexPath: String?
    /// The zone local times are shown in.
    public var timeZone: TimeZone

    public init(
        archive: String, host: String = "127.0.0.1", port: Int = 8080, allowRemoteImages: Bool = false,
        indexPath: String? = nil, timeZone: TimeZone = .current
    ) {
        self.archive = archive
        self.host = host
        self.port = port
        self.allowRemoteImages = allowRemoteImages
        self.indexPath = indexPath
        self.timeZone = timeZone
    }

    /// Whether `host` reaches only this machine.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
