import Extract
import Foundation
import Model
import Testing

/// A synthetic topic in a prosilver-derived style that shows relative times and keeps the exact ones
/// in attributes, a different one per post as different styles do: a `<time datetime>` outside
/// `p.author`, `data-date` (ISO), `data-time` (epoch) and a `title` on the date element.
private let phpBB = Fixture("phpbb")

@Suite("phpBB times in attributes")
struct PhpBBAttributeTimeTests {
    @Test func exactTimesFromAttributes() throws {
        let thread = try phpBB.thread(
            "phpbb32-attribute-times-topic.html", url: "https://riders.example.org/viewtopic.php?t=812")
        #expect(thread.profile == "phpbb")
        #expect(thread.title == "Night buses on the ring road")
        #expect(thread.posts.map(\.id) == ["9001", "9002", "9003", "9004"])
        #expect(thread.posts.map(\.author.name) == ["lateshift", "busfan", "lateshift", "ringroader"])
        #expect(
            thread.posts.map(\.published.iso) == [
                "2019-11-04T22:40:00Z", "2019-11-05T06:15:00Z", "2019-11-06T00:30:00Z", "2019-11-07T19:05:00Z",
            ])
        #expect(thread.posts.allSatisfy { !$0.published.isApproximate })
        #expect(thread.posts.map(\.published.text) == ["5 years ago", "Yesterday", "Wednesday", "2 weeks ago"])
        #expect(
            thread.posts.map(\.text) == [
                "Route N4 now runs every twenty minutes after midnight.", "Good news for the hospital staff.",
                "And the N7 from December.", "Is the timetable online yet?",
            ])
    }

    @Test func subsilver2TimeInAnAttribute() throws {
        // The subsilver2 topic, its first post's date shown relatively with the instant in `data-time`.
        let page = String(decoding: try phpBB.bytes("phpbb30-subsilver2-topic.html"), as: UTF8.self)
            .replacingOccurrences(
                of: "<b>Verfasst:</b> 14.02.2009, 17:05&nbsp;",
                with: "<b>Verfasst:</b> <span class=\"postdate\" data-time=\"1234631100\">vor 16 Jahren</span>&nbsp;")
        guard case .thread(let thread) = try phpBB.page(Array(page.utf8), source: "subsilver2-data-time") else {
            Issue.record("expected a thread")
            return
        }
        #expect(thread.posts.map(\.published.iso) == ["2009-02-14T17:05:00Z", "2009-02-15T08:40:00Z"])
        #expect(thread.posts.map(\.author.name) == ["Schaffner", "Hafenmeister"])
    }
}
