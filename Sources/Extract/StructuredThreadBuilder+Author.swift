import Foundation
import HTML
import Model

extension StructuredThreadBuilder {
    /// Path segments that put a member's name in the segment after them (`/u/ann`, `/members/ann`).
    private static let memberFolders: Set<String> = ["u", "user", "users", "member", "members", "profile", "people"]

    /// The item's `author` (or `creator`): a person's name and profile address, or a plain name.
    ///
    /// Invision Community 4 and others give some people only a profile address
    /// (`{"@type":"Person","url":"…/profile/123-some-name/"}`, or microdata `itemprop=author` around an
    /// `itemprop=url` link): the name is then the text the person's element shows, else the address's slug.
    func author(of item: SchemaItem) -> Author {
        for value in item.values("author") + item.values("creator") {
            switch value {
            case .item(let person):
                let url = (person.link("url") ?? person.id.flatMap(Self.webAddress))
                    .flatMap { Links.absolute($0, base: pageURL) }
                let name =
                    person.string("name", "alternateName")
                    ?? [person.string("givenName"), person.string("familyName")].compactMap { $0 }
                    .joined(separator: " ").nonEmpty
                    ?? Self.shownName(of: person)
                    ?? url.flatMap(Self.profileSlug)
                if name != nil || url != nil { return Author(name: name, url: url) }
            default:
                guard let text = value.string.map(Node.collapse), !text.isEmpty else { continue }
                // A bare profile address as the author: keep it as the address, named by its slug.
                if let address = Self.webAddress(text), let url = Links.absolute(address, base: pageURL) {
                    return Author(name: Self.profileSlug(url), url: url)
                }
                return Author(name: text)
            }
        }
        return Author()
    }

    /// The text a microdata person's element shows, when it is short enough to be a name.
    static func shownName(of person: SchemaItem) -> String? {
        guard let node = person.node else { return nil }
        let text = Node.collapse(node.text)
        guard !text.isEmpty, text.count <= 80, !text.contains("\n") else { return nil }
        return text
    }

    /// The member name in a profile address: `/profile/123-some-name/` → `some-name`,
    /// `/members/ann.12/` → `ann`, `/u/ann` → `ann`; nil when the address names no one (`?showuser=5`).
    static func profileSlug(_ url: String) -> String? {
        guard let path = URLComponents(string: url)?.percentEncodedPath else { return nil }
        let segments = path.split(separator: "/").map(String.init)
        guard let last = segments.last else { return nil }
        let decoded = last.removingPercentEncoding ?? last
        // Invision: `123-some-name`.
        if let dash = decoded.firstIndex(of: "-"), dash > decoded.startIndex,
            decoded[..<dash].allSatisfy(\.isASCIIDigit), decoded.index(after: dash) < decoded.endIndex
        {
            return String(decoded[decoded.index(after: dash)...])
        }
        // XenForo: `ann.12`.
        if let dot = decoded.lastIndex(of: "."), dot > decoded.startIndex,
            decoded.index(after: dot) < decoded.endIndex,
            decoded[decoded.index(after: dot)...].allSatisfy(\.isASCIIDigit)
        {
            return String(decoded[..<dot])
        }
        if segments.count >= 2, memberFolders.contains(segments[segments.count - 2].lowercased()),
            !decoded.allSatisfy(\.isNumber)
        {
            return decoded
        }
        return nil
    }

    /// The text when it is an http(s) address (absolute or rooted), else nil.
    private static func webAddress(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || text.hasPrefix("/"),
            !text.contains(where: \.isWhitespace)
        else { return nil }
        return text
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
