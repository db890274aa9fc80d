/// Where the time of a fetch went (its last attempt, redirects included).
public struct FetchTimings: Sendable, Hashable {
    /// From the start of the attempt to the last body byte.
    public var total: Duration
    /// From the start of the attempt until the connection was ready (zero when one was reused).
    public var connect: Duration
    /// From the start of the attempt until the first response byte.
    public var timeToFirstByte: Duration

    /// Creates timings.
    public init(total: Duration, connect: Duration, timeToFirstByte: Duration) {
        self.total = total
        self.connect = connect
        self.timeToFirstByte = timeToFirstByte
    }
}

/// The final response of a fetch: any status, including 3xx-without-location, 4xx and 5xx.
///
/// A non-2xx status is not an error: the crawl records it (a 404 means the thread is gone). Retryable
/// statuses (408, 429, 500, 502, 503, 504) are retried first; the response of the last attempt is returned.
public struct FetchResponse: Sendable, Hashable {
    /// The HTTP status code of the final response.
    public var status: Int
    /// The header fields of the final response, in order (redirect responses are not included).
    public var headers: HTTPHeaders
    /// The body bytes as received after content decoding (gzip, deflate, br, zstd); never re-encoded.
    public var body: [UInt8]
    /// The URL the caller asked for.
    public var requestedURL: String
    /// The URL of the final response, after redirects.
    public var finalURL: String
    /// Redirects followed to reach `finalURL`.
    public var redirectCount: Int
    /// Attempts made, retries included (1 when the first attempt answered).
    public var attempts: Int
    /// Where the time of the last attempt went.
    public var timings: FetchTimings

    /// Creates a response.
    public init(
        status: Int,
        headers: HTTPHeaders,
        body: [UInt8],
        requestedURL: String,
        finalURL: String,
        redirectCount: Int = 0,
        attempts: Int = 1,
        timings: FetchTimings = FetchTimings(total: .zero, connect: .zero, timeToFirstByte: .zero)
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.redirectCount = redirectCount
        self.attempts = attempts
        self.timings = timings
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
    /// Whether the server answered 304: the caller's copy (by `etag`/`lastModified`) is current.
    public var isNotModified: Bool { status == 304 }
    /// The raw `Content-Type` header.
    public var contentType: String? { headers["Content-Type"] }
    /// The media type of `Content-Type`, lowercased (`text/html`).
    public var mediaType: String? { contentType.flatMap { MediaType(parsing: $0)?.essence } }
    /// The `charset` parameter of `Content-Type` exactly as declared (`ISO-8859-1`), without validation.
    public var declaredCharset: String? { contentType.flatMap { MediaType(parsing: $0)?.charset } }
    /// The `Content-Encoding` the server applied (already decoded in `body`).
    public var contentEncoding: String? { headers["Content-Encoding"] }
    /// The `ETag` to send next time as `FetchRequest.etag`.
    public var etag: String? { headers["ETag"] }
    /// The `Last-Modified` value to send next time as `FetchRequest.lastModified`.
    public var lastModified: String? { headers["Last-Modified"] }
}
