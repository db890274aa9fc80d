import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Hypermail message pages in `Fixtures/hypermail/`: a 2.4 page (HTML body inside
/// div.mail) and a 2.2 page with a <pre id="body">; plus the PHP-wrapped 2.1 fragment of the corpus.
private let hypermail = Fixture("hypermail")

@Suite("Hypermail profile")
struct HypermailTests {
    @Test func hypermail24Reply() throws {
        let thread = try hypermail.thread(
            "hypermail-2.4-message.html", url: "https://lists.example.org/astro-l/2025/06/4180.html")
        #expect(thread.profile == "hypermail")
        #expect(thread.title == "Re: [astro-l] Ceres brine results")
        #expect(thread.forum == ["astro-l"])
        #expect(thread.posts.count == 1)
        let post = try #require(thread.posts.first)
        // Message-ID and In-Reply-To from the metadata comments.
        #expect(post.id == "8f2c1a7e-0b4d-4c1a-9d5e-3b7a9e1c2f40_at_example.edu")
        #expect(thread.id == post.id)
        #expect(post.parent == "CAF9x_2kQ7Z1@mail.example.org")
        // The name as shown (the comment holds it entity-encoded).
        #expect(post.author.name == "José García")
        // The instant from the sent comment (with its offset), the text as the page shows it.
        #expect(post.published.iso == "2025-06-20T13:30:58Z")
        #expect(post.published.text == "Fri Jun 20 2025 - 09:30:58 EDT")
        #expect(post.text?.contains("Yes: https://doi.org/10.1038/s41550-025-00000-x") == true)
        #expect(post.links == ["https://doi.org/10.1038/s41550-025-00000-x"])
        // The navigation bars lie outside the body markers.
        #expect(post.text?.contains("Next in thread") == false)
        #expect(thread.story == nil)
    }

    @Test func preBodyThreadStarter() throws {
        let thread = try hypermail.thread(
            "hypermail-pre-body-root.html", url: "http://archive.example.com/cycling-l/2011/04/0042.html")
        #expect(thread.title == "Rail trail reopens")
        let post = try #require(thread.posts.first)
        #expect(post.id == "4D9A4361.7010305_at_example.com")
        #expect(post.parent == nil)
        #expect(post.author.name == "Pat Quinn")
        #expect(post.published.iso == "2011-04-04T22:20:01Z")
        #expect(post.text?.contains("Café stop at mile 12") == true)
        #expect(post.text?.contains("From:") == false)
        #expect(thread.story?.url == "http://www.valleynews.example.com/2011/04/04/rail-trail?ref=rss")
        #expect(thread.story?.canonical == "http://valleynews.example.com/2011/04/04/rail-trail")
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func phpWrappedFragment() throws {
        let thread = try hypermail.thread(corpus: "hypermail/ompi-users-2016-03-28743-php-wrapped.html")
        #expect(thread.profile == "hypermail")
        #expect(thread.forum == ["OMPI users"])
        let post = try #require(thread.posts.first)
        #expect(post.id == "CABOsP2NH-=0Pm8Sd8T19979-0z-+XfGDaCMoGg75SJSUeMny6A_at_mail.gmail.com")
        #expect(post.parent == "39196F20B4590A4A8337B6A6F7F0FD8D853E3D90_at_FMSMSX102.amr.corp.intel.com")
        #expect(post.published.iso == "2016-03-17T17:41:06Z")
        // Exactly the text between the body comments: no PHP, navigation or headers.
        #expect(post.text?.hasPrefix("On Thu, Mar 17, 2016 at 12:15 PM, Cabral, Matias A\n") == true)
        #expect(post.text?.hasSuffix("i'll report back") == true)
        #expect(post.text?.contains("Date view") == false)
        #expect(post.text?.contains("subject_val") == false)
    }
}
