extension String {
    /// The text's UTF-8 with the punctuation pages put in times and counts folded to ASCII: Unicode spaces
    /// (no-break, thin, ideographic, zero-width, BOM) to a space, dashes and the minus sign to `-`, and
    /// typographic apostrophes and the prime to `'`. The date and count readers read these bytes.
    var asciiFolded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0..<0x80: out.append(UInt8(scalar.value))
            case 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: out.append(0x20)
            case 0x2010...0x2015, 0x2212: out.append(UInt8(ascii: "-"))
            case 0x2018, 0x2019, 0x2032: out.append(UInt8(ascii: "'"))
            default: out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }
}
