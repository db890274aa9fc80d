/// One thing the server does on a connection while answering.
public enum LoopbackStep: Sendable {
    /// Writes bytes and flushes them.
    case send([UInt8])
    /// Waits before the next step.
    case pause(Duration)
    /// Closes with `SO_LINGER` 0, so the client sees a TCP reset.
    case reset
    /// Closes the connection normally.
    case close
}

/// How the server answers one request: a script of steps, then keep-alive or not.
public struct LoopbackResponse: Sendable {
    /// The steps, in order.
    public var steps: [LoopbackStep]
    /// Whether the connection reads the next request after the steps (otherwise it closes).
    public var keepsAlive: Bool

    /// Creates a scripted response.
    public init(steps: [LoopbackStep], keepsAlive: Bool = false) {
        self.steps = steps
        self.keepsAlive = keepsAlive
    }

    /// A well-formed response with `Content-Length`, on a kept-alive connection.
    public static func status(
        _ status: Int, headers: [(String, String)] = [], body: [UInt8] = []
    ) -> LoopbackResponse {
        LoopbackResponse(
            steps: [.send(head(status: status, headers: headers, contentLength: body.count) + body)],
            keepsAlive: true)
    }

    /// A well-formed `text/html; charset=utf-8` (or `contentType`) response.
    public static func text(
        _ text: String, status: Int = 200, contentType: String = "text/html; charset=utf-8",
        headers: [(String, String)] = []
    ) -> LoopbackResponse {
        .status(status, headers: [("Content-Type", contentType)] + headers, body: Array(text.utf8))
    }

    /// A redirect to `location`.
    public static func redirect(to location: String, status: Int = 302) -> LoopbackResponse {
        .status(status, headers: [("Location", location)])
    }

    /// The bytes of a status line and headers (with `Content-Length` when given), ending in the blank line.
    public static func head(status: Int, headers: [(String, String)] = [], contentLength: Int? = nil) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason(for: status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    private static func reason(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
