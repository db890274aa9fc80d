import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic vBulletin pages in `Fixtures/vbulletin/`: a vB4 thread page (postbit_legacy, US dates,
/// relative days, thanks box, session ids), a vB3 thread, a vB5 thread, and vB4 (German) and vB3 forum
/// listings. The Something Awful variant (its own `somethingawful` profile) is tested on its real pages.
/// Fetched at 2015-03-16T12:00:00Z: "Today" and "Yesterday" on the vB4 pages count back from there.
private let vBulletin = Fixture("vbulletin", fetchedAt: Date(timeIntervalSince1970: 1_426_507_200))

@Suite("vBulletin profile")
struct VBulletinTests {
    static let vb4 = "https://www.example-vb.com/"

    @Test func vb4LegacyThreadPage() throws {
        let thread = try vBulletin.thread("vb4-showthread-legacy.html")
        #expect(thread.profile == "vbulletin")
        #expect(thread.title == "Harbour tram: opening day thread")
        #expect(thread.id == "4711")
        // The canonical link without its session id (s=…).
        #expect(thread.url == Self.vb4 + "showthread.php?4711-Harbour-tram-opening-day-thread/page2")
        #expect(thread.forum == ["Forum", "Local transport"])
        #expect(thread.pages.current == 2)
        #expect(thread.pages.last == 3)
        #expect(thread.pages.next == Self.vb4 + "showthread.php?4711-Harbour-tram-opening-day-thread/page3")
        #expect(thread.pages.lastURL == Self.vb4 + "showthread.php?4711-Harbour-tram-opening-day-thread/page3")
        #expect(thread.story == nil)

        #expect(thread.posts.map(\.id) == ["88101", "88107", "88112"])
        #expect(thread.posts.map(\.author.name) == ["tramspotter", "Unregistered", "quay"])
        #expect(thread.posts.map(\.author.url) == [
            Self.vb4 + "member.php?318-tramspotter", nil, Self.vb4 + "member.php?42-quay",
        ])
        #expect(thread.posts.map(\.author.postCount) == [2417, nil, 88])
        // vBulletin's default m-d-Y: 03-04-2015 is the 4th of March.
        #expect(thread.posts.map(\.published.text) == ["03-04-2015, 09:05 PM", "Yesterday, 08:40 AM", "Today, 07:15 AM"])
        #expect(thread.posts.map(\.published.iso) == [
            "2015-03-04T21:05:00Z", "2015-03-15T08:40:00Z", "2015-03-16T07:15:00Z",
        ])
        #expect(thread.posts.map(\.published.isApproximate) == [false, true, true])
        #expect(thread.posts[0].edited.text == "03-04-2015 at 09:20 PM")
        #expect(thread.posts[0].edited.iso == "2015-03-04T21:20:00Z")
        #expect(thread.posts.map(\.counts.recommendations) == [nil, nil, 2])
        #expect(thread.posts[0].title == "Re: Harbour tram: opening day thread")
        #expect(thread.posts[2].links == ["http://photos.example.net/tram/day1"])
    }

    @Test func vb3Thread() throws {
        let thread = try vBulletin.thread(
            "vb3-showthread.html", url: "http://old.example-harbour.net/forums/showthread.php?t=2210")
        #expect(thread.profile == "vbulletin")
        #expect(thread.title == "Ferry timetable changes")
        #expect(thread.id == "2210")
        #expect(thread.forum == ["Old Harbour Boards", "Ferries"])
        #expect(thread.pages.current == 1)
        #expect(thread.pages.last == 2)
        #expect(thread.pages.next == "http://old.example-harbour.net/forums/showthread.php?t=2210&page=2")
        #expect(thread.posts.map(\.id) == ["30551", "30560"])
        #expect(thread.posts.map(\.author.name) == ["deckhand", "Passenger Joe"])
        #expect(thread.posts.map(\.author.url) == ["http://old.example-harbour.net/forums/member.php?u=91", nil])
        #expect(thread.posts.map(\.author.postCount) == [1062, nil])
        #expect(thread.posts.map(\.published.text) == ["08-09-2009, 10:45 AM", "08-10-2009, 07:02 PM"])
        #expect(thread.posts.map(\.published.iso) == ["2009-08-09T10:45:00Z", "2009-08-10T19:02:00Z"])
        #expect(thread.posts.map(\.edited.iso) == ["2009-08-09T11:02:00Z", nil])
        // Three members in the thanks box after the first post's table.
        #expect(thread.posts.map(\.counts.recommendations) == [3, nil])
        #expect(thread.posts[0].title == "Ferry timetable changes")
        #expect(thread.story?.canonical == "https://example-port.org/news/timetable-2009")
    }

    @Test func vb5Thread() throws {
        let thread = try vBulletin.thread("vb5-thread.html")
        #expect(thread.profile == "vbulletin")
        #expect(thread.title == "Night ferry returns")
        #expect(thread.forum == ["Forum", "Transport", "Ferries"])
        #expect(thread.posts.map(\.id) == ["5512", "5519"])
        #expect(thread.posts.map(\.author.name) == ["ferryfan", "Guest"])
        #expect(thread.posts.map(\.author.url) == ["https://community.example-vb5.com/member/7-ferryfan", nil])
        #expect(thread.posts.map(\.author.postCount) == [3301, nil])
        // data-node-publishdate epochs.
        #expect(thread.posts.map(\.published.iso) == ["2020-06-01T17:00:00Z", "2020-06-01T18:01:00Z"])
        #expect(thread.posts[0].published.text == "06-01-2020, 05:00 PM")
        #expect(thread.posts.map(\.counts.recommendations) == [4, nil])
        #expect(thread.posts[1].text == "Great news.")
    }

    @Test func vb4ForumListing() throws {
        let listing = try vBulletin.listing("vb4-forumdisplay.html")
        #expect(listing.profile == "vbulletin")
        #expect(listing.title == "Nahverkehr")
        #expect(listing.nextPage == "https://www.beispiel-vb.de/forumdisplay.php?12-Nahverkehr/page2")
        // The moved-thread stub is not a thread.
        #expect(listing.threads.map(\.id) == ["4701", "4711"])
        #expect(listing.threads.map(\.url) == [
            "https://www.beispiel-vb.de/showthread.php?4701-Forenregeln",
            "https://www.beispiel-vb.de/showthread.php?4711-Hafentram-Eroeffnung",
        ])
        #expect(listing.threads.map(\.title) == ["Forenregeln", "Hafentram: Eröffnung"])
        #expect(listing.threads.map(\.author.name) == ["Admin", "tramspotter"])
        #expect(listing.threads.map(\.author.url) == [
            "https://www.beispiel-vb.de/member.php?1-Admin", "https://www.beispiel-vb.de/member.php?318-tramspotter",
        ])
        #expect(listing.threads.map(\.counts.replies) == [0, 1026])
        #expect(listing.threads.map(\.counts.views) == [12345, 48210])
        #expect(listing.threads.map(\.lastActivity.text) == ["01.01.2014, 10:00", "Heute, 07:15"])
        #expect(listing.threads.map(\.lastActivity.iso) == ["2014-01-01T10:00:00Z", "2015-03-16T07:15:00Z"])
    }

    @Test func vb3ForumListing() throws {
        let listing = try vBulletin.listing(
            "vb3-forumdisplay.html", url: "http://old.example-harbour.net/forums/forumdisplay.php?f=5")
        #expect(listing.title == "Ferries")
        #expect(listing.nextPage == "http://old.example-harbour.net/forums/forumdisplay.php?f=5&order=desc&page=2")
        #expect(listing.threads.map(\.id) == ["2210", "2199"])
        #expect(listing.threads.map(\.url) == [
            "http://old.example-harbour.net/forums/showthread.php?t=2210",
            "http://old.example-harbour.net/forums/showthread.php?t=2199",
        ])
        #expect(listing.threads.map(\.author.name) == ["deckhand", "bosun"])
        #expect(listing.threads.map(\.author.url) == [
            "http://old.example-harbour.net/forums/member.php?u=91", "http://old.example-harbour.net/forums/member.php?u=15",
        ])
        #expect(listing.threads.map(\.counts.replies) == [17, 0])
        #expect(listing.threads.map(\.counts.views) == [2304, 96])
        #expect(listing.threads.map(\.lastActivity.iso) == ["2009-08-12T18:30:00Z", "2009-08-01T09:12:00Z"])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func pocketPCThreadPage34() throws {
        guard case .thread(let thread) = try vBulletin.page(corpus: "vbulletin/vb-pocketpc-ch-auslieferung.html") else {
            Issue.record("read as a listing")
            return
        }
        #expect(thread.profile == "vbulletin")
        #expect(thread.id == "122760")
        #expect(thread.url == "https://www.pocketpc.ch/windows-phone-7-allgemein/122760-microsoft-beginnt-auslieferung-vorbereitungsupdate-34.html")
        #expect(thread.forum == ["Home", "Forum", "Weitere Geräte", "Windows Phone 7", "Windows Phone 7 Allgemein"])
        #expect(thread.pages.current == 34)
        #expect(thread.pages.last == 40)
        #expect(thread.pages.next?.hasSuffix("-35.html") == true)
        #expect(thread.posts.first?.id == "949757")
        #expect(thread.posts.first?.author.url == "https://www.pocketpc.ch/members/71187_predator.html")
        #expect(thread.posts.first?.published.iso == "2011-03-03T14:17:00Z")
        // The DragonByte thanks counter shows 0 on every post of this page.
        #expect(thread.posts.allSatisfy { $0.counts.recommendations == 0 })
        #expect(thread.story == nil)
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func somethingAwfulThread() throws {
        let url = "https://forums.somethingawful.com/showthread.php?threadid=3507451&userid=0&perpage=40&pagenumber=5"
        guard
            case .thread(let thread) = try vBulletin.page(corpus: "vbulletin/sa-vb2-canpoli-showthread.html", url: url)
        else {
            Issue.record("read as a listing")
            return
        }
        #expect(thread.profile == "somethingawful")
        #expect(thread.id == "3507451")
        #expect(thread.forum == ["The Something Awful Forums", "Discussion", "Debate & Discussion"])
        #expect(thread.pages.current == 5)
        #expect(thread.pages.last == 151)
        #expect(thread.pages.next == "https://forums.somethingawful.com/showthread.php?threadid=3507451&userid=0&perpage=40&pagenumber=6")
        #expect(thread.posts.count == 40)
        #expect(thread.posts.first?.id == "407741839")
        #expect(thread.posts.first?.author.url == "https://forums.somethingawful.com/member.php?action=getinfo&userid=108110")
        #expect(thread.posts.first?.published.iso == "2012-09-20T11:16:00Z")
        // "THC fucked around with this message at Sep 20, 2012 around 15:09"
        #expect(thread.posts[3].edited.text == "Sep 20, 2012 around 15:09")
        #expect(thread.posts[3].edited.iso == "2012-09-20T15:09:00Z")
        // windows-1252 bytes without a declared charset read without mojibake.
        #expect(thread.posts.allSatisfy { $0.text?.contains("\u{FFFD}") == false })
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func somethingAwfulForumListing() throws {
        let url = "https://forums.somethingawful.com/forumdisplay.php?forumid=46"
        guard
            case .listing(let listing) = try vBulletin.page(
                corpus: "vbulletin/sa-vb2-forumdisplay-listing.html", url: url)
        else {
            Issue.record("read as a thread")
            return
        }
        #expect(listing.profile == "somethingawful")
        #expect(listing.title == "Debate & Discussion")
        // 40 thread rows (tr.thread#threadN); the announcement row links to announcement.php, not a thread.
        #expect(listing.threads.count == 40)
        #expect(listing.threads.first?.id == "3332697")
        #expect(listing.threads.first?.url == "https://forums.somethingawful.com/showthread.php?threadid=3332697")
        #expect(listing.threads.first?.author.name == "tonelok")
        #expect(listing.threads.first?.counts.replies == 11)
        #expect(listing.threads.first?.counts.views == 79720)
        #expect(listing.threads.first?.lastActivity.text == "19:42 Feb 25, 2012")
        #expect(listing.threads.first?.lastActivity.iso == "2012-02-25T19:42:00Z")
        #expect(listing.nextPage?.hasSuffix("pagenumber=2") == true)
    }
}
