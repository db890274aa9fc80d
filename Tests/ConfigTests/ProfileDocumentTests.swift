import Config
import Foundation
import Testing

@Suite("Profiles kept as JSON")
struct ProfileDocumentTests {
    @Test func keepsCanonicalBytesNameAndIndex() throws {
        let json = """
            {"profiles": [
              {"name": "first"},
              { "name" : "myforum",
                "fields": {"title": "//h1", "author": ".//a[@class='user']", "count": 3, "ratio": 0.5,
                           "flags": [true, null], "removed": null} }
            ]}
            """
        let config = try ThreadkeeperConfig.decode(Data(json.utf8), source: "p.json")
        #expect(config.profiles.map(\.name) == ["first", "myforum"])
        #expect(config.profiles.map(\.index) == [0, 1])
        let profile = config.profiles[1]
        #expect(
            String(decoding: profile.json, as: UTF8.self)
                == #"{"fields":{"author":".//a[@class='user']","count":3,"flags":[true,null],"ratio":0.5,"removed":null,"title":"//h1"},"name":"myforum"}"#
        )
        #expect(profile.path == "$.profiles[1]")
    }

    private struct Fields: Decodable {
        var fields: [String: Int]
    }

    @Test func pathsInsideAProfilePointIntoTheConfigFile() throws {
        let json = #"{"profiles": [{"name": "a"}, {"name": "b", "fields": {"author": "not a number"}}]}"#
        let profile = try #require(ThreadkeeperConfig.decode(Data(json.utf8), source: "p.json").profiles.last)
        let error = try #require(throws: DecodingError.self) { _ = try JSONDecoder().decode(Fields.self, from: profile.json) }
        guard case .typeMismatch(_, let context) = error else {
            Issue.record("expected a type mismatch, got \(error)")
            return
        }
        #expect(profile.path(of: context.codingPath) == "$.profiles[1].fields.author")
    }
}
