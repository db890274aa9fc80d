import Foundation
import HTML

/// Picks the profile that fits a page: URL patterns are strong evidence, each matching marker
/// XPath adds some, and finding posts or rows breaks ties.
///
/// Markers cost a pass over the page each, so when the URL matches some profiles only those are
/// examined, and the content check runs only to break a tie.
struct ProfileDetector {
    let profiles: ProfileSet

    /// How well one profile fits, and why.
    struct Score {
        var profile: Profile
        var points: Int
        var reasons: [String]
    }

    /// The best-fitting profile, if any profile has URL or marker evidence.
    func best(for document: HTMLDocument, url: String?) -> Score? {
        var candidates = scores(for: document, url: url, breakingTies: true)
        candidates.removeAll { $0.points == 0 }
        return candidates.first
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
        switch try? document.evaluate(xpath) {
        case .nodes(let nodes): !nodes.isEmpty
        case .boolean(let value): value
        case .string(let value): !value.isEmpty
        case .number(let value): !value.isNaN && value != 0
        case nil: false
        }
    }
}
