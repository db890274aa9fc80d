/// What one page parses to: a thread page or a listing page.
public enum ExtractedPage: Sendable, Hashable, Codable {
    case thread(Discussion)
    case listing(Listing)

    private enum CodingKeys: String, CodingKey { case kind }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "listing": self = .listing(try Listing(from: decoder))
        default: self = .thread(try Discussion(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .thread(let thread): try thread.encode(to: encoder)
        case .listing(let listing): try listing.encode(to: encoder)
        }
    }
}
