import Extract
import Foundation
import Model
import Testing

/// Synthetic board indexes (issue 8 §6): phpBB 2 subSilver, phpBB 3.0 subsilver2 and 3.3 prosilver board
/// indexes, a prosilver forum with a sub-forum above its topics, SMF 2.0 (tables) and 2.1 (divs: a board as
/// 2.1 release candidates wrote it, with a copy of the description inside the link, and boards as 2.1.x
/// writes them, "Posts: N" first) board indexes, and Vanilla categories pages in the list (with headings,
/// and recent discussions beside them) and table layouts. Each parses as a listing whose `forums` name the boards, with their categories,
/// descriptions and counts; the same markup written by us, with invented names.
@Suite("Board indexes: a forum's list of forums")
struct BoardIndexTests {
    private static let phpBB = Fixture("phpbb")
    private static let smf = Fixture("smf")
    private static let vanilla = Fixture("vanilla")

    /// Every board index is recognised by its engine's profile and read as a listing of forums, without
    /// being told the profile. (The pages without a canonical link are given their address, which their
    /// relative forum links need.)
    @Test(arguments: [
        ("phpbb", "phpbb2-subsilver-index.html", 2, 0),
        ("phpbb", "phpbb30-subsilver2-index.html", 2, 0),
        ("phpbb", "phpbb33-prosilver-index.html", 3, 0),
        ("phpbb", "phpbb33-viewforum-subforums.html", 1, 2),
        ("smf", "smf20-boardindex.html", 2, 0),
        ("smf", "smf21-boardindex.html", 3, 0),
        ("smf", "smf21-messageindex-childboards.html", 2, 1),
        ("vanilla", "vanilla-categories-list.html", 3, 1),
        ("vanilla", "vanilla-categories-table.html", 3, 0),
    ])
    func recognisedAsListingOfForums(engine: String, file: String, forums: Int, threads: Int) throws {
        let listing = try Fixture(engine).listing(file, url: Self.addresses[file])
        #expect(listing.profile == engine)
        #expect(listing.forums.count == forums, "\(listing.forums.map { $0.title ?? "?" })")
        #expect(listing.threads.count == threads)
        #expect(listing.forums.allSatisfy { $0.url?.hasPrefix("http") == true && $0.title?.isEmpty == false })
    }

    /// Where the pages without a canonical link were saved from.
    private static let addresses = [
        "phpbb2-subsilver-index.html": "http://quay.example.net/index.php",
        "phpbb30-subsilver2-index.html": "http://altes.example.de/forum/index.php",
        "smf20-boardindex.html": "http://old.example-smf.net/forum/index.php",
    ]

    @Test func prosilver33() throws {
        let listing = try Self.phpBB.listing("phpbb33-prosilver-index.html")
        let board = "https://community.example.org/"
        // Session ids are dropped from the links; the link-only forum (redirects) is no forum.
        #expect(listing.forums.map(\.url) == [
            board + "viewforum.php?f=4", board + "viewforum.php?f=5", board + "viewforum.php?f=6",
        ])
        #expect(listing.forums.map(\.title) == ["City & transport", "Markets & food", "Feedback"])
        #expect(listing.forums.map(\.category) == ["Around the harbour", "Around the harbour", "This board"])
        // The description runs to the next line break, inline tags and all; an empty one is nil.
        #expect(listing.forums.map(\.description) == [
            "Trams, ferries, roadworks and the council's plans.", nil, "Tell us what works and what does not.",
        ])
        #expect(listing.forums.map(\.counts) == [
            ForumCounts(topics: 61, posts: 1204), ForumCounts(topics: 7, posts: 20), ForumCounts(topics: 3, posts: 9),
        ])
        #expect(listing.threads.isEmpty)
        #expect(listing.nextPage == nil)
    }

    @Test func subsilver2Index() throws {
        let listing = try Self.phpBB.listing(
            "phpbb30-subsilver2-index.html", url: "http://altes.example.de/forum/index.php")
        #expect(listing.forums.map(\.url) == [
            "http://altes.example.de/forum/viewforum.php?f=3", "http://altes.example.de/forum/viewforum.php?f=5",
        ])
        #expect(listing.forums.map(\.title) == ["Verkehr", "Plauderecke"])
        // "Forum" heads forums outside any category: no category.
        #expect(listing.forums.map(\.category) == ["Stadt und Hafen", nil])
        #expect(listing.forums.map(\.description) == ["Straßenbahn, Fähren und Baustellen", nil])
        #expect(listing.forums.map(\.counts) == [ForumCounts(topics: 58, posts: 1626), ForumCounts(topics: 4, posts: 12)])
    }

    @Test func phpBB2Index() throws {
        let listing = try Self.phpBB.listing("phpbb2-subsilver-index.html", url: "http://quay.example.net/index.php")
        #expect(listing.forums.map(\.url) == [
            "http://quay.example.net/viewforum.php?f=1", "http://quay.example.net/viewforum.php?f=3",
        ])
        #expect(listing.forums.map(\.title) == ["Boats for sale", "The snug"])
        #expect(listing.forums.map(\.category) == ["Harbour life", "Off topic"])
        #expect(listing.forums.map(\.description) == ["Dinghies, moorings and outboards", "Anything else"])
        #expect(listing.forums.map(\.counts) == [ForumCounts(topics: 240, posts: 1982), ForumCounts(topics: 57, posts: 730)])
    }

    /// A forum with a sub-forum above its topics gives both.
    @Test func prosilverForumWithSubforum() throws {
        let listing = try Self.phpBB.listing("phpbb33-viewforum-subforums.html")
        #expect(listing.title == "City & transport")
        #expect(listing.forums == [
            ListingForum(
                url: "https://community.example.org/viewforum.php?f=9", title: "Ferry timetables",
                description: "Summer and winter sailings.", category: nil, counts: ForumCounts(topics: 12, posts: 88))
        ])
        #expect(listing.threads.map(\.title) == ["Harbour tram opens in May", "Roadworks on Quay Street"])
        #expect(listing.threads.map(\.counts.replies) == [30, 4])
    }

    @Test func smf21() throws {
        let listing = try Self.smf.listing("smf21-boardindex.html")
        let forum = "https://forum.example-smf.org/index.php?board="
        #expect(listing.forums.map(\.url) == [forum + "9.0", forum + "10.0", forum + "2.0"])
        // The board's name, without the copy of its description SMF 2.1 puts inside the link for phones.
        #expect(listing.forums.map(\.title) == ["Transport", "Markets", "Announcements & help"])
        #expect(listing.forums.map(\.category) == ["Town and harbour", "Town and harbour", "About this forum"])
        #expect(listing.forums.map(\.description) == ["Buses, trams and the ferry", nil, "News from the team"])
        #expect(listing.forums.map(\.counts) == [
            ForumCounts(topics: 212, posts: 1918), ForumCounts(topics: 9, posts: 76), ForumCounts(topics: 11, posts: 40),
        ])
        #expect(listing.threads.isEmpty)
    }

    /// A board with child boards above its topics: both; the "Child Boards" heading is no category.
    @Test func smf21ChildBoards() throws {
        let listing = try Self.smf.listing("smf21-messageindex-childboards.html")
        #expect(listing.title == "Transport")
        #expect(listing.forums == [
            ListingForum(
                url: "https://forum.example-smf.org/index.php?board=14.0", title: "Ferry",
                description: "Sailings, fares, the new boat", counts: ForumCounts(topics: 31, posts: 140)),
            ListingForum(
                url: "https://forum.example-smf.org/index.php?board=15.0", title: "Cycling",
                counts: ForumCounts(topics: 4, posts: 9)),
        ])
        #expect(listing.threads.map(\.title) == ["Night bus cuts"])
        #expect(listing.threads.map(\.counts.replies) == [12])
    }

    @Test func smf20() throws {
        let listing = try Self.smf.listing("smf20-boardindex.html", url: "http://old.example-smf.net/forum/index.php")
        // PHPSESSID is dropped; the child-board row under a board is no board of its own.
        #expect(listing.forums.map(\.url) == [
            "http://old.example-smf.net/forum/index.php?board=1.0", "http://old.example-smf.net/forum/index.php?board=4.0",
        ])
        #expect(listing.forums.map(\.title) == ["Harbour talk", "Buy & sell"])
        #expect(listing.forums.map(\.category) == ["General", "General"])
        #expect(listing.forums.map(\.description) == ["Everything that floats.", "Gear, boats, berths."])
        #expect(listing.forums.map(\.counts) == [ForumCounts(topics: 312, posts: 4410), ForumCounts(topics: 98, posts: 512)])
    }

    /// The modern categories page: headings are categories, not forums; recent discussions beside the
    /// categories are thread rows.
    @Test func vanillaCategoryList() throws {
        let listing = try Self.vanilla.listing("vanilla-categories-list.html")
        let site = "https://talk.example-vanilla.com/categories/"
        #expect(listing.title == "Harbour Community")
        #expect(listing.forums.map(\.url) == [site + "sailing", site + "rowing", site + "harbour-town"])
        #expect(listing.forums.map(\.title) == ["Sailing", "Rowing", "Harbour town"])
        #expect(listing.forums.map(\.category) == ["On the water", "On the water", "On land"])
        #expect(listing.forums.map(\.description) == ["Races, rigs and rules of the road.", nil, "Shops, pubs and parking."])
        // Exact counts from the titles, not the rounded "18.4K" shown.
        #expect(listing.forums.map(\.counts) == [
            ForumCounts(topics: 18414, posts: 82334), ForumCounts(topics: 0, posts: 0), ForumCounts(topics: 212, posts: 1918),
        ])
        #expect(listing.threads.map(\.url) == ["https://talk.example-vanilla.com/discussion/913/reefing-early"])
    }

    @Test func vanillaCategoryTable() throws {
        let listing = try Self.vanilla.listing("vanilla-categories-table.html")
        let site = "https://hafen.example-vanilla.de/categories/"
        #expect(listing.forums.map(\.url) == [site + "faehren", site + "segeln", site + "markt"])
        #expect(listing.forums.map(\.title) == ["Fähren", "Segeln", "Markt"])
        #expect(listing.forums.map(\.category) == ["Schiffe", "Schiffe", "Stadt"])
        #expect(listing.forums.map(\.description) == ["Fahrpläne und Verspätungen", nil, "Fisch, Gemüse, Flohmarkt"])
        #expect(listing.forums.map(\.counts) == [
            ForumCounts(topics: 1204, posts: 15930), ForumCounts(topics: 38, posts: 410), ForumCounts(topics: 9, posts: 76),
        ])
    }

    /// The JSON of a board index carries `forums`; a listing of threads alone has no such key, so the
    /// listings archived before keep their bytes.
    @Test func forumsInTheJSONOnlyWhenThere() throws {
        let index = try CanonicalJSON.encode(ExtractedPage.listing(try Self.smf.listing("smf21-boardindex.html")))
        let json = try #require(try JSONSerialization.jsonObject(with: index) as? [String: Any])
        let forums = try #require(json["forums"] as? [[String: Any]])
        #expect(forums.count == 3)
        #expect(Set(forums[0].keys) == ["url", "title", "description", "category", "counts"])
        let threads = try CanonicalJSON.encode(ExtractedPage.listing(try Self.smf.listing("smf21-messageindex.html")))
        let plain = try #require(try JSONSerialization.jsonObject(with: threads) as? [String: Any])
        #expect(plain["forums"] == nil)
    }
}
