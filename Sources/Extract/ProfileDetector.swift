import Foundation
import HTML

/// Picks the profile that fits a page: URL patterns are strong evidence, each matching marker
/// XPath adds some, and finding posts or rows breaks ties.
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
        scores(for: document, url: url).first { $0.points > 0 }
    }

    /// Every profile's score, best first (ties keep name order).
    func scores(for document: HTMLDocument, url: String?) -> [Score] {
        var result: [Score] = []
        for profile in profiles.profiles {
            var score = Score(profile: profile, points: 0, reasons: [])
            if let url {
                for pattern in profile.detect.urls where Self.matches(pattern, url) {
                    score.points += 4
                    score.reasons.append("URL matches \(pattern)")
                    break
                }
            }
            for marker in profile.detect.markers where Self.selects(document, marker) {
                score.points += 3
                score.reasons.append("marker \(marker)")
            }
            if score.points > 0 {
                let content = (profile.thread?.posts.map(\.node) ?? []) + [profile.listing?.rows].compactMap { $0 }
                if content.contains(where: { Self.selects(document, $0) }) {
                    score.points += 1
                    score.reasons.append("finds posts or rows")
                }
            }
            result.append(score)
        }
        return result.enumerated().sorted { lhs, rhs in
            lhs.element.points != rhs.element.points ? lhs.element.points > rhs.element.points : lhs.offset < rhs.offset
        }.map(\.element)
    }

    private static func matches(_ pattern: String, _ url: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return false }
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
