public import Archive
public import Hummingbird
import Foundation
import Logging
import Model
import NIOPosix
import Pages
import Search

/// The archive's web reader: threads, stories, versions, diffs, search and Atom feeds over HTTP, read-only
/// on the archive (the search index beside it is derived data it may rebuild).
public struct ReaderServer: Sendable {
    public let options: ServerOptions
    public let reader: ArchiveReader
    let pages: ReaderPages
    let sanitizer: BodySanitizer
    let index: SearchIndex?
    /// Why search is unavailable, when the index could not be opened or built.
    public let searchProblem: String?
    /// Requests seen, when a test asked for them.
    let log: RequestLog?

    /// Opens the archive and its search index (building or correcting the index first when it is missing,
    /// corrupt or behind the archive).
    public init(options: ServerOptions, log: RequestLog? = nil) throws(ArchiveError) {
        self.options = options
        self.log = log
        reader = try ArchiveReader(root: options.archive)
        sanitizer = BodySanitizer(allowRemoteImages: options.allowRemoteImages)
        pages = ReaderPages(
            reader: reader,
            options: PageOptions(linkStyle: .server, timeZone: options.timeZone, allowRemoteImages: options.allowRemoteImages),
            keepsPosts: true)
        do {
            index = try SearchIndex.open(archive: reader, at: options.indexPath)
            searchProblem = nil
        } catch {
            index = nil
            searchProblem = error.description
        }
    }

    /// The application: routes behind the security headers.
    public func application(onReady: @escaping @Sendable (_ port: Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let router = Router()
        // Outermost first: the headers go on every response, error pages included.
        router.add(middleware: SecurityHeaders(allowRemoteImages: options.allowRemoteImages))
        router.add(middleware: ErrorPages(pages: pages, log: log))
        ReaderRoutes(server: self).add(to: router)
        return Application(
            responder: HeadAsGet(inner: router.buildResponder()),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? 0) },
            logger: Self.quietLogger()
        )
    }

    /// Serves until SIGINT or SIGTERM.
    public func run(onReady: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) async throws {
        try await application(onReady: onReady).runService()
    }

    /// Runs blocking archive reads off the event loops.
    func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    private static func quietLogger() -> Logger {
        var logger = Logger(label: "threadkeeper.serve")
        logger.logLevel = .warning
        return logger
    }
}
