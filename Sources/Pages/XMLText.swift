/// Text made safe for an XML 1.0 document: escaped, and without the characters XML forbids.
enum XMLText {
    /// `text` for element content or a double-quoted attribute: `&`, `<`, `>` and `"` as entities (so `]]>`
    /// cannot appear), and control characters other than tab, newline and carriage return, U+FFFE and U+FFFF
    /// removed (XML 1.0 §2.2 has no way to write them; lone surrogates cannot occur in a Swift string).
    static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            // A raw CR would be read back as a line end (XML 1.0 §2.11) and disappear.
            case "\r": output += "&#xD;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            default:
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// Whether XML 1.0 allows `scalar` in a document.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
