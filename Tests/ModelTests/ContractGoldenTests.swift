import Foundation
import Model
import Testing

/// The thread and listing JSON of DESIGN.md, pinned by files in `Golden/`: the canonical encoder's
/// pretty output of a thread (the design's Democratic Underground example, with a reply, an edited
/// post and a hidden one), of a listing and of a listing that names forums must be those files byte for
/// byte, and the files must decode back to the same values. A change here is a change of the contract every command and test relies on.
@Suite("The thread and listing JSON contract: golden files")
struct ContractGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let thread = ExtractedPage.thread(
        Discussion(
            site: "democraticunderground.com", profile: "democraticunderground", id: "100220384040",
            url: "https://www.democraticunderground.com/100220384040",
            title: "Emails Reveal the Casual Surveillance Alliance Between ICE and Local Police -- 404Media",
            forum: ["Latest Discussions", "General Discussion"],
            story: Story(
                url: "https://www.404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police/?ref=daily-stories-newsletter",
                canonical: "https://404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police"),
            counts: Counts(replies: 2, views: nil, recommendations: 30),
            posts: [
                Post(
                    id: "100220384040", position: 1,
                    author: Author(
                        name: "erronis", postCount: 20156,
                        url: "https://www.democraticunderground.com/?com=profile&uid=12345"),
                    published: Timestamp(iso: "2025-06-16T15:17:00Z", text: "Mon Jun 16, 2025, 11:17 AM"),
                    html: "<p>Police share license plate data with ICE &amp; others.</p>",
                    text: "Police share license plate data with ICE & others.",
                    links: [
                        "https://www.404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police/?ref=daily-stories-newsletter"
                    ],
                    counts: Counts(replies: 2, recommendations: 30)),
                Post(
                    id: "100220384101", parent: "100220384040", position: 2, depth: 1, title: "Re: \"casual\"",
                    author: Author(name: "Zoë", postCount: 3, url: nil),
                    published: Timestamp(iso: "2025-06-16T22:00:00Z", text: "17 hrs ago", isApproximate: true),
                    edited: Timestamp(iso: "2025-06-16T22:05:00Z", text: "edited 6:05 PM"),
                    html: "<p>Not casual at all…</p>", text: "Not casual at all…", counts: Counts(recommendations: 4)),
                Post(position: 3, depth: 1, isHidden: true),
            ],
            pages: Pagination(current: 1, last: 1)))

    static let listing = ExtractedPage.listing(
        Listing(
            site: "democraticunderground.com", profile: "democraticunderground",
            url: "https://www.democraticunderground.com/?com=forum&id=1014", title: "General Discussion",
            threads: [
                ListingEntry(
                    url: "https://www.democraticunderground.com/100220384040", id: "100220384040",
                    title: "Emails Reveal the Casual Surveillance Alliance Between ICE and Local Police -- 404Media",
                    author: Author(name: "erronis"), counts: Counts(replies: 12, views: nil, recommendations: 30),
                    lastActivity: Timestamp(iso: "2025-06-16T22:00:00Z", text: "17 hrs ago"),
                    story: Story(
                        url: "https://www.404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police/",
                        canonical: "https://404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police")),
                ListingEntry(url: "https://www.democraticunderground.com/100220384077", title: "Open thread"),
            ],
            nextPage: "https://www.democraticunderground.com/?com=forum&id=1014&page=2"))

    /// A forum with a sub-forum above its topics: `forums` beside `threads` (a board index has no threads).
    static let boardIndex = ExtractedPage.listing(
        Listing(
            site: "community.example.org", profile: "phpbb", url: "https://community.example.org/viewforum.php?f=4",
            title: "City & transport",
            threads: [
                ListingEntry(url: "https://community.example.org/viewtopic.php?t=3107", id: "3107", title: "Harbour tram")
            ],
            forums: [
                ListingForum(
                    url: "https://community.example.org/viewforum.php?f=9", title: "Ferry timetables",
                    description: "Summer and winter sailings.", category: "Around the harbour",
                    counts: ForumCounts(topics: 12, posts: 88)),
                ListingForum(url: "https://community.example.org/viewforum.php?f=11", title: "Parking"),
            ]))

    /// The value each golden file holds.
    static let pages = ["thread.json": thread, "listing.json": listing, "board-index.json": boardIndex]

    @Test(arguments: ["thread.json", "listing.json", "board-index.json"])
    func encodesToTheGoldenFile(file: String) throws {
        let page = try #require(Self.pages[file])
        let golden = try Data(contentsOf: Self.golden.appendingPathComponent(file))
        let encoded = try CanonicalJSON.encodePretty(page)
        #expect(
            encoded == golden,
            "\(file) differs from the encoder's output:\n\(String(decoding: encoded, as: UTF8.self))")
    }

    @Test(arguments: ["thread.json", "listing.json", "board-index.json"])
    func goldenFileDecodesBack(file: String) throws {
        let page = try #require(Self.pages[file])
        let golden = try Data(contentsOf: Self.golden.appendingPathComponent(file))
        let decoded = try JSONDecoder().decode(ExtractedPage.self, from: golden)
        #expect(decoded == page)
        // The compact form, which snapshot hashes are taken over, is the same from either.
        #expect(try CanonicalJSON.encode(decoded) == CanonicalJSON.encode(page))
    }
}
