import Foundation

/// A request's query string read as an HTML form sends it (`application/x-www-form-urlencoded`): `+` is a
/// space and `%2B` a plus, so what a person typed into the search box arrives as typed. The first value of
/// a repeated name wins; undecodable text is taken as it is.
struct FormQuery: Sendable {
    private var values: [String: String] = [:]

    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
    }

    subscript(name: String) -> String? { values[name] }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
