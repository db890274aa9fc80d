/// Where a page sits among the pages of its thread or listing.
public struct Pagination: Sendable, Hashable, Codable {
    /// This page's number (1-based), where the page shows it.
    public var current: Int?
    /// The number of the last page, where the page shows it.
    public var last: Int?
    /// The next page's absolute URL; `nil` on the last page.
    public var next: String?
    /// The absolute URL of the last page.
    public var lastURL: String?

    public init(current: Int? = nil, last: Int? = nil, next: String? = nil, lastURL: String? = nil) {
        self.current = current
        self.last = last
        self.next = next
        self.lastURL = lastURL
    }

    private enum CodingKeys: String, CodingKey { case current, last, next, lastURL = "lastUrl" }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(current, forKey: .current)
        try c.encode(last, forKey: .last)
        try c.encode(next, forKey: .next)
        try c.encode(lastURL, forKey: .lastURL)
    }
}
