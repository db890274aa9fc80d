import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Synthetic Stack Exchange pages in `Fixtures/stackexchange/`: a 2016-style question in Spanish
/// (table layout, `td.post-signature`, comments as `tr.comment`, answer pages), the current
/// questions listing and the 2016 one.
private let stackExchange = Fixture("stackexchange", fetchedAt: Date(timeIntervalSince1970: 1_718_445_600))

@Suite("Stack Exchange profile")
struct StackExchangeTests {
    @Test func olderQuestionPageInSpanish() throws {
        guard case .thread(let thread) = try stackExchange.page("es-so-2016-question-p1.html") else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.profile == "stackexchange")
        #expect(thread.id == "1234")
        #expect(thread.title == "¿Cómo leo la API de horarios del tranvía?")
        #expect(thread.url == "https://es.stackoverflow.com/questions/1234/como-leo-la-api-de-horarios-del-tranvia")
        #expect(thread.forum == ["Stack Overflow en español"])
        #expect(thread.counts.replies == 3)
        #expect(thread.counts.views == 1234)
        #expect(thread.counts.score == 15)
        #expect(thread.pages.current == 1)
        #expect(thread.pages.last == 2)
        #expect(thread.pages.next
            == "https://es.stackoverflow.com/questions/1234/como-leo-la-api-de-horarios-del-tranvia?page=2&tab=votes#tab-top")
        // The question links a news article: that is the story.
        #expect(thread.story?.canonical == "https://example-noticias.es/ciudad/tranvia-api-abierta")

        // Question + answers are the posts; the asker is the owner, not the editor.
        #expect(thread.posts.map(\.id) == ["1234", "1240", "1241"])
        #expect(thread.posts.map(\.author.name) == ["María", "Luis", "user4242"])
        #expect(thread.posts.map(\.author.url) == [
            "https://es.stackoverflow.com/users/55/maria", "https://es.stackoverflow.com/users/88/luis", nil,
        ])
        #expect(thread.posts.map(\.published.text) == [
            "preguntada 1 may. 2016 a las 9:30", "respondida 1 may. 2016 a las 11:00",
            "respondida 3 may. 2016 a las 8:45",
        ])
        #expect(thread.posts.map(\.published.iso) == [
            "2016-05-01T09:30:00Z", "2016-05-01T11:00:00Z", "2016-05-03T08:45:00Z",
        ])
        #expect(thread.posts[0].edited.iso == "2016-05-02T10:00:00Z")
        #expect(thread.posts[0].edited.text == "editada 2 may. 2016 a las 10:00")
        #expect(thread.posts.map(\.counts.score) == [15, 20, -1])
        #expect(thread.posts.map(\.counts.replies) == [2, 0, 1])
        #expect(thread.posts.map(\.parent) == [nil, nil, nil])
        #expect(thread.posts[1].text == "Usa fetch contra /v2/horarios.")

        // Comments are nested in their post, answering it.
        #expect(thread.posts.map { $0.comments.map(\.id) } == [["5001", "5002"], [], ["5010"]])
        let comment = thread.posts[0].comments[0]
        #expect(comment.parent == "1234")
        #expect(comment.author.name == "Pedro")
        #expect(comment.author.url == "https://es.stackoverflow.com/users/66/pedro")
        #expect(comment.published.iso == "2016-05-01T10:00:00Z")
        #expect(comment.published.text == "1 may. 2016 a las 10:00")
        #expect(comment.counts.score == 3)
        #expect(comment.html == "¿Qué versión de la API usas?")
        #expect(thread.posts[0].comments[1].counts.score == nil)
        #expect(thread.posts[2].comments[0].parent == "1241")
    }

    @Test func currentQuestionsListing() throws {
        let page = try stackExchange.page("se-newest-questions-listing.html")
        guard case .listing(let listing) = page else {
            Issue.record("expected a listing, got \(page)")
            return
        }
        #expect(listing.profile == "stackexchange")
        #expect(listing.title == "Newest Questions")
        #expect(listing.nextPage == "https://german.stackexchange.com/questions?tab=newest&page=2")
        #expect(listing.threads.map(\.id) == ["10376", "80001"])
        #expect(listing.threads.map(\.url) == [
            "https://german.stackexchange.com/questions/10376/when-to-use-wurde-versus-war",
            "https://german.stackexchange.com/questions/80001/is-strassenbahn-one-word",
        ])
        #expect(listing.threads.map(\.title) == ["When to use \"wurde\" versus \"war\"", "Is \"Straßenbahn\" one word?"])
        #expect(listing.threads.map(\.author.name) == ["user5105", "Tram Fan"])
        #expect(listing.threads.map(\.counts.score) == [22, 0])
        #expect(listing.threads.map(\.counts.replies) == [6, 0])
        #expect(listing.threads.map(\.counts.views) == [37792, 12])
        #expect(listing.threads.map(\.lastActivity.iso) == ["2014-02-06T20:37:20Z", "2024-06-15T09:12:00Z"])
        #expect(listing.threads[0].lastActivity.text == "asked Feb 6, 2014 at 20:37")
    }

    @Test func olderQuestionsListing() throws {
        let page = try stackExchange.page("so-2016-questions-listing.html", url: "https://stackoverflow.com/questions")
        guard case .listing(let listing) = page else {
            Issue.record("expected a listing, got \(page)")
            return
        }
        #expect(listing.title == "All Questions")
        #expect(listing.nextPage == "https://stackoverflow.com/questions?page=2&sort=newest")
        #expect(listing.threads.map(\.id) == ["37000001"])
        #expect(listing.threads.map(\.url) == ["https://stackoverflow.com/questions/37000001/parse-tram-timetable-json"])
        #expect(listing.threads.map(\.author.name) == ["ann"])
        #expect(listing.threads.map(\.author.url) == ["https://stackoverflow.com/users/123/ann"])
        #expect(listing.threads.map(\.counts.score) == [5])
        #expect(listing.threads.map(\.counts.replies) == [2])
        #expect(listing.threads.map(\.counts.views) == [1234])
        #expect(listing.threads.map(\.lastActivity.iso) == ["2016-05-01T09:30:00Z"])
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
    func corpusQuestionWithCommentsNested() throws {
        let file = "stackexchange/german-se-q10376-wurde-vs-war.html"
        guard case .thread(let thread) = try stackExchange.page(corpus: file) else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.posts.count == 7)
        #expect(thread.posts.map { $0.comments.count }.reduce(0, +) == 14)
        #expect(thread.posts.allSatisfy { post in post.comments.allSatisfy { $0.parent == post.id } })
        #expect(thread.posts.map(\.id) == ["10376", "10381", "10378", "21947", "47250", "10377", "10380"])
        #expect(thread.posts.map(\.counts.score) == [22, 22, 3, 3, 3, 0, -1])
        #expect(thread.posts[1].published.text == "answered Feb 6, 2014 at 23:35")
        #expect(thread.posts[1].published.iso == "2014-02-06T23:35:45Z")
        // Edited by someone else: the answerer is still the author.
        #expect(thread.posts[2].author.name == "Hagen von Eitzen")
        #expect(thread.posts[2].edited.iso == "2015-02-18T20:05:54Z")
        #expect(thread.counts.replies == 6)
        #expect(thread.counts.views == 37792)
        #expect(thread.posts[0].comments.first?.author.name == "Vogel612")
        #expect(thread.posts[0].comments.first?.published.iso == "2014-02-07T10:53:03Z")
    }
}
