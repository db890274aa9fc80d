import Foundation
import Model
import Testing

@Test func absentValuesAreWrittenAsNull() throws {
    let post = Post(position: 1)
    let json = String(decoding: try CanonicalJSON.encode(post), as: UTF8.self)
    #expect(json.contains("\"parent\":null"))
    #expect(json.contains("\"author\":{\"name\":null,\"postCount\":null,\"url\":null}"))
}

@Test func threadRoundTripsAndKeysAreSorted() throws {
    let thread = Discussion(
        site: "du", id: "100220384040", title: "T", forum: ["General Discussion"],
        story: Story(url: "https://www.example.com/a?ref=x", canonical: "https://example.com/a"),
        counts: Counts(replies: 12, recommendations: 30),
        posts: [Post(id: "1", position: 1, author: Author(name: "erronis", postCount: 20156),
                     published: Timestamp(iso: "2025-06-16T15:17:00Z", text: "Mon Jun 16, 2025, 11:17 AM"))]
    )
    let data = try CanonicalJSON.encode(ExtractedPage.thread(thread))
    let decoded = try JSONDecoder().decode(ExtractedPage.self, from: data)
    #expect(decoded == .thread(thread))
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.hasPrefix("{\"counts\":"))
    #expect(text.contains("\"kind\":\"thread\""))
    #expect(try CanonicalJSON.encode(ExtractedPage.thread(thread)) == data)
}

@Test func unknownKeysAreRejectedWithTheirPath() throws {
    struct Inner: Decodable {
        var delay: Double
        enum CodingKeys: String, CodingKey, CaseIterable { case delay }
        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            delay = try decoder.container(keyedBy: CodingKeys.self).decode(Double.self, forKey: .delay)
        }
    }
    struct Outer: Decodable { var sites: [Inner] }
    let json = Data(#"{"sites": [{"delay": 1}, {"delay": 2, "dealy": 3}]}"#.utf8)
    do {
        _ = try JSONDecoder().decode(Outer.self, from: json)
        Issue.record("decoding should fail")
    } catch let error as DecodingError {
        #expect(error.summary.hasPrefix("$.sites[1].dealy: unknown key"))
    }
    let wrongType = Data(#"{"sites": [{"delay": "soon"}]}"#.utf8)
    do {
        _ = try JSONDecoder().decode(Outer.self, from: wrongType)
        Issue.record("decoding should fail")
    } catch let error as DecodingError {
        #expect(error.summary == "$.sites[0].delay: expected a number")
    }
}
