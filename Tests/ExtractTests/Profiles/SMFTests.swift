import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Simple Machines Forum pages in `Fixtures/smf/`: an SMF 2.1 topic's second page (likes, an
/// edit, a guest, PHPSESSID in every link), and the message index (board listing) of SMF 2.0 in
/// Hungarian and of SMF 2.1.
private let smf = Fixture("smf")

@Suite("Simple Machines Forum profile")
struct SMFTests {
    static let forum = "https://forum.example-smf.org/index.php"

    @Test func smf21TopicSecondPage() throws {
        let thread = try smf.thread("smf21-topic-p2.html")
        #expect(thread.profile == "smf")
        #expect(thread.title == "Harbour tram timetable")
        #expect(thread.id == "4417")
        #expect(thread.url == Self.forum + "?topic=4417.20")
        #expect(thread.forum == ["Example Harbour Forum", "Community", "Transport"])
        #expect(thread.counts.views == 1948)
        #expect(thread.pages.current == 2)
        #expect(thread.pages.last == 3)
        // PHPSESSID is dropped from the links.
        #expect(thread.pages.next == Self.forum + "?topic=4417.40")
        #expect(thread.pages.lastURL == Self.forum + "?topic=4417.40")
        #expect(thread.story == nil)

        #expect(thread.posts.map(\.id) == ["60120", "60131"])
        #expect(thread.posts.map(\.author.name) == ["railfan", "ferry passenger"])
        #expect(thread.posts.map(\.author.url) == [Self.forum + "?action=profile;u=12", nil])
        #expect(thread.posts.map(\.author.postCount) == [2931, nil])
        #expect(thread.posts.map(\.published.text) == ["May 06, 2024, 07:45:12 PM", "May 07, 2024, 06:10:00 AM"])
        #expect(thread.posts.map(\.published.iso) == ["2024-05-06T19:45:12Z", "2024-05-07T06:10:00Z"])
        #expect(thread.posts.map(\.edited.text) == ["May 06, 2024, 08:02:40 PM", nil])
        #expect(thread.posts.map(\.edited.iso) == ["2024-05-06T20:02:40Z", nil])
        #expect(thread.posts.map(\.counts.recommendations) == [3, nil])
        #expect(thread.posts.map(\.title) == ["Re: Harbour tram timetable", "Re: Harbour tram timetable"])
        #expect(thread.posts[0].links == ["https://www.example-transit.org/harbour-line/timetable"])
    }

    @Test func smf20MessageIndexInHungarian() throws {
        let listing = try smf.listing("smf20-messageindex.html")
        #expect(listing.profile == "smf")
        #expect(listing.title == "Segítség")
        #expect(listing.nextPage == "http://board.example-smf.net/index.php/board,5.20.html")
        #expect(listing.threads.map(\.id) == ["101", "66925"])
        #expect(listing.threads.map(\.url) == [
            "http://board.example-smf.net/index.php/topic,101.0.html",
            "http://board.example-smf.net/index.php/topic,66925.0.html",
        ])
        #expect(listing.threads.map(\.title) == ["Fórumszabályzat", "Gyors pénzszerzési ötletek"])
        // A guest starter is plain text after a localised label: no name rather than a wrong one.
        #expect(listing.threads.map(\.author.name) == ["Admin", nil])
        #expect(listing.threads[0].author.url == "http://board.example-smf.net/index.php?action=profile;u=1")
        #expect(listing.threads.map(\.counts.replies) == [0, 81])
        #expect(listing.threads.map(\.counts.views) == [5312, 34215])
        #expect(listing.threads.map(\.lastActivity.text) == ["2010-01-02, 10:00:00", "2011-07-03, 11:17:05"])
        #expect(listing.threads.map(\.lastActivity.iso) == ["2010-01-02T10:00:00Z", "2011-07-03T11:17:05Z"])
    }

    @Test func smf21MessageIndex() throws {
        let listing = try smf.listing("smf21-messageindex.html")
        #expect(listing.title == "Transport")
        #expect(listing.nextPage == Self.forum + "?board=9.20")
        #expect(listing.threads.map(\.id) == ["4400", "4417"])
        #expect(listing.threads.map(\.url) == [Self.forum + "?topic=4400.0", Self.forum + "?topic=4417.0"])
        #expect(listing.threads.map(\.author.name) == ["Harbour Admin", "railfan"])
        #expect(listing.threads.map(\.counts.replies) == [0, 21])
        #expect(listing.threads.map(\.counts.views) == [2210, 1948])
        #expect(listing.threads.map(\.lastActivity.iso) == ["2023-04-01T09:00:00Z", "2024-05-07T06:10:00Z"])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func metin2HungaryTopic() throws {
        let file = "smf/smf2.0.15-metin2hungary-topic66925-p1.html"
        guard case .thread(let thread) = try smf.page(corpus: file) else {
            Issue.record("read as a listing")
            return
        }
        #expect(thread.profile == "smf")
        #expect(thread.id == "66925")
        #expect(thread.url == "http://metin2hungary.net/index.php?topic=66925.0")
        #expect(thread.forum == ["Metin2 Hungarian Forum", "Forum", "Metin2", "Segítség"])
        // "(Megtekintve 34215 alkalommal)" in the topic header.
        #expect(thread.counts.views == 34215)
        #expect(thread.pages.current == 1)
        #expect(thread.pages.last == 4)
        #expect(thread.pages.next == "http://metin2hungary.net/index.php/topic,66925.25.html")
        #expect(thread.posts.count == 25)
        #expect(thread.posts.first?.id == "487697")
        // A guest: no profile link, no post count.
        #expect(thread.posts.first?.author.url == nil)
        #expect(thread.posts.first?.published.iso == "2011-04-24T22:37:00Z")
        #expect(thread.posts.first?.edited.text == "2011-08-22, 18:23:13")
        #expect(thread.posts[4].author.name == "mcbence12")
        #expect(thread.posts[4].author.postCount == 59)
        // PHPSESSID=… is dropped from the profile link.
        #expect(thread.posts[4].author.url == "http://metin2hungary.net/index.php?action=profile;u=13387")
    }
}
