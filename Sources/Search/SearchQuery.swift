/// What to search for: the words a person typed, and filters.
///
/// Query syntax (`text`):
/// - words are ANDed: `flock cameras` finds posts with both words (in the post text, its author's name or its
///   thread's title); case and diacritics are ignored (`cafe` finds `Café`);
/// - `"exact phrase"` finds the words next to each other, in that order;
/// - `surveil*` finds words starting with `surveil`;
/// - `-word` or `-"a phrase"` leaves out posts that contain it;
/// - `OR` (upper case) between two terms finds either: `flock OR alpr cameras` is (flock or alpr) and cameras;
/// - `site:du`, `author:erronis` (or `author:"Some Name"`), `from:2025-06-01` and `to:2025-06-30` set the
///   filters from the text; dates may be `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (`from:2025-06 to:2025-06` is June).
///
/// Everything else is a word: punctuation, `NEAR`, `AND`, `(` or `:` have no special meaning, an unclosed quote
/// runs to the end, and a term with no letters or digits (a lone `*` or `-`) is ignored. Filters alone (no
/// words) list the matching posts, newest first.
public struct SearchQuery: Sendable, Hashable {
    /// The words to find, in the syntax above.
    public var text: String
    /// Only threads of this site: its config name (`du`) or its host (`democraticunderground.com`).
    public var site: String?
    /// Only posts by this author (the name as shown, case-insensitive).
    public var author: String?
    /// Only posts published on or after this day (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, UTC).
    public var from: String?
    /// Only posts published on or before this day (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, UTC), inclusive.
    public var to: String?
    /// At most this many hits (1 to 500).
    public var limit: Int
    /// Hits to skip, for the next page.
    public var offset: Int

    /// Filters given here win over the same filters written in `text`.
    public init(
        _ text: String, site: String? = nil, author: String? = nil, from: String? = nil, to: String? = nil,
        limit: Int = 20, offset: Int = 0
    ) {
        self.text = text
        self.site = site
        self.author = author
        self.from = from
        self.to = to
        self.limit = limit
        self.offset = offset
    }

    /// The most hits one search returns.
    public static let maximumLimit = 500
}
