import Model

/// Small text helpers of the pages: numbers, counts, and plain text as HTML.
enum PageText {
    /// `20156` → `20,156`.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `5 replies, 1 recommendation, score 12, 300 views`; nil when no count is known.
    static func counts(_ counts: Counts) -> String? {
        guard !counts.isEmpty else { return nil }
        let singular = ["replies": "reply", "views": "view", "recommendations": "recommendation"]
        return Counts.names.compactMap { name in
            counts[name].map { count in
                name == "score" ? "score \(grouped(count))" : "\(grouped(count)) \(count == 1 ? singular[name] ?? name : name)"
            }
        }.joined(separator: ", ")
    }

    /// `text` escaped for HTML.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x26: out += Array("&amp;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Plain text as HTML paragraphs, one per line of text, escaped.
    static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { "<p>" + escaped(String($0)) + "</p>" }
            .joined(separator: "\n")
    }
}
