/// The parts of a `Content-Type` value the fetcher reports (RFC 9110 §8.3.1).
struct MediaType: Hashable {
    /// `type/subtype`, lowercased.
    var essence: String
    /// The `charset` parameter as declared (quotes removed, case kept).
    var charset: String?

    init?(parsing value: String) {
        var parts = value.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        guard let first = parts.next() else { return nil }
        let essence = first.trimmingASCIIWhitespace().lowercased()
        guard !essence.isEmpty else { return nil }
        self.essence = essence
        while let parameter = parts.next() {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            let name = parameter[..<equals].trimmingASCIIWhitespace().lowercased()
            guard name == "charset", charset == nil else { continue }
            var raw = parameter[parameter.index(after: equals)...].trimmingASCIIWhitespace()
            if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
                raw = String(raw.dropFirst().dropLast())
            }
            charset = raw.isEmpty ? nil : raw
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}
