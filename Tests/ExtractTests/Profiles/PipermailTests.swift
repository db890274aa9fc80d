import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Mailman 2 archive pages in `Fixtures/pipermail/`: a 2.1 message page of a German list, an
/// old message whose body is not wrapped in <PRE>, and a date index; plus the corpus pages.
private let pipermail = Fixture("pipermail")

@Suite("Pipermail profile")
struct PipermailTests {
    @Test func localisedMailman21Message() throws {
        let url = "https://lists.example.de/pipermail/stadtrat-liste/2024-March/001234.html"
        let thread = try pipermail.thread("pipermail-2.1-message-de.html", url: url)
        #expect(thread.profile == "pipermail")
        #expect(thread.title == "[Stadtrat-Liste] Neue Straßenbahnlinie beschlossen")
        // The listinfo link is not in English: the list name comes from the subject tag.
        #expect(thread.forum == ["Stadtrat-Liste"])
        #expect(thread.id == "1234")
        #expect(thread.posts.count == 1)
        let post = try #require(thread.posts.first)
        #expect(post.id == "1234")
        #expect(post.parent == nil)
        #expect(post.author.name == "Jürgen Müller")
        #expect(post.author.url == nil)
        // Mailman's localised ctime: German day and month names, CET.
        #expect(post.published.text == "Di Mär  5 08:00:00 CET 2024")
        #expect(post.published.iso == "2024-03-05T07:00:00Z")
        #expect(post.html?.hasPrefix("Hallo zusammen,\n\nder Stadtrat") == true)
        #expect(post.text?.contains("Baubeginn soll im Herbst sein.") == true)
        #expect(post.text?.contains("Nachrichten sortiert nach") == false)
        // A thread-starting message: its first external link is the story.
        #expect(thread.story?.canonical == "https://stadtanzeiger.example/lokales/linie-4-verlaengerung")
    }

    @Test func bodyOutsidePreIsTheRangeBetweenTheMarkers() throws {
        let url = "http://lists.example.org/pipermail/gardening/2001-June/000413.html"
        let thread = try pipermail.thread("pipermail-old-unwrapped-body.html", url: url)
        #expect(thread.title == "[Gardening] Re: Tomato blight again")
        #expect(thread.forum == ["Gardening"])
        let post = try #require(thread.posts.first)
        #expect(post.id == "413")
        #expect(post.author.name == "Ann O'Neill")
        #expect(post.published.iso == "2001-06-07T08:12:33Z")
        // In-Reply-To of the reply link, decoded.
        #expect(post.parent == "3B1F2C44.5060203@example.net")
        #expect(post.text == """
            Copper spray early in the season helped mine.
            Pick off the lower leaves too.

            See the RHS page for photos.

            > Every year the same brown spots by July.
            """)
        #expect(post.links == ["http://www.rhs.example.org/advice/tomato-blight"])
        #expect(post.html?.contains("Previous message") == false)
        // A reply does not name the thread's story.
        #expect(thread.story == nil)
    }

    @Test func dateIndexIsAListing() throws {
        let url = "https://lists.example.com/pipermail/proj-dev/2012-July/date.html"
        let listing = try pipermail.listing("pipermail-date-index.html", url: url)
        #expect(listing.profile == "pipermail")
        #expect(listing.title == "The Proj-dev July 2012 Archive by date")
        #expect(listing.threads.count == 5)
        #expect(listing.threads.map(\.id) == ["56001", "56002", "56003", "56004", "56005"])
        #expect(listing.threads.map(\.author.name) == [
            "Mia Svensson", "ralph at example.com", "Tomás Ortega", "Mia Svensson", "Kai Nakamura",
        ])
        #expect(listing.threads[2].url == "https://lists.example.com/pipermail/proj-dev/2012-July/056003.html")
        #expect(listing.threads[2].title == "[Proj-dev] Re: Release 12.1 candidate")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusThreadIndex() throws {
        let listing = try pipermail.listing(
            corpus: "pipermail/twisted-python-2010-03-thread-index.html",
            url: "https://twistedmatrix.com/pipermail/twisted-python/2010-March/thread.html")
        #expect(listing.threads.count == 240)
        let first = try #require(listing.threads.first)
        #expect(first.url == "https://twistedmatrix.com/pipermail/twisted-python/2010-March/054205.html")
        #expect(first.id == "54205")
        #expect(first.title == "[Twisted-Python] python3 story?")
        // The thread index's sort comment holds each message's time.
        #expect(first.lastActivity.iso == "2010-03-01T13:56:52Z")
        #expect(listing.threads[2].lastActivity.iso == "2010-03-01T14:19:05Z")
        #expect(listing.threads.last?.author.name == "Donal McMullan")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusMessages() throws {
        let amp = try pipermail.thread(corpus: "pipermail/twisted-python-2010-03-021706-amp-old-html32.html")
        #expect(amp.forum == ["Twisted-Python"])
        #expect(amp.posts.first?.id == "21706")
        #expect(amp.posts.first?.parent == "1267416570.32241.76.camel@Snowflake")
        #expect(amp.posts.first?.published.iso == "2010-03-01T14:15:24Z")
        #expect(amp.posts.first?.html?.contains("That's right and clear") == true)

        let story = try pipermail.thread(corpus: "pipermail/twisted-python-2010-03-054205-python3-story-html401.html")
        // The same message as 021705 in an older render (08:56:52 EST) reads to the same instant.
        #expect(story.posts.first?.published.iso == "2010-03-01T13:56:52Z")
        #expect(story.posts.first?.parent == "d06a5cd31003010556x781d3c9dj7cd4e35643ad352@mail.gmail.com")
        // The address-obfuscation link to listinfo is not a story.
        #expect(story.story == nil)

        let divunal = try pipermail.thread(corpus: "pipermail/divunal-author-1999-08-000013.html")
        #expect(divunal.forum == ["Divunal-author"])
        #expect(divunal.posts.first?.published.iso == "1999-08-02T22:55:09Z")
        #expect(divunal.posts.first?.parent == nil)
    }
}
