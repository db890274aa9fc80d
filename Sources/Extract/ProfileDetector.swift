import Foundation
import HTML

/// Picks the profile that fits a page: URL patterns are strong evidence, each matching marker
/// XPath adds some, and finding posts or rows breaks ties. A page with neither URL nor marker evidence
/// (an engine's page whose `body` attributes or generator tag are gone) is recognised by its post or
/// row structure alone, so no single marker decides.
///
/// Markers that search the page cost a pass over it each, so when the URL matches some profiles only
/// those are examined, such markers run only where they can change the outcome, and the content check
/// runs only to break a tie.
struct ProfileDetector {
    let profiles: ProfileSet

    /// How well one profile fits, and why.
    struct Score {
        var profile: Profile
        var points: Int
        var reasons: [String]

        mutating func add(_ points: Int, _ reason: String) {
            self.points += points
            reasons.append(reason)
        }
    }

    /// The best-fitting profile, if any profile has URL or marker evidence, found with few queries.
    ///
    /// When the URL matches some profiles, only those are examined. Cheap markers (anchored paths
    /// such as `/html/head/meta[…]`) are tried first; a marker that searches the page (`//…`) is tried
    /// only for a profile whose score could still reach the best score so far, since only the
    /// profiles tied at the top matter (the content check breaks ties).
    func best(for document: HTMLDocument, url: String?) -> Score? {
        var result = urlScores(url)
        let urlMatched = result.contains { $0.points > 0 }
        let examined = result.indices.filter { !(urlMatched && result[$0].points == 0) }
        var pending = Array(repeating: [String](), count: result.count)
        for index in examined {
            for marker in result[index].profile.detect.markers {
                if Self.searchesPage(marker) {
                    pending[index].append(marker)
                } else if Self.selects(document, marker) {
                    result[index].add(3, "marker \(marker)")
                }
            }
        }
        // Settle every profile that could still reach the top score; the others stay below it.
        while true {
            let top = examined.map { result[$0].points }.max() ?? 0
            guard
                let index = examined.first(where: {
                    !pending[$0].isEmpty && result[$0].points + 3 * pending[$0].count >= top
                })
            else { break }
            for marker in pending[index] where Self.selects(document, marker) {
                result[index].add(3, "marker \(marker)")
            }
            pending[index] = []
        }
        let top = result.map(\.points).max() ?? 0
        guard top > 0 else { return firstByStructure(result, in: document) }
        let tied = result.indices.filter { result[$0].points == top }
        if tied.count > 1 {
            for index in tied { checkContent(&result[index], in: document) }
        }
        // The most points; ties keep name order.
        let most = tied.map { result[$0].points }.max() ?? top
        return tied.lazy.map { result[$0] }.first { $0.points == most }
    }

    /// Whether a marker searches the whole page rather than following an anchored path.
    static func searchesPage(_ xpath: String) -> Bool {
        CompiledXPath.shared(xpath).searchesPage
    }

    /// Every profile's full score, best first (ties keep name order), for `--explain`: each marker and
    /// the content check are evaluated for every profile with any evidence.
    func scores(for document: HTMLDocument, url: String?) -> [Score] {
        var result = urlScores(url)
        for index in result.indices {
            for marker in result[index].profile.detect.markers where Self.selects(document, marker) {
                result[index].add(3, "marker \(marker)")
            }
            if result[index].points > 0 { checkContent(&result[index], in: document) }
        }
        // As `best`: without URL or marker evidence, the post or row structure alone.
        if !result.contains(where: { $0.points > 0 }) {
            for index in result.indices { checkContent(&result[index], in: document) }
        }
        return result.enumerated().sorted { lhs, rhs in
            lhs.element.points != rhs.element.points ? lhs.element.points > rhs.element.points : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Each profile scored by its URL patterns alone (4 points for a match).
    private func urlScores(_ url: String?) -> [Score] {
        profiles.profiles.map { profile in
            var score = Score(profile: profile, points: 0, reasons: [])
            if let url, let pattern = profile.detect.urls.first(where: { Self.matches($0, url) }) {
                score.add(4, "URL matches \(pattern)")
            }
            return score
        }
    }

    /// The first profile, in name order, whose post or row XPath finds something: the choice for a page
    /// that no URL or marker recognised.
    private func firstByStructure(_ scores: [Score], in document: HTMLDocument) -> Score? {
        scores.lazy.compactMap { score in
            var score = score
            checkContent(&score, in: document)
            return score.points > 0 ? score : nil
        }.first
    }

    /// One point more when the profile's post, row or forum XPath finds something.
    private func checkContent(_ score: inout Score, in document: HTMLDocument) {
        let profile = score.profile
        let content = (profile.thread?.posts.map(\.node) ?? []) + [profile.listing?.rows].compactMap { $0 }
            + [profile.listing?.forums?.node].compactMap { $0 }
        if content.contains(where: { Self.selects(document, $0) }) {
            score.add(1, "finds posts or rows")
        }
    }

    private static let regexes = RegexCache()

    private static func matches(_ pattern: String, _ url: String) -> Bool {
        guard let regex = regexes.regex(pattern, options: [.caseInsensitive]) else { return false }
        return regex.firstMatch(in: url, range: NSRange(url.startIndex..., in: url)) != nil
    }

    private static func selects(_ document: HTMLDocument, _ xpath: String) -> Bool {
        return switch CompiledXPath.shared(xpath).evaluate(in: document, limit: 1) {
        case .nodes(let nodes): !nodes.isEmpty
        case .boolean(let value): value
        case .string(let value): !value.isEmpty
        case .number(let value): !value.isNaN && value != 0
        case nil: false
        }
    }
}
