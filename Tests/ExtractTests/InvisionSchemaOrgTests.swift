import Foundation
import Model
import Testing

@testable import Extract

/// Synthetic Invision Community 4 topics in `Fixtures/invision/`, read through their schema.org markup
/// (there is no Invision profile): a 4.4-style page with JSON-LD whose people carry only a profile
/// address, and a 4.0-style page with microdata whose people are a link or a photo.
private let invision = Fixture("invision")

@Suite("Invision Community through schema.org")
struct InvisionSchemaOrgTests {
    static let topic = "https://community.plotholders.example/topic/4821-allotment-waiting-lists-are-getting-longer/"

    @Test func jsonLDAuthorsNamedFromTheirProfileAddress() throws {
        let thread = try invision.thread("invision4-jsonld-topic.html", url: Self.topic)
        #expect(thread.profile == "schema.org")
        #expect(thread.title == "Allotment waiting lists are getting longer")
        #expect(thread.url == Self.topic)
        #expect(thread.counts.views == 388)
        #expect(thread.counts.replies == 2)
        #expect(thread.posts.count == 3)
        // `{"@type":"Person","url":"…/profile/311-runner-bean/"}`: the slug names the author, the address stays.
        #expect(thread.posts.map(\.author.name) == ["runner-bean", "Marrowfat", "année-de-pois"])
        #expect(
            thread.posts.map(\.author.url) == [
                "https://community.plotholders.example/profile/311-runner-bean/",
                "https://community.plotholders.example/profile/97-marrowfat/",
                "https://community.plotholders.example/profile/1204-ann%C3%A9e-de-pois/",
            ])
        #expect(
            thread.posts.map(\.published.iso) == [
                "2021-04-12T07:45:10Z", "2021-04-12T09:02:44Z", "2021-04-13T18:30:00Z",
            ])
        #expect(thread.posts[0].text?.hasPrefix("The council says the list") == true)
        #expect(thread.posts[1].text == "Ours went from two years to five since 2019.")
        #expect(thread.posts[2].text == "Half plots would help.")
        #expect(thread.posts[1].counts.score == 3)
    }

    @Test func microdataAuthorsNamedFromTheirTextElseTheirAddress() throws {
        let url = "https://community.plotholders.example/topic/77-frost-dates-for-this-spring/"
        let thread = try invision.thread("invision4-microdata-topic.html", url: url)
        #expect(thread.profile == "schema.org")
        #expect(thread.title == "Frost dates for this spring")
        #expect(thread.url == url)
        #expect(thread.counts.replies == 2)
        #expect(thread.posts.count == 3)
        // The opening post's author is an `itemprop=url` link: its text names it. The last reply's
        // person shows only a photo: its address's slug names it.
        #expect(thread.posts.map(\.author.name) == ["Early Riser", "Mulch Maven", "greenhouse-gus"])
        #expect(
            thread.posts.map(\.author.url) == [
                "https://community.plotholders.example/profile/42-early-riser/", nil,
                "https://community.plotholders.example/profile/8-greenhouse-gus/",
            ])
        #expect(
            thread.posts.map(\.published.iso) == [
                "2018-03-02T06:10:00Z", "2018-03-02T08:30:00Z", "2018-03-03T12:00:00Z",
            ])
        #expect(
            thread.posts.map(\.text) == [
                "When is it safe to plant out beans this year?", "Not before mid May round here.",
                "Fleece them and go early.",
            ])
    }

    @Test(arguments: [
        ("https://forum.example/profile/123-some-name/", "some-name"),
        ("https://forum.example/profile/123-some-name", "some-name"),
        ("https://talk.example/members/ann.12/", "ann"),
        ("https://board.example/u/ann", "ann"),
        ("https://board.example/user/Ann%20Lee/", "Ann Lee"),
        ("https://forum.example/index.php?showuser=5", nil),
        ("https://forum.example/profile/123/", nil),
        ("https://forum.example/", nil),
    ] as [(String, String?)])
    func profileSlugs(url: String, name: String?) {
        #expect(StructuredThreadBuilder.profileSlug(url) == name)
    }

    @Test func bareProfileAddressAsAuthor() throws {
        let html = """
            <html><head><script type="application/ld+json">
            {"@type":"DiscussionForumPosting","headline":"Bare","text":"t",
             "author":"https://forum.example/profile/9-plain-address/"}
            </script></head><body></body></html>
            """
        let thread = try invision.thread(bytes: Array(html.utf8))
        #expect(
            thread.posts.first?.author
                == Author(name: "plain-address", url: "https://forum.example/profile/9-plain-address/"))
    }
}

extension Fixture {
    /// The thread `bytes` extract to.
    fileprivate func thread(bytes: [UInt8]) throws -> Discussion {
        guard case .thread(let thread) = try page(bytes, source: "inline") else {
            throw WrongKind(source: "inline", expected: "thread")
        }
        return thread
    }
}
