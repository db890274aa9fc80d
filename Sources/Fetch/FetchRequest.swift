/// One resource to fetch, with what the caller already knows about it.
public struct FetchRequest: Sendable, Hashable {
    /// The absolute `http` or `https` URL to fetch.
    public var url: String
    /// The `ETag` of the copy the caller has; sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` value of the copy the caller has; sent as `If-Modified-Since`.
    public var lastModified: String?
    /// Extra request headers (names and values without CR or LF).
    public var headers: HTTPHeaders
    /// Overrides the client's `robots` setting for this request when not `nil`.
    public var respectsRobots: Bool?

    /// Creates a request for `url`.
    public init(
        url: String,
        etag: String? = nil,
        lastModified: String? = nil,
        headers: HTTPHeaders = [],
        respectsRobots: Bool? = nil
    ) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.headers = headers
        self.respectsRobots = respectsRobots
    }
}
