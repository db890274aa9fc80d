import Archive
import Foundation
import Testing

@testable import Search

@Suite("Search: queries and their syntax")
struct SearchQueryTests {
    let archive: TemporaryArchive
    let index: SearchIndex

    init() throws {
        archive = TemporaryArchive()
        for thread in Build.sample() { try archive.store(thread) }
        index = try archive.index()
    }

    func keys(_ text: String, site: String? = nil, author: String? = nil, from: String? = nil, to: String? = nil)
        throws -> [String]
    {
        try index.search(SearchQuery(text, site: site, author: author, from: from, to: to)).keys.sorted()
    }

    @Test func wordsAreAndedAcrossTextAuthorAndTitle() throws {
        #expect(try keys("flock cameras") == ["id:11", "id:12"])
        // "police" is in thread 1's title, so every post of it matches with "cameras".
        #expect(try keys("police cameras") == ["id:11", "id:12"])
        #expect(try keys("erronis tomatoes") == ["id:31"])
    }

    @Test func aPhraseMatchesOnlyItsWordsInOrder() throws {
        #expect(try keys("\"flock cameras\"") == ["id:11"])
        #expect(try keys("\"cameras flock\"") == [])
    }

    @Test func aPrefixMatchesWordsStartingWithIt() throws {
        #expect(try keys("surveil*") == ["id:11", "id:12", "id:13", "id:22"])
        #expect(try keys("surveil") == [])
    }

    @Test func aMinusExcludes() throws {
        #expect(try keys("cameras -flock") == ["id:21", "id:22/c1", "id:31"])
        #expect(try keys("cameras -\"flock cameras\"") == ["id:12", "id:21", "id:22/c1", "id:31"])
    }

    @Test func orFindsEither() throws {
        #expect(try keys("tomatoes OR zebras") == ["id:22/c1", "id:31"])
        // OR binds tighter than the implied AND.
        #expect(try keys("tomatoes OR alpr cameras") == ["id:21", "id:31"])
        #expect(try keys("or") == [])
    }

    @Test func diacriticsAndCaseAreIgnored() throws {
        #expect(try keys("cafe") == ["id:13", "id:22"])
        #expect(try keys("CAFÉ") == ["id:13", "id:22"])
    }

    @Test func filtersBySiteAuthorAndDates() throws {
        #expect(try keys("cameras", site: "hn") == ["id:21", "id:22/c1"])
        #expect(try keys("cameras", site: "www.democraticunderground.com") == ["id:11", "id:12", "id:31"])
        #expect(try keys("cameras", author: "ERRONIS") == ["id:11", "id:31"])
        #expect(try keys("cameras", from: "2025-06-17") == ["id:21", "id:22/c1", "id:31"])
        #expect(try keys("cameras", to: "2025-06-16") == ["id:11", "id:12"])
        #expect(try keys("cameras", from: "2025-06", to: "2025-06") == ["id:11", "id:12", "id:31"])
        #expect(try keys("cameras", from: "2025-07-03", to: "2025-07-03") == ["id:22/c1"])
    }

    @Test func filtersMayBeWrittenInTheText() throws {
        #expect(try keys("cameras site:hn") == ["id:21", "id:22/c1"])
        #expect(try keys("cameras author:erronis from:2025-06-18") == ["id:31"])
        #expect(try keys("author:\"bob\"") == ["id:12", "id:22"])
        // A filter given as a parameter wins over the text.
        #expect(try keys("cameras site:hn", site: "du") == ["id:11", "id:12", "id:31"])
    }

    @Test func filtersAloneListNewestFirst() throws {
        let results = try index.search(SearchQuery("author:bob"))
        #expect(results.total == 2)
        #expect(results.keys == ["id:22", "id:12"])
        #expect(results.hits[0].snippet == [SnippetRun("Surveillance is cheap now; the cafe owner agrees.", isMatch: false)])
    }

    @Test func hitsNameTheirPostAndThread() throws {
        let results = try index.search(SearchQuery("zebras"))
        let hit = try #require(results.hits.first)
        #expect(results.total == 1)
        #expect(hit.threadKey.description == "news.ycombinator.com/2")
        #expect(hit.postKey == "id:22")
        #expect(hit.comment == 1)
        #expect(hit.position == 2)
        #expect(hit.author == "eve")
        #expect(hit.site == "hn")
        #expect(hit.threadTitle == "Licence plate readers")
        #expect(hit.threadURL == "https://news.ycombinator.com/t/2")
        #expect(hit.published == "2025-07-03T11:00:00Z")
        #expect(hit.removed == false)
        #expect(hit.rank < 0)
    }

    @Test func snippetRunsMarkTheMatchedWords() throws {
        let hit = try #require(try index.search(SearchQuery("flock")).hits.first { $0.postKey == "id:11" })
        #expect(hit.snippet == [
            SnippetRun("Flock", isMatch: true), SnippetRun(" cameras are everywhere in our town now.", isMatch: false),
        ])
        let prefixed = try #require(try index.search(SearchQuery("surveil*", author: "cat")).hits.first)
        #expect(prefixed.snippet.filter(\.isMatch).map(\.text) == ["surveilled"])
    }

    @Test func bestMatchesComeFirstThenNewest() throws {
        // Both by bob, the author column alone matching: equal scores, so the newer comes first.
        let results = try index.search(SearchQuery("bob"))
        #expect(results.keys == ["id:22", "id:12"])
        let paged = try index.search(SearchQuery("cameras", limit: 2, offset: 1))
        #expect(paged.total == 5)
        #expect(paged.hits.count == 2)
        #expect(try index.search(SearchQuery("cameras", limit: 5)).keys.dropFirst().prefix(2) == paged.keys[...])
    }

    static let hostile = [
        "\"", "\"\"", ":", "(", ")", "*", "-", "--", "NEAR", "NEAR(flock cameras)", "flock AND", "AND OR NOT",
        "NOT flock", "OR", "flock OR", "OR OR flock", "\"unbalanced flock", "title:flock", "text:cameras",
        "^flock", "flock + cameras", "a\u{0}b", "'; DROP TABLE post; --", "flock\" OR \"x", "{text author}: flock",
        "col:", "site:", "author:", "- flock", "-\"\"", "**", "flock*cameras", "\u{2}flock\u{3}", "\\", "%", "_",
        String(repeating: "flock ", count: 30), "🙂", "x:y:z", "from:2025-06-01 flock",
    ]

    @Test(arguments: hostile)
    func hostileQueriesNeverReachSQLite(text: String) {
        do {
            _ = try index.search(SearchQuery(text))
        } catch {
            #expect(error.code == .badQuery, "\(text.debugDescription): \(error)")
        }
    }

    @Test(arguments: [
        ("", "nothing to search for"), ("   ", "nothing to search for"), ("*", "nothing to search for"),
        ("-flock", "every term is excluded"), ("flock from:June", "from: \"June\" is not a date"),
        ("flock to:2025-02-30", "not a day"), ("flock from:2025-13", "no month 13"),
        ("flock from:2025-07 to:2025-06", "from 2025-07 is after to 2025-06"),
        (String(repeating: "a ", count: 40), "too many"), (String(repeating: "a", count: 1_001), "too long"),
    ])
    func badQueriesSayWhy(text: String, message: String) {
        #expect {
            _ = try index.search(SearchQuery(text))
        } throws: { error in
            let error = error as? SearchError
            return error?.code == .badQuery && error?.description.contains(message) == true
                && error?.description.hasPrefix("query: ") == true
        }
    }

    @Test func theParserQuotesEveryTerm() throws {
        let parsed = try QueryParser.parse(SearchQuery("flock \"ice police\" surv* -near OR x a\"b OR"))
        // The quote in a"b opens a phrase that runs to the end; OR after an excluded term joins nothing.
        #expect(parsed.match == "(\"flock\" AND \"ice police\" AND \"surv\" * AND \"x\" AND \"a\" AND \"b OR\") NOT (\"near\")")
        let grouped = try QueryParser.parse(SearchQuery("a OR b c OR \"d\"* -e -\"f g\""))
        #expect(grouped.match == "((\"a\" OR \"b\") AND (\"c\" OR \"d\" *)) NOT (\"e\" OR \"f g\")")
        #expect(try QueryParser.parse(SearchQuery("say \"\"\"hi")).match == "\"say\" AND \"hi\"")
    }
}
