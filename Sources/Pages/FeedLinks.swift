public import Archive

/// The absolute addresses and ids feeds use: the web reader's URL scheme under `baseURL`, and the
/// permanent `urn:threadkeeper:` ids of feeds and entries.
public struct FeedLinks: Sendable, Hashable {
    /// Where the reader is served, without a trailing `/` (`http://127.0.0.1:8080`).
    public var baseURL: String

    /// Links under `baseURL` (a trailing `/` is dropped).
    public init(baseURL: String) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    /// The thread's page: `/t/H/I`.
    public func thread(_ key: ThreadKey) -> String { baseURL + "/t/" + key.relativePath }

    /// A post on its thread's page: `/t/H/I#p-…`.
    public func post(_ postKey: String, in key: ThreadKey) -> String {
        thread(key) + "#" + PostAnchor.anchor(forPostKey: postKey)
    }

    /// `/feeds/thread/H/I.atom`
    public func threadFeed(_ key: ThreadKey) -> String { baseURL + "/feeds/thread/" + key.relativePath + ".atom" }

    /// The story's page: `/stories/ID`.
    public func story(id: String) -> String { baseURL + "/stories/" + Self.percentEncoded(id) }

    /// `/feeds/story/ID.atom`
    public func storyFeed(id: String) -> String { baseURL + "/feeds/story/" + Self.percentEncoded(id) + ".atom" }

    /// The thread index filtered to a host: `/?site=HOST`.
    public func site(host: String) -> String { baseURL + "/?site=" + Self.percentEncoded(host) }

    /// `/feeds/site/HOST.atom`
    public func siteFeed(host: String) -> String { baseURL + "/feeds/site/" + Self.percentEncoded(host) + ".atom" }

    /// The permanent id of a post's entry: `urn:threadkeeper:post:HOST:ID:POSTKEY`, each part percent-encoded
    /// (everything but letters, digits and `-._~`), so it is a valid IRI and parts never run together.
    public static func entryID(postKey: String, in key: ThreadKey) -> String {
        "urn:threadkeeper:post:" + [key.host, key.id, postKey].map(percentEncoded).joined(separator: ":")
    }

    /// `urn:threadkeeper:thread:HOST:ID`
    public static func threadFeedID(_ key: ThreadKey) -> String {
        "urn:threadkeeper:thread:" + percentEncoded(key.host) + ":" + percentEncoded(key.id)
    }

    /// `urn:threadkeeper:story:CANONICAL`
    public static func storyFeedID(canonical: String) -> String { "urn:threadkeeper:story:" + percentEncoded(canonical) }

    /// `urn:threadkeeper:site:HOST`
    public static func siteFeedID(host: String) -> String { "urn:threadkeeper:site:" + percentEncoded(host) }

    /// Every byte but RFC 3986's unreserved ones percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
