import Archive
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// Every route of the reader through Hummingbird's router: status codes, the security headers on every
/// response (errors included), pagination, search and feeds.
@Suite("Reader routes")
struct RouteTests {
    static let policy = "default-src 'self'; img-src 'self' data:; script-src 'self'"

    /// Runs `body` against a reader of a fresh test archive.
    func withReader(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let archive = try ReaderArchive()
        let server = try ReaderServer(options: ServerOptions(archive: archive.root, port: 0))
        try await server.application().test(.router) { client in try await body(client) }
        withExtendedLifetime(archive) {}
    }

    func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    func expectSecure(_ response: TestResponse, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        #expect(csp.hasPrefix(Self.policy), "\(path): CSP \(csp)", sourceLocation: sourceLocation)
        #expect(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"), sourceLocation: sourceLocation)
        #expect(response.headers[.xContentTypeOptions] == "nosniff", sourceLocation: sourceLocation)
    }

    @Test func everyPageAnswersWithItsStatusAndThePolicy() async throws {
        try await withReader { client in
            let index = text(try await client.execute(uri: "/", method: .get))
            let link = "/t/democraticunderground.com/100"  // two versions
            #expect(index.contains("href=\"\(link)\""))
            let cases: [(String, HTTPResponse.Status)] = [
                ("/", .ok), ("/?page=1", .ok), ("/?site=news.ycombinator.com", .ok), ("/stories", .ok),
                (link, .ok), (link + "?v=1", .ok), (link + "/history", .ok), (link + "/diff?from=1&to=2", .ok),
                ("/search", .ok), ("/search?q=cameras", .ok), ("/static/style.css", .ok),
                ("/nowhere", .notFound), ("/t/democraticunderground.com/999", .notFound),
                ("/t/..%2f..%2fetc/passwd", .notFound), ("/t/../../etc", .notFound), (link + "?v=9", .notFound),
                (link + "?v=abc", .badRequest), ("/?page=0", .badRequest), (link + "/diff?from=1", .badRequest),
                ("/stories/0123456789abcdef", .notFound), ("/feeds/site/nowhere.example.atom", .notFound),
                ("/search?q=%22unbalanced", .ok),
            ]
            for (path, status) in cases {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == status, "\(path): \(response.status) \(text(response).prefix(300))")
                expectSecure(response, path)
                if path != "/static/style.css" {
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(path)")
                    #expect(text(response).contains("</html>"), "\(path) is not a whole page")
                }
            }
        }
    }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        try await withReader { client in
            let head = try await client.execute(uri: "/t/democraticunderground.com/100", method: .head)
            #expect(head.status == .ok)
            expectSecure(head, "HEAD")
            #expect(head.body.readableBytes == 0)
            let missing = try await client.execute(uri: "/nowhere", method: .head)
            #expect(missing.status == .notFound)
        }
    }

    @Test func threadPageShowsVersionsAndEscapesTitles() async throws {
        try await withReader { client in
            let key = "/t/democraticunderground.com/100"
            let latest = text(try await client.execute(uri: key, method: .get))
            #expect(latest.contains("Flock cameras &lt;b&gt;everywhere&lt;/b&gt;"))
            #expect(!latest.contains("<b>everywhere</b>"))
            #expect(latest.contains("zebras"))
            #expect(latest.contains("?v=1"))
            let first = text(try await client.execute(uri: key + "?v=1", method: .get))
            #expect(first.contains("The police counted the cameras."))
            let diff = text(try await client.execute(uri: key + "/diff?from=1&to=2", method: .get))
            #expect(diff.contains("more each week"))
            let garden = text(try await client.execute(uri: "/t/democraticunderground.com/300", method: .get))
            #expect(!garden.contains("<script"))
        }
    }

    @Test func searchFindsPostsWithHighlightsAndFilters() async throws {
        try await withReader { client in
            let found = text(try await client.execute(uri: "/search?q=zebras", method: .get))
            #expect(found.contains("<mark>zebras</mark>"), "\(found.prefix(2000))")
            #expect(found.contains("/t/democraticunderground.com/100#p-"))
            let phrase = text(try await client.execute(uri: "/search?q=%22log+every+plate%22", method: .get))
            #expect(phrase.contains("/t/news.ycombinator.com/200#p-"))
            let filtered = text(try await client.execute(uri: "/search?q=cameras&site=news.ycombinator.com", method: .get))
            #expect(filtered.contains("/t/news.ycombinator.com/200"))
            #expect(!filtered.contains("/t/democraticunderground.com/100#"))
            // As a search form sends it: `+` is a space, `%2B` a plus.
            let either = text(try await client.execute(uri: "/search?q=zebras+OR+tomatoes", method: .get))
            #expect(either.contains("<mark>zebras</mark>") && either.contains("<mark>Tomatoes</mark>"), "\(either.prefix(3000))")
            let prefix = text(try await client.execute(uri: "/search?q=tomat*", method: .get))
            #expect(prefix.contains("/t/democraticunderground.com/300#p-"))
        }
    }

    @Test func feedsAreAtomWithStableIDs() async throws {
        try await withReader { client in
            let path = "/feeds/thread/democraticunderground.com/100.atom"
            let feed = try await client.execute(uri: path, method: .get)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            let xml = text(feed)
            #expect(xml.hasPrefix("<?xml"))
            #expect(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
            #expect(xml.components(separatedBy: "<entry>").count - 1 == 3)
            let again = text(try await client.execute(uri: path, method: .get))
            #expect(again == xml)
            let site = try await client.execute(uri: "/feeds/site/democraticunderground.com.atom", method: .get)
            #expect(site.status == .ok)
            let stories = text(try await client.execute(uri: "/stories", method: .get))
            let story = try #require(stories.firstMatch(of: /href="\/stories\/([0-9a-f]{16})"/)?.1).description
            let storyFeed = try await client.execute(uri: "/feeds/story/\(story).atom", method: .get)
            #expect(storyFeed.status == .ok)
            #expect(text(storyFeed).contains("ALPR"))
        }
    }
}
