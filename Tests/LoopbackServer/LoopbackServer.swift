import NIOCore
import NIOPosix
import Locking

/// An HTTP/1.1 server on 127.0.0.1 (an ephemeral port) whose answers a closure scripts, so tests and the
/// benchmark can meet slow, broken and hostile servers without leaving the machine.
///
/// It never binds or contacts anything but 127.0.0.1. Request bodies are not read (the fetcher only GETs).
public final class LoopbackServer: Sendable {
    /// Scripts the answer to one request.
    public typealias Handler = @Sendable (LoopbackRequest) -> LoopbackResponse

    private struct Log {
        var countsByPath: [String: Int] = [:]
        var entries: [LoopbackLogEntry] = []
        var nextConnection = 1
    }

    /// The port the server listens on.
    public let port: Int
    /// Connections open at once on this server.
    public let connections: LoopbackGauge
    /// Requests being answered at once on this server (from the end of the head to the last step).
    public let activeRequests: LoopbackGauge
    let connectionGauges: [LoopbackGauge]
    let requestGauges: [LoopbackGauge]
    private let handler: Handler
    private let log = Locked(Log())
    private let keepsLog: Bool
    private let channel = Locked<(any Channel)?>(nil)

    private init(port: Int, handler: @escaping Handler, shared: SharedGauges?, keepsLog: Bool) {
        self.port = port
        let connections = LoopbackGauge()
        let activeRequests = LoopbackGauge()
        self.connections = connections
        self.activeRequests = activeRequests
        self.handler = handler
        self.keepsLog = keepsLog
        connectionGauges = [connections] + (shared.map { [$0.connections] } ?? [])
        requestGauges = [activeRequests] + (shared.map { [$0.activeRequests] } ?? [])
    }

    /// Gauges several servers add to, to measure connections and requests across hosts.
    public struct SharedGauges: Sendable {
        /// Connections open at once, all sharing servers together.
        public let connections = LoopbackGauge()
        /// Requests being answered at once, all sharing servers together.
        public let activeRequests = LoopbackGauge()

        /// Creates gauges at zero.
        public init() {}
    }

    /// Starts a server answering with `handler`; `shared` gauges also count its connections and requests.
    /// `keepsLog` false skips the per-request log (for the benchmark).
    public static func start(
        shared: SharedGauges? = nil, keepsLog: Bool = true, handler: @escaping Handler
    ) async throws -> LoopbackServer {
        let box = Locked<LoopbackServer?>(nil)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let server = box.withLock({ $0 }) else { throw ChannelError.ioOnClosedChannel }
                    let connection = server.log.withLock { log in
                        defer { log.nextConnection += 1 }
                        return log.nextConnection
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ConnectionHandler(server: server, connection: connection))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw ChannelError.unknownLocalAddress
        }
        let server = LoopbackServer(port: port, handler: handler, shared: shared, keepsLog: keepsLog)
        server.channel.withLock { $0 = channel }
        box.withLock { $0 = server }
        return server
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The absolute URL of `path` (which starts with `/`) on this server.
    public func url(_ path: String) -> String { baseURL + path }

    /// How many requests for `path` arrived (query excluded).
    public func requestCount(_ path: String) -> Int { log.withLock { $0.countsByPath[path] ?? 0 } }

    /// Every request so far, in arrival order.
    public var requests: [LoopbackLogEntry] { log.withLock { $0.entries } }

    /// Every request so far, all paths together.
    public var totalRequests: Int { log.withLock { $0.countsByPath.values.reduce(0, +) } }

    /// Stops listening (open connections are left to close on their own or with the client).
    public func stop() async {
        let channel = self.channel.withLock { channel -> (any Channel)? in
            defer { channel = nil }
            return channel
        }
        try? await channel?.close()
    }

    func handle(method: String, target: String, headers: [(name: String, value: String)], connection: Int)
        -> LoopbackResponse
    {
        let path = String(target.prefix { $0 != "?" })
        let sequence = log.withLock { log in
            let count = (log.countsByPath[path] ?? 0) + 1
            log.countsByPath[path] = count
            if keepsLog {
                let agent = headers.first { $0.name.lowercased() == "user-agent" }?.value
                log.entries.append(
                    LoopbackLogEntry(
                        target: target, connection: connection, receivedAt: .now, userAgent: agent))
            }
            return count
        }
        let request = LoopbackRequest(
            method: method, target: target, headers: headers, sequence: sequence, connection: connection)
        return handler(request)
    }
}
