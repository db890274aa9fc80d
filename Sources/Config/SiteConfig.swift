/// One forum to crawl (an entry of `sites` in config.json).
public struct SiteConfig: Sendable, Equatable {
    /// Longest site name; the name becomes a folder in the archive.
    public static let maxNameLength = 64

    /// Unique key of the site in the archive: lowercase letters, digits, `_` and `-` (`name`, required).
    public var name: String
    /// The site profile that reads its pages, built-in or from `profiles` (`profile`, required). Whether
    /// the profile exists is for the Extract module to say.
    public var profile: String
    /// A time zone identifier (`America/New_York`) for times the pages show without one; `nil` leaves it to
    /// the profile (`timeZone`, optional).
    public var timeZone: String?
    /// Where crawling starts: http or https URLs of listing or thread pages (`seeds`, required, not empty).
    public var seeds: [String]
    /// Pages of each listing followed, ≥ 1 (`listingPages`, default 1).
    public var listingPages: Int
    /// Pages of each thread fetched, ≥ 1 (`threadPages`, default 50).
    public var threadPages: Int
    /// Forums followed from the board indexes (and sub-forum lists) the site's listing pages show, ≥ 0; each
    /// is read as a listing of up to `listingPages` pages (`forums`, default 50; 0 follows none).
    public var forums: Int
    /// This site's changes to the global `politeness` (`politeness`, optional, partial).
    public var politeness: PolitenessOverrides
    /// This site's changes to the global `fetch` (`fetch`, optional, partial).
    public var fetch: FetchOverrides

    /// Creates a site.
    public init(
        name: String,
        profile: String,
        timeZone: String? = nil,
        seeds: [String],
        listingPages: Int = 1,
        threadPages: Int = 50,
        forums: Int = 50,
        politeness: PolitenessOverrides = PolitenessOverrides(),
        fetch: FetchOverrides = FetchOverrides()
    ) {
        self.name = name
        self.profile = profile
        self.timeZone = timeZone
        self.seeds = seeds
        self.listingPages = listingPages
        self.threadPages = threadPages
        self.forums = forums
        self.politeness = politeness
        self.fetch = fetch
    }

    /// Whether `name` may name a site: 1 to 64 of `a-z`, `0-9`, `_`, `-`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= maxNameLength
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }
}
