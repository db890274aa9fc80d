/// The news story (external link) a thread discusses.
public struct Story: Sendable, Hashable, Codable {
    /// The link as the page gives it, made absolute.
    public var url: String
    /// The canonical form used to group threads about the same story.
    public var canonical: String

    public init(url: String, canonical: String) {
        self.url = url
        self.canonical = canonical
    }
}
