import Extract
import Foundation
import Model
import Testing

@Suite("Profiles as data")
struct ProfileSetTests {
    static let page = Array(
        """
        <html><head><title>Tram news - Board</title></head><body>
        <h1 class="topic">Tram extension approved</h1>
        <div class="msg" id="m1"><b class="who">ann</b><i>2024-05-01 10:00</i><div class="txt">First</div></div>
        <div class="msg" id="m2"><b class="who">bob</b><i>2024-05-01 11:30</i><div class="txt">Second</div></div>
        </body></html>
        """.utf8)

    static let boardProfile = #"""
        {"name": "board", "timeZone": "Europe/Berlin",
         "detect": {"markers": ["//div[@class='msg']"]},
         "thread": {"title": "//h1[@class='topic']",
                    "posts": [{"node": "//div[@class='msg']", "id": "@id", "author": ".//b[@class='who']",
                               "publishedText": ".//i", "body": ".//div[@class='txt']"}]}}
        """#

    func extract(_ profiles: ProfileSet, profile: String? = nil) throws -> Discussion {
        let page = try Extractor(profiles: profiles).extract(
            Self.page, options: ExtractionOptions(profile: profile), source: "board.html")
        guard case .thread(let thread) = page else { throw ExtractError(.nothingFound, source: "test", "a listing") }
        return thread
    }

    @Test func aUserProfileIsDetectedAndApplied() throws {
        var profiles = try ProfileSet.builtIn()
        try profiles.add(json: Data(Self.boardProfile.utf8), source: "config.json $.profiles[0]")
        let thread = try extract(profiles)
        #expect(thread.profile == "board")
        #expect(thread.title == "Tram extension approved")
        #expect(thread.posts.map(\.author.name) == ["ann", "bob"])
        #expect(thread.posts.map(\.id) == ["m1", "m2"])
        // Europe/Berlin in May is UTC+2.
        #expect(thread.posts.first?.published.iso == "2024-05-01T08:00:00Z")
        #expect(thread.posts.first?.published.text == "2024-05-01 10:00")
    }

    @Test func anOverrideChangesOnlyTheFieldsItNames() throws {
        var profiles = ProfileSet()
        try profiles.add(json: Data(Self.boardProfile.utf8), source: "built-in")
        // The override names a new title rule and removes the time zone; posts stay as they were.
        try profiles.add(
            json: Data(#"{"name": "board", "timeZone": null, "thread": {"title": "/html/head/title"}}"#.utf8),
            source: "config.json $.profiles[0]")
        let thread = try extract(profiles, profile: "board")
        #expect(thread.title == "Tram news - Board")
        #expect(thread.posts.count == 2)
        #expect(thread.posts.first?.published.iso == "2024-05-01T10:00:00Z")
    }

    @Test(
        "a bad profile fails with the profile, the field's path and the reason",
        arguments: [
            (#"{"name": "bad", "thread": {"posts": [{"node": "//div[", "author": "b"}]}}"#,
             "profile bad: $.thread.posts[0].node: invalid XPath"),
            (#"{"name": "bad", "thread": {"title": "lower-case(//h1)", "posts": []}}"#,
             "profile bad: $.thread.title: invalid XPath"),
            (#"{"name": "bad", "thread": {"posts": [{"node": "//p", "athor": "b"}]}}"#,
             "profile bad: $.thread.posts[0].athor: unknown key"),
            (#"{"name": "bad", "timeZone": "Mars/Olympus"}"#, "profile bad: $.timeZone: unknown time zone"),
            (#"{"name": "bad", "thread": {"counts": {"likes": "//x"}, "posts": []}}"#,
             "profile bad: $.thread.counts.likes: unknown count"),
            (#"{"name": "bad", "hooks": ["nosuch"]}"#, "profile bad: $.hooks[0]: unknown hook"),
            (#"{"thread": {}}"#, "$.name: a profile needs a string name"),
            (#"[1, 2]"#, "a profile must be a JSON object"),
        ])
    func badProfiles(json: String, message: String) {
        var profiles = ProfileSet()
        do {
            try profiles.add(json: Data(json.utf8), source: "config.json $.profiles[3]")
            Issue.record("\(json) should be rejected")
        } catch {
            #expect(error.code == .invalidProfile)
            #expect(error.description.hasPrefix("config.json $.profiles[3]: \(message)"), "\(error.description)")
        }
    }

    @Test func everyBuiltInProfileLoads() throws {
        let names = try ProfileSet.builtIn().names
        for name in [
            "democraticunderground", "discourse", "forumotion", "hackernews", "hypermail", "lobsters", "phpbb",
            "pipermail", "reddit", "smf", "somethingawful", "stackexchange", "vanilla", "vbulletin", "xenforo",
        ] {
            #expect(names.contains(name), "missing built-in profile \(name)")
        }
    }
}
