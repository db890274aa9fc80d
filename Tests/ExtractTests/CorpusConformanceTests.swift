import CorpusSupport
import Extract
import Foundation
import Model
import Testing

/// Every labelled real page must extract to what its label says.
@Suite(.enabled(if: Corpus.isAvailable, Corpus.skipReason))
struct CorpusConformanceTests {
    @Test(arguments: Corpus.labels)
    func pageMatchesItsLabel(_ label: Corpus.Label) throws {
        // Labels were read off pages at capture time; relative times only need to parse to something.
        let page = try Fixture.corpus.page(label.file, url: label.url)
        switch page {
        case .thread(let thread):
            #expect(label.kind == "thread", "read as a thread, labelled \(label.kind)")
            #expect(thread.title == label.title)
            #expect(thread.posts.count == label.posts)
            #expect(thread.posts.first?.author.name == label.firstAuthor)
            #expect(thread.posts.dropFirst().first?.author.name == label.secondAuthor)
            #expect(thread.posts.first?.published.text == label.firstPublishedText)
            #expect(thread.story?.url == label.story)
        case .listing(let listing):
            #expect(label.kind == "listing", "read as a listing, labelled \(label.kind)")
            #expect(listing.title == label.title)
            #expect(listing.threads.count == label.posts)
            if let first = label.firstAuthor { #expect(listing.threads.first?.author.name == first) }
            if let second = label.secondAuthor { #expect(listing.threads.dropFirst().first?.author.name == second) }
            #expect(listing.threads.first?.story?.url == label.story)
        }
    }

    @Test func everyLabelledPageIsTested() {
        #expect(Corpus.labels.count >= 27, "labels.json should list the corpus pages")
    }
}
