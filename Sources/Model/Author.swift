/// Who wrote a post, as the page shows them.
public struct Author: Sendable, Hashable, Codable {
    /// The name shown.
    public var name: String?
    /// The author's total number of posts on the forum, where the page shows it.
    public var postCount: Int?
    /// The author's profile page, absolute.
    public var url: String?

    public init(name: String? = nil, postCount: Int? = nil, url: String? = nil) {
        self.name = name
        self.postCount = postCount
        self.url = url
    }

    private enum CodingKeys: String, CodingKey { case name, postCount, url }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(postCount, forKey: .postCount)
        try c.encode(url, forKey: .url)
    }
}
