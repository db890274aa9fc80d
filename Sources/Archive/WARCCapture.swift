package import Foundation

/// One HTTP exchange to archive: the request we sent and the response whose body we kept.
///
/// `body` is the body after content decoding (curl undoes gzip, br, …), so the response record stores it with
/// a `Content-Length` of its own and without `Content-Encoding` or `Transfer-Encoding`.
package struct WARCCapture: Sendable, Hashable {
    /// The URL fetched (after redirects: the one whose response this is).
    package var url: String
    /// When the response was received.
    package var date: Date
    /// The request method.
    package var method: String
    /// The request headers we sent, without `Host` (it is derived from `url` unless given here).
    package var requestHeaders: [WARCHeaderField]
    /// The HTTP status code.
    package var status: Int
    /// The reason phrase the server sent, or `nil` for the standard one.
    package var reason: String?
    /// The response headers as received.
    package var responseHeaders: [WARCHeaderField]
    /// The content-decoded response body.
    package var body: [UInt8]

    /// Creates a capture.
    package init(
        url: String,
        date: Date,
        method: String = "GET",
        requestHeaders: [WARCHeaderField] = [],
        status: Int,
        reason: String? = nil,
        responseHeaders: [WARCHeaderField] = [],
        body: [UInt8]
    ) {
        self.url = url
        self.date = date
        self.method = method
        self.requestHeaders = requestHeaders
        self.status = status
        self.reason = reason
        self.responseHeaders = responseHeaders
        self.body = body
    }
}
