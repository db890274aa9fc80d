/// Why a fetch failed: a transport failure, a limit, a refusal or a robots.txt rule.
///
/// HTTP statuses are not errors (see `FetchResponse`). `description` is one line naming the URL and the
/// cause, for example `http://127.0.0.1:8080/big: body exceeds 20971520 bytes`.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; new kinds may be added, so switch with a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidURL, invalidRequest, unsupportedScheme, disallowedByRobots
            case connectFailed, timedOut, stalled, tlsFailed
            case bodyTooLarge, decompressedTooLarge, badContentEncoding, truncated, invalidResponse
            case tooManyRedirects, redirectLoop, redirectRefused
            case transferFailed, cancelled, shutdown
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The name of the code, such as `bodyTooLarge`.
        public var description: String { base.rawValue }

        /// The URL could not be parsed, or has no host.
        public static let invalidURL = Code(.invalidURL)
        /// A request header had a bad name or a value with CR or LF.
        public static let invalidRequest = Code(.invalidRequest)
        /// The URL's scheme is not `http` or `https`; nothing was sent.
        public static let unsupportedScheme = Code(.unsupportedScheme)
        /// robots.txt forbids the URL, or could not be fetched (5xx or unreachable: complete disallow).
        public static let disallowedByRobots = Code(.disallowedByRobots)
        /// No connection: refused, unreachable, name not resolved, or closed before any response.
        public static let connectFailed = Code(.connectFailed)
        /// The connect timeout or the total timeout passed.
        public static let timedOut = Code(.timedOut)
        /// No byte arrived for `stallTimeout`.
        public static let stalled = Code(.stalled)
        /// The TLS handshake or certificate check failed.
        public static let tlsFailed = Code(.tlsFailed)
        /// The body (identity encoded) is larger than `maxBodyBytes`.
        public static let bodyTooLarge = Code(.bodyTooLarge)
        /// The body inflates to more than `maxBodyBytes` (a compression bomb, or just big).
        public static let decompressedTooLarge = Code(.decompressedTooLarge)
        /// The body could not be decoded with its `Content-Encoding`.
        public static let badContentEncoding = Code(.badContentEncoding)
        /// The body ended early: connection reset or closed before `Content-Length` bytes.
        public static let truncated = Code(.truncated)
        /// The server's answer was not valid HTTP.
        public static let invalidResponse = Code(.invalidResponse)
        /// More than `maxRedirects` redirects.
        public static let tooManyRedirects = Code(.tooManyRedirects)
        /// A redirect led back to a URL already visited in this fetch.
        public static let redirectLoop = Code(.redirectLoop)
        /// A redirect pointed to a scheme other than `http`/`https` (`file://`, `ftp://`, …).
        public static let redirectRefused = Code(.redirectRefused)
        /// Any other transport failure (the detail carries curl's message).
        public static let transferFailed = Code(.transferFailed)
        /// The calling task was cancelled.
        public static let cancelled = Code(.cancelled)
        /// The client was shut down.
        public static let shutdown = Code(.shutdown)

        /// Whether another attempt may succeed (connection failures, timeouts, stalls, truncation).
        var isRetryable: Bool {
            switch base {
            case .connectFailed, .timedOut, .stalled, .truncated: true
            default: false
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// The URL the caller asked for.
    public let url: String
    /// The cause in words, such as `body exceeds 20971520 bytes`.
    public let detail: String
    /// Attempts made before giving up (0 when nothing was sent).
    public let attempts: Int
    /// From the start of the first attempt to giving up, backoff waits included (nil when not measured).
    public let elapsed: Duration?

    /// Creates an error.
    public init(code: Code, url: String, detail: String, attempts: Int = 0, elapsed: Duration? = nil) {
        self.code = code
        self.url = url
        self.detail = detail
        self.attempts = attempts
        self.elapsed = elapsed
    }

    /// One line: the URL, the cause, and the attempts and the time they took when there were retries
    /// (`… (after 4 attempts in 4.0 s)`).
    public var description: String {
        let line = "\(url): \(detail)\(retries)"
        return String(line.map { $0.isNewline ? " " : $0 })
    }

    /// ` (after 4 attempts in 4.0 s)` when there were retries, else empty.
    var retries: String {
        guard attempts > 1 else { return "" }
        let time = elapsed.map { duration in
            let (seconds, attoseconds) = duration.components
            let tenths = Int(((Double(seconds) + Double(attoseconds) / 1e18) * 10).rounded())
            return " in \(tenths / 10).\(tenths % 10) s"
        }
        return " (after \(attempts) attempts\(time ?? ""))"
    }
}
