import Extract
import Foundation
import FuzzSupport
import Model

/// The whole parse path on one input: bytes → charset → HTML → detection → extraction → canonical JSON.
///
/// The first byte picks the profile: 0 lets detection choose, 1… names each built-in profile in turn (by
/// name order), wrapping around. The second byte picks the page's URL (none, or one typical of each
/// site) and the charset an HTTP header would declare. The rest is the page.
enum ParseCheck {
    static let extractor: Extractor = {
        do {
            return Extractor(profiles: try ProfileSet.builtIn())
        } catch {
            FuzzReplay.fail("the built-in profiles do not load: \(error)")
        }
    }()

    static let urls: [String?] = [
        nil,
        "https://www.democraticunderground.com/100220384040",
        "https://www.democraticunderground.com/?com=forum&id=1014",
        "https://forum.example.org/t/a-topic/123",
        "https://forum.example.org/latest",
        "https://test.forumotion.com/t12-topic",
        "https://news.ycombinator.com/item?id=40000000",
        "https://news.ycombinator.com/news",
        "https://lists.example.org/archive/0042.html",
        "https://lobste.rs/s/abcdef/a_story",
        "https://forum.example.org/viewtopic.php?t=42",
        "https://forum.example.org/viewforum.php?f=3",
        "https://mail.example.org/pipermail/list/2024-May/000123.html",
        "https://old.reddit.com/r/worldnews/comments/abc/a_title/",
        "https://forum.example.org/index.php?topic=42.0",
        "https://forums.somethingawful.com/showthread.php?threadid=1",
        "https://stackoverflow.com/questions/42/a-question",
        "https://forum.example.org/discussion/42/a-discussion",
        "https://forum.example.org/showthread.php?t=42",
        "https://forum.example.org/threads/a-thread.42/",
        "file:///etc/passwd",
        "https://[::1]:0/%zz?#",
    ]

    static let charsets: [String?] = [nil, "utf-8", "iso-8859-1", "windows-1252", "shift_jis", "utf-16", "bogus"]

    static let fetchedAt = Date(timeIntervalSince1970: 1_750_000_000)

    /// Loads the profiles and runs each one once, so one-time setup does not count against the first
    /// input's time limit.
    static func warmUp() {
        let page = Array("<html><head><title>t</title></head><body><p>post</p></body></html>".utf8)
        for mode in 0...extractor.profiles.names.count {
            run([UInt8(mode), 1] + page)
        }
    }

    static func run(_ input: [UInt8]) {
        let names = extractor.profiles.names
        let mode = Int(input.first ?? 0) % (names.count + 1)
        let choice = input.count > 1 ? Int(input[1]) : 0
        let options = ExtractionOptions(
            url: urls[choice % urls.count], fetchedAt: fetchedAt,
            declaredCharset: charsets[(choice / urls.count) % charsets.count],
            profile: mode == 0 ? nil : names[mode - 1], maximumBytes: 1 << 20)
        let page = Array(input.dropFirst(2))
        let extracted: ExtractedPage
        do {
            extracted = try extractor.extract(page, options: options, source: "fuzz input")
        } catch {
            if error.description.contains(where: \.isNewline) {
                FuzzReplay.fail("an error message of more than one line: \(error.description.debugDescription)")
            }
            return
        }
        let json: [UInt8]
        do {
            json = try CanonicalJSON.bytes(extracted)
        } catch {
            FuzzReplay.fail("the extracted page does not encode: \(error)")
        }
        guard (try? JSONSerialization.jsonObject(with: Data(json))) != nil else {
            FuzzReplay.fail("canonical JSON that is not JSON: \(String(decoding: json, as: UTF8.self))")
        }
        guard let again = try? CanonicalJSON.bytes(extracted), again == json else {
            FuzzReplay.fail("canonical JSON differs between two encodings of one page")
        }
    }
}
