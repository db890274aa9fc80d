/// Everything the owner thread needs to run one attempt: plain values, built by the calling task.
struct TransferSpec: Sendable {
    var url: String
    /// Complete request header lines (`Name: value`), besides `User-Agent` and `Accept-Encoding`.
    var headerLines: [String]
    var userAgent: String
    var connectTimeout: Duration
    var timeout: Duration
    var stallTimeout: Duration
    var maxBodyBytes: Int
    /// Keep the first `maxBodyBytes` and stop, instead of failing (robots.txt: RFC 9309 parses a prefix).
    var truncatesAtLimit: Bool
    var maxRedirects: Int
    var usesEnvironmentProxy: Bool
}

/// Why the fetcher itself stopped a transfer.
enum TransferAbort: Sendable, Hashable {
    case bodyLimit
    /// No byte arrived for the stall timeout.
    case stalled
    case redirectLoop(String)
    case cancelled
    case shutdown
}

/// What one attempt produced, read from curl before its handle was freed.
struct TransferOutcome: Sendable {
    /// The `CURLcode` of the transfer (0 is success).
    var curlCode: Int32 = 0
    /// curl's message for a failure (from `CURLOPT_ERRORBUFFER` or `curl_easy_strerror`).
    var curlMessage: String = ""
    var abort: TransferAbort?
    var status: Int = 0
    var headers = HTTPHeaders()
    var body: [UInt8] = []
    var effectiveURL: String = ""
    var redirectCount: Int = 0
    /// The last `Location` header seen (the target of a refused redirect).
    var lastLocation: String?
    /// The `Content-Length` of the final response, if declared.
    var declaredLength: Int?
    var timings = FetchTimings(total: .zero, connect: .zero, timeToFirstByte: .zero)
    /// Whether a connection was made at all (a connect time was recorded or a status arrived).
    var connected: Bool = false
    /// The body was cut at `maxBodyBytes` on purpose (`truncatesAtLimit`).
    var cutAtLimit: Bool = false

    static func aborted(_ reason: TransferAbort) -> TransferOutcome {
        var outcome = TransferOutcome()
        outcome.abort = reason
        return outcome
    }
}
