import Foundation
import HTML

/// Picks the profile that fits a page: URL patterns are strong evidence, each matching marker
/// XPath adds some, and finding posts or rows breaks ties.
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
    }

    /// The best-fitting profile, if any profile has URL or marker evidence: the first of
    /// `scores(for:url:breakingTies: true)` with points, found with fewer queries.
    ///
    /// Cheap markers (anchored paths such as `/html/head/meta[…]`) are tried first; a marker that
    /// searches the page (`//…`) is tried only for a profile whose score could still reach the best
    /// score so far, since only the profiles tied at the top matter (the content check breaks ties).
    func best(for document: HTMLDocument, url: String?) -> Score? {
        var result = profiles.profiles.map { Score(profile: $0, points: 0, reasons: []) }
        if let url {
            for index in result.indices {
                if let pattern = result[index].profile.detect.urls.first(where: { Self.matches($0, url) }) {
                    result[index].points += 4
                    result[index].reasons.append("URL matches \(pattern)")
                }
            }
        }
        let urlMatched = result.contains { $0.points > 0 }
        let examined = result.indices.filter { !(urlMatched && result[$0].points == 0) }
        var pending = Array(repeating: [String](), count: result.count)
        for index in examined {
            for marker in result[index].profile.detect.markers {
                if Self.searchesPage(marker) {
                    pending[index].append(marker)
                } else if Self.selects(document, marker) {
                    result[index].points += 3
                    result[index].reasons.append("marker \(marker)")
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
                result[index].points += 3
                result[index].reasons.append("marker \(marker)")
            }
            pending[index] = []
        }
        let top = result.map(\.points).max() ?? 0
        guard top > 0 else { return nil }
        let tied = result.indices.filter { result[$0].points == top }
        if tied.count > 1 {
            for index in tied {
                let profile = result[index].profile
                let content = (profile.thread?.posts.map(\.node) ?? []) + [profile.listing?.rows].compactMap { $0 }
                if content.contains(where: { Self.selects(document, $0) }) {
                    result[index].points += 1
                    result[index].reasons.append("finds posts or rows")
                }
            }
        }
        // The most points; ties keep name order.
        let most = tied.map { result[$0].points }.max() ?? top
        return tied.lazy.map { result[$0] }.first { $0.points == most }
    }

    /// Whether a marker searches the whole page rather than following an anchored path.
    static func searchesPage(_ xpath: String) -> Bool {
        CompiledXPath.shared(xpath).searchesPage
    }

    /// The profiles' scores, best first (ties keep name order). With `breakingTies`, profiles whose
    /// URL patterns do not match are skipped when another's do.
    func scores(for document: HTMLDocument, url: String?, breakingTies: Bool = false) -> [Score] {
        var result = profiles.profiles.map { Score(profile: $0, points: 0, reasons: []) }
        if let url {
            for index in result.indices {
                if let pattern = result[index].profile.detect.urls.first(where: { Self.matches($0, url) }) {
                    result[index].points += 4
                    result[index].reasons.append("URL matches \(pattern)")
                }
            }
        }
        let urlMatched = result.contains { $0.points > 0 }
        for index in result.indices where !(breakingTies && urlMatched && result[index].points == 0) {
            for marker in result[index].profile.detect.markers where Self.selects(document, marker) {
                result[index].points += 3
                result[index].reasons.append("marker \(marker)")
            }
        }
        let top = result.map(\.points).max() ?? 0
        let tied = result.indices.filter { result[$0].points == top && top > 0 }
        if !breakingTies || tied.count > 1 {
            for index in result.indices where result[index].points > 0 && (!breakingTies || tied.contains(index)) {
                let profile = result[index].profile
                let content = (profile.thread?.posts.map(\.node) ?? []) + [profile.listing?.rows].compactMap { $0 }
                if content.contains(where: { Self.selects(document, $0) }) {
                    result[index].points += 1
                    result[index].reasons.append("finds posts or rows")
                }
            }
        }
        return result.enumerated().sorted { lhs, rhs in
            lhs.element.points != rhs.element.points ? lhs.element.points > rhs.element.points : lhs.offset < rhs.offset
        }.map(\.element)
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
