/// The named counts a forum shows for a thread or a post; `nil` where the page shows none.
public struct Counts: Sendable, Hashable, Codable {
    /// Replies (comments) under the thread or post.
    public var replies: Int?
    /// Times the thread was viewed.
    public var views: Int?
    /// Recommendations, likes, thanks or upvotes given by members.
    public var recommendations: Int?
    /// A net score (points on Hacker News, Reddit, Stack Exchange, Lobsters).
    public var score: Int?

    public init(replies: Int? = nil, views: Int? = nil, recommendations: Int? = nil, score: Int? = nil) {
        self.replies = replies
        self.views = views
        self.recommendations = recommendations
        self.score = score
    }

    /// Whether no count is known.
    public var isEmpty: Bool { replies == nil && views == nil && recommendations == nil && score == nil }

    /// The count with this name (`replies`, `views`, `recommendations`, `score`).
    public subscript(name: String) -> Int? {
        get {
            switch name {
            case "replies": replies
            case "views": views
            case "recommendations": recommendations
            case "score": score
            default: nil
            }
        }
        set {
            switch name {
            case "replies": replies = newValue
            case "views": views = newValue
            case "recommendations": recommendations = newValue
            case "score": score = newValue
            default: break
            }
        }
    }

    /// The names a count can have.
    public static let names = ["replies", "views", "recommendations", "score"]

    /// These counts, with each missing one taken from `other`.
    public func filling(from other: Counts) -> Counts {
        Counts(
            replies: replies ?? other.replies,
            views: views ?? other.views,
            recommendations: recommendations ?? other.recommendations,
            score: score ?? other.score
        )
    }

    private enum CodingKeys: String, CodingKey { case replies, views, recommendations, score }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(replies, forKey: .replies)
        try c.encode(views, forKey: .views)
        try c.encode(recommendations, forKey: .recommendations)
        try c.encode(score, forKey: .score)
    }
}
