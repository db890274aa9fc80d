import Extract
import Foundation
import Model
import Testing

/// A profile over `ProfileFormatTests.page` whose thread fields are `thread` (a JSON object's members)
/// and whose posts read `post` (members) besides their node.
private func profile(define: String = "{}", thread: String = "", post: String = "") -> String {
    let threadMembers = thread.isEmpty ? "" : thread + ", "
    let postMembers = post.isEmpty ? "" : ", " + post
    return #"{"name": "board", "define": \#(define), "thread": {\#(threadMembers)"posts": [{"node": "//div[@class='msg']"\#(postMembers)}]}}"#
}

/// The words of the profile format beyond plain XPath: `count`, `url`, `thread`, `template`, `when`,
/// placeholders in a `pattern`, and `define`.
@Suite("Profile format")
struct ProfileFormatTests {
    static let page = Array(
        """
        <html><head><title>Tram news</title></head><body>
        <ul class="trail"><li><a href="/f?id=12">Transport</a></li></ul>
        <div class="msg" id="m1"><b class="who">ann</b><span class="n">1.</span><div class="txt">First</div></div>
        <div class="msg" id="m2"><b class="who">bob</b><span class="n">2.</span><div class="txt">Second</div></div>
        <p class="pick">3 picks</p>
        </body></html>
        """.utf8)

    func thread(_ profile: String, url: String? = "https://board.example/t/120034/tram-news") throws -> Discussion {
        var profiles = ProfileSet()
        try profiles.add(json: Data(profile.utf8), source: "test")
        let page = try Extractor(profiles: profiles).extract(
            Self.page, options: ExtractionOptions(url: url, profile: "board"), source: "board.html")
        guard case .thread(let thread) = page else { throw ExtractError(.nothingFound, source: "test", "a listing") }
        return thread
    }

    @Test func countIsTheNumberOfNodesAndEmptyWhenNone() throws {
        let found = try thread(profile(thread: #""counts": {"replies": {"count": "//div[@class='msg']"}}"#))
        #expect(found.counts.replies == 2)
        // None selected: the next alternative is tried.
        let fallback = try thread(
            profile(thread: #""counts": {"replies": [{"count": "//div[@class='none']"}, "//p[@class='pick']"]}"#))
        #expect(fallback.counts.replies == 3)
    }

    @Test func urlTakesTheFirstGroupOfTheAddress() throws {
        let profile = profile(thread: #""id": [{"xpath": "//h1"}, {"url": "/t/(\\d+)"}]"#)
        #expect(try thread(profile).id == "120034")
        #expect(try thread(profile, url: "https://board.example/about").id == nil)
    }

    @Test func postFieldsNameTheThreadsValues() throws {
        let profile = profile(
            thread: #""id": {"url": "/t/(\\d+)"}"#,
            post: #""id": {"template": "{thread.id}-{@id}"}, "title": {"thread": "title"}"#)
        let found = try thread(profile)
        #expect(found.posts.map(\.id) == ["120034-m1", "120034-m2"])
        #expect(found.posts.map(\.title) == ["Tram news", "Tram news"])
        // A placeholder without a value leaves the alternative empty.
        #expect(try thread(profile, url: nil).posts.map(\.id) == [nil, nil])
    }

    @Test func whenChoosesWhereAnAlternativeApplies() throws {
        let profile = profile(
            post: #""author": [{"when": "self::*[@id='m2']", "xpath": "'second'"}, ".//b"]"#)
        #expect(try thread(profile).posts.map(\.author.name) == ["ann", "second"])
    }

    @Test func patternPlaceholdersStandForTheirValues() throws {
        // The thread number after the forum id (12) of the breadcrumb: 120034 → 0034.
        let profile = profile(
            define: #"{"forumId": "substring-after(//ul[@class='trail']//a/@href, 'id=')"}"#,
            thread: #""id": {"url": "/t/(\\d+)"}"#,
            post: #""id": {"thread": "id", "pattern": "^{$forumId}(\\d{2,})$"}"#)
        #expect(try thread(profile).posts.map(\.id) == ["0034", "0034"])
    }

    @Test func definitionsAreUsedByName() throws {
        let profile = #"""
            {"name": "board", "define": {"message": "div[@class='msg']", "first": "(//$message)[1]"},
             "detect": {"markers": ["//$message"]},
             "thread": {"title": "$first//b", "posts": [{"node": "//$message", "author": ".//b"}]}}
            """#
        let found = try thread(profile)
        #expect(found.title == "ann")
        #expect(found.posts.map(\.author.name) == ["ann", "bob"])
    }

    @Test(
        "a bad field fails with the profile, the field's JSON path and the reason",
        arguments: [
            (profile(thread: #""id": {"xpath": "//h1", "count": "//p"}"#),
             "profile board: $.thread.id: a field alternative reads one of xpath, count, url, thread or template (found xpath and count)"),
            (profile(thread: #""id": {"pattern": "x"}"#), "profile board: $.thread.id: a field alternative reads one of"),
            (profile(thread: #""id": [".//h1", {"xpath": "//h1", "patern": "x"}]"#),
             "profile board: $.thread.id[1].patern: unknown key"),
            (profile(thread: #""id": {"url": "(unclosed"}"#), "profile board: $.thread.id.url: invalid regular expression"),
            (profile(thread: #""id": {"url": "/t/(\\d+)", "pattern": "x"}"#),
             "profile board: $.thread.id.pattern: url is a regular expression itself"),
            (profile(thread: #""id": {"thread": "id"}"#), "profile board: $.thread.id.thread: thread values are for post fields"),
            (profile(post: #""id": {"thread": "author"}"#),
             "profile board: $.thread.posts[0].id.thread: unknown thread value \"author\""),
            (profile(post: #""id": {"template": "{thread.forum}"}"#),
             "profile board: $.thread.posts[0].id.template: unknown thread value {thread.forum}"),
            (profile(post: #""id": {"template": "a{@id"}"#), "profile board: $.thread.posts[0].id.template: a \"{\" without"),
            (profile(post: #""id": {"template": "{@id[}"}"#), "profile board: $.thread.posts[0].id.template: invalid XPath"),
            (profile(post: #""author": {"count": "$who"}"#),
             "profile board: $.thread.posts[0].author.count: unknown definition $who (defined: none)"),
            (profile(define: #"{"a": "$b", "b": "$a"}"#), "profile board: $.define.a: definitions refer to each other"),
            (profile(define: #"{"1st": "//p"}"#), "profile board: $.define.1st: a definition's name"),
            (profile(post: #""id": {"xpath": "@id", "when": "self::["}"#),
             "profile board: $.thread.posts[0].id.when: invalid XPath"),
        ])
    func badFields(json: String, message: String) {
        var profiles = ProfileSet()
        do {
            try profiles.add(json: Data(json.utf8), source: "config.json $.profiles[1]")
            Issue.record("\(json) should be rejected")
        } catch {
            #expect(error.code == .invalidProfile)
            #expect(error.description.hasPrefix("config.json $.profiles[1]: \(message)"), "\(error.description)")
        }
    }

    @Test func aConfigOverrideMayUseAndChangeDefinitions() throws {
        var profiles = ProfileSet()
        try profiles.add(
            json: Data(profile(define: #"{"who": ".//b"}"#, post: #""author": "$who""#).utf8), source: "built-in")
        try profiles.add(
            json: Data(#"{"name": "board", "define": {"who": "string(@id)"}}"#.utf8), source: "config.json $.profiles[0]")
        let page = try Extractor(profiles: profiles).extract(
            Self.page, options: ExtractionOptions(profile: "board"), source: "board.html")
        guard case .thread(let found) = page else { throw ExtractError(.nothingFound, source: "test", "a listing") }
        #expect(found.posts.map(\.author.name) == ["m1", "m2"])
    }

    /// Profiles read like documentation of a page: no expression of a built-in profile (an XPath, a
    /// definition, a pattern) is longer than 300 characters.
    @Test func everyBuiltInExpressionIsShort() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Extract/Profiles")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 15)
        var long: [String] = []
        for file in files.sorted() {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file)))
            for (path, text) in Self.strings(in: json, at: "$") where text.count > 300 && path != "$.description" {
                long.append("\(file) \(path) (\(text.count) characters)")
            }
        }
        #expect(long.isEmpty, "expressions over 300 characters: \(long.joined(separator: "; "))")
    }

    private static func strings(in value: Any, at path: String) -> [(String, String)] {
        switch value {
        case let text as String:
            return [(path, text)]
        case let list as [Any]:
            return list.enumerated().flatMap { strings(in: $0.element, at: "\(path)[\($0.offset)]") }
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { strings(in: object[$0] as Any, at: "\(path).\($0)") }
        default:
            return []
        }
    }
}
