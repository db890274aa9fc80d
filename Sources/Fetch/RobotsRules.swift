/// The robots.txt rules that apply to one crawler (RFC 9309).
///
/// Groups whose `User-agent` names our product token (case-insensitive) are combined; when none does,
/// the `*` groups are. The longest matching rule decides, `Allow` winning a tie; `*` matches any run of
/// characters and a final `$` anchors the end. `/robots.txt` itself is always allowed.
package struct RobotsRules: Sendable, Hashable {
    /// One `Allow` or `Disallow` line.
    package struct Rule: Sendable, Hashable {
        package var allows: Bool
        /// The path pattern as written.
        package var pattern: String
        /// The pattern normalised for matching (percent-encoding made canonical).
        package var normalized: [UInt8]

        /// The rule as it appears in robots.txt.
        package var text: String { "\(allows ? "Allow" : "Disallow"): \(pattern)" }
    }

    /// The rules of the selected groups, in file order.
    package var rules: [Rule]
    /// The Crawl-delay of the selected groups (the longest, if several).
    package var crawlDelay: Duration?
    /// The user-agent the selected groups were written for (`*` when none named us).
    package var group: String?

    /// Selects and parses the groups of `text` that apply to `productToken` (lowercased).
    package init(parsing text: String, productToken: String) {
        struct Group {
            var agents: [String] = []
            var rules: [Rule] = []
            var crawlDelay: Double?
        }
        var groups: [Group] = []
        var current: Group?
        var lastWasAgent = false
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingASCIIWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingASCIIWhitespace()
            switch key {
            case "user-agent", "useragent", "user agent":
                if !lastWasAgent {
                    if let current { groups.append(current) }
                    current = Group()
                }
                let token = value.prefix { $0 != "/" && $0 != " " }.lowercased()
                current?.agents.append(token)
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                // An empty path matches nothing (RFC 9309 §2.2.2: "Disallow:" allows everything).
                guard !value.isEmpty else { continue }
                let rule = Rule(allows: key == "allow", pattern: value, normalized: Self.normalize(value))
                current?.rules.append(rule)
            case "crawl-delay", "crawldelay":
                lastWasAgent = false
                if let seconds = Double(value), seconds.isFinite, seconds >= 0, var group = current {
                    group.crawlDelay = max(group.crawlDelay ?? 0, seconds)
                    current = group
                }
            default:
                // Sitemap and unknown lines neither end nor belong to a group.
                continue
            }
        }
        if let current { groups.append(current) }

        var selected = groups.filter { $0.agents.contains(productToken) }
        var group: String? = productToken
        if selected.isEmpty {
            selected = groups.filter { $0.agents.contains("*") }
            group = selected.isEmpty ? nil : "*"
        }
        self.group = group
        rules = selected.flatMap(\.rules)
        let delay = selected.compactMap(\.crawlDelay).max()
        crawlDelay = delay.map { .milliseconds(Int64(min($0, 86_400) * 1000)) }
    }

    /// The rule that decides `pathAndQuery`, or nil when no rule matches (allowed).
    package func decidingRule(for pathAndQuery: String) -> Rule? {
        let path = Self.normalize(pathAndQuery.isEmpty ? "/" : pathAndQuery)
        if path == Array("/robots.txt".utf8) { return nil }
        var best: Rule?
        for rule in rules where Self.matches(pattern: rule.normalized, path: path) {
            guard let current = best else {
                best = rule
                continue
            }
            if rule.normalized.count > current.normalized.count
                || (rule.normalized.count == current.normalized.count && rule.allows && !current.allows)
            {
                best = rule
            }
        }
        return best
    }

    /// Whether `pathAndQuery` may be fetched.
    package func allows(_ pathAndQuery: String) -> Bool {
        decidingRule(for: pathAndQuery)?.allows ?? true
    }

    /// Whether `pattern` (with `*` and a final `$`) matches `path` from its start.
    static func matches(pattern: [UInt8], path: [UInt8]) -> Bool {
        var pattern = pattern[...]
        var anchored = false
        if pattern.last == UInt8(ascii: "$") {
            anchored = true
            pattern = pattern.dropLast()
        }
        let segments = pattern.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false)
        guard let first = segments.first else { return true }
        guard path.starts(with: first) else { return false }
        var position = first.count
        if segments.count == 1 {
            return !anchored || position == path.count
        }
        for segment in segments.dropFirst().dropLast() where !segment.isEmpty {
            guard let found = path.firstRange(of: segment, from: position) else { return false }
            position = found.upperBound
        }
        let last = segments[segments.count - 1]
        if anchored {
            return path.count - last.count >= position && path.suffix(last.count).elementsEqual(last)
        }
        return last.isEmpty || path.firstRange(of: last, from: position) != nil
    }

    /// Canonical percent-encoding (RFC 9309 §2.2.2): bytes outside printable ASCII are encoded, escapes of
    /// unreserved characters are decoded, hex digits are uppercased.
    static func normalize(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        let hex = Array("0123456789ABCDEF".utf8)
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        func isUnreserved(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                true
            default: false
            }
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    result.append(decoded)
                } else {
                    result += [UInt8(ascii: "%"), hex[Int(high)], hex[Int(low)]]
                }
                index += 3
            } else if byte <= 0x20 || byte >= 0x7F {
                result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                index += 1
            } else {
                result.append(byte)
                index += 1
            }
        }
        return result
    }
}

extension Array where Element == UInt8 {
    /// The first range at or after `start` whose bytes equal `needle`.
    fileprivate func firstRange(of needle: ArraySlice<UInt8>, from start: Int) -> Range<Int>? {
        guard needle.count <= count - start else { return nil }
        if needle.isEmpty { return start..<start }
        var index = start
        while index + needle.count <= count {
            if self[index..<(index + needle.count)].elementsEqual(needle) { return index..<(index + needle.count) }
            index += 1
        }
        return nil
    }
}
