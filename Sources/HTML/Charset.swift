import Foundation

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Decides how a page's bytes are encoded, in the order browsers trust:
/// HTTP `Content-Type` charset > byte order mark > `<meta charset>` / `http-equiv` > valid UTF-8 > windows-1252.
///
/// Labels nobody can decode (`x-klingon`, `foo<script>`) are ignored, as browsers ignore them, and the next
/// rule decides. The HTML layer decodes every encoding to UTF-8 itself before libxml2 sees the bytes, so
/// invalid bytes never stop the parser or reach stderr.
public enum Charset {
    /// The outcome of detection: the encoding and what said so.
    public struct Detection: Sendable, Equatable {
        /// The encoding's canonical name (`UTF-8`, `windows-1252`, `UTF-16LE`, `Shift_JIS`, `ISO-8859-2`…).
        public var encoding: String
        /// What decided it: `http`, `bom`, `meta`, `utf-8` (the bytes are valid UTF-8) or `fallback`.
        public var source: String

        /// A detection result; `source` is one of `http`, `bom`, `meta`, `utf-8`, `fallback`.
        public init(encoding: String, source: String) {
            self.encoding = encoding
            self.source = source
        }
    }

    /// Detects the encoding of `bytes`; `declared` is the HTTP header's charset (a bare label such as
    /// `utf-8`, or the whole `Content-Type` value), if any.
    public static func detect(_ bytes: [UInt8], declared: String? = nil) -> Detection {
        if let declared, let label = normalise(contentTypeCharset(declared) ?? declared) {
            return Detection(encoding: label, source: "http")
        }
        if let bom = byteOrderMark(bytes) {
            return Detection(encoding: bom, source: "bom")
        }
        if var label = metaCharset(bytes) {
            // A page whose <meta> can be read as ASCII is not UTF-16, whatever it says (WHATWG prescan rule).
            if label.hasPrefix("UTF-16") { label = "UTF-8" }
            return Detection(encoding: label, source: "meta")
        }
        if isValidUTF8(bytes) {
            return Detection(encoding: "UTF-8", source: "utf-8")
        }
        return Detection(encoding: "windows-1252", source: "fallback")
    }

    /// Maps a charset label to its canonical name, or nil when the label is malformed or names an encoding
    /// that cannot be decoded here. Labels browsers treat as windows-1252 (`iso-8859-1`, `latin1`, `us-ascii`)
    /// map to it, as the WHATWG Encoding standard says.
    public static func normalise(_ label: String) -> String? {
        let trimmed = label.trimmingQuotesAndSpace().lowercased()
        guard !trimmed.isEmpty, trimmed.count < 40,
            trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_:.".contains($0)) })
        else { return nil }
        guard let name = canonicalName(trimmed) else { return nil }
        return isDecodable(name) ? name : nil
    }

    /// The `charset` parameter of a `Content-Type` value (`text/html; charset="utf-8"`), if it has one.
    static func contentTypeCharset(_ value: String) -> String? {
        let lowered = value.lowercased()
        guard lowered.contains(";") || lowered.contains("/"), let range = lowered.range(of: "charset") else {
            return nil
        }
        var rest = lowered[range.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        return String(rest.prefix(while: { $0 != ";" && $0 != "," }))
    }

    /// The canonical name for a lower-case label, or nil when the label is unknown or deliberately
    /// unsupported (UTF-7 and the ISO-2022 variants browsers refuse).
    private static func canonicalName(_ label: String) -> String? {
        if let name = labels[label] { return name }
        // iso-8859-N / iso8859-N / iso_8859-N / iso8859N
        for prefix in ["iso-8859-", "iso8859-", "iso_8859-", "iso8859"] where label.hasPrefix(prefix) {
            guard let number = Int(label.dropFirst(prefix.count).prefix(while: \.isNumber)),
                (2...16).contains(number), number != 12
            else { return nil }
            switch number {
            case 9: return "windows-1254"
            case 11: return "windows-874"
            default: return "ISO-8859-\(number)"
            }
        }
        for prefix in ["windows-", "cp", "x-cp"] where label.hasPrefix(prefix) {
            guard let number = Int(label.dropFirst(prefix.count)) else { return nil }
            if (1250...1258).contains(number) { return "windows-\(number)" }
            if [437, 737, 775, 850, 852, 855, 857, 860, 861, 862, 863, 865, 866, 869].contains(number) {
                return "IBM\(number)"
            }
            return nil
        }
        return nil
    }

    /// WHATWG labels (and common aliases) for the encodings decoded here.
    private static let labels: [String: String] = {
        var table: [String: String] = [:]
        func add(_ name: String, _ aliases: [String]) {
            for alias in aliases { table[alias] = name }
        }
        add("UTF-8", ["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"])
        add(
            "windows-1252",
            [
                "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "latin1", "l1", "us-ascii",
                "ascii", "ansi_x3.4-1968", "cp1252", "windows-1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100",
                "csisolatin1",
            ])
        add("UTF-16LE", ["utf-16", "utf-16le", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff"])
        add("UTF-16BE", ["utf-16be", "unicodefffe"])
        add(
            "Shift_JIS",
            ["shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "ms932", "cp932"])
        add("EUC-JP", ["euc-jp", "x-euc-jp", "cseucpkdfmtjapanese", "eucjp"])
        add("ISO-2022-JP", ["iso-2022-jp", "csiso2022jp"])
        add(
            "GBK",
            [
                "gbk", "gb2312", "x-gbk", "gb_2312", "gb_2312-80", "chinese", "csgb2312", "iso-ir-58", "cp936",
                "ms936", "windows-936", "euc-cn",
            ])
        add("GB18030", ["gb18030"])
        add("Big5", ["big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"])
        add(
            "EUC-KR",
            [
                "euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "korean", "windows-949",
                "cp949", "csksc56011987", "iso-ir-149", "csEUCKR".lowercased(),
            ])
        add("KOI8-R", ["koi8-r", "koi8", "koi", "cskoi8r", "koi8_r"])
        add("KOI8-U", ["koi8-u", "koi8-ru"])
        add("ISO-8859-2", ["latin2", "l2", "csisolatin2", "iso-ir-101"])
        add("ISO-8859-3", ["latin3", "l3", "csisolatin3"])
        add("ISO-8859-4", ["latin4", "l4", "csisolatin4"])
        add("ISO-8859-5", ["cyrillic", "csisolatincyrillic", "iso-ir-144"])
        add("ISO-8859-6", ["arabic", "csisolatinarabic", "iso-ir-127", "asmo-708", "ecma-114"])
        add("ISO-8859-7", ["greek", "greek8", "csisolatingreek", "iso-ir-126", "elot_928", "ecma-118"])
        add("ISO-8859-8", ["hebrew", "csisolatinhebrew", "iso-ir-138", "visual", "iso-8859-8-i", "logical"])
        add("ISO-8859-10", ["latin6", "l6", "csisolatin6"])
        add("ISO-8859-15", ["latin9", "l9", "csisolatin9"])
        add("windows-1254", ["latin5", "l5", "csisolatin5", "iso-ir-148"])
        add("windows-874", ["tis-620", "dos-874", "iso-8859-11", "windows-874"])
        add("macintosh", ["macintosh", "mac", "x-mac-roman", "csmacintosh"])
        add("IBM866", ["ibm866", "866", "cp866", "csibm866"])
        return table
    }()

    /// iconv's names for the encodings not decoded in Swift, best first.
    private static func iconvNames(_ name: String) -> [String] {
        switch name {
        case "Shift_JIS": return ["CP932", "SHIFT_JIS"]
        case "GBK": return ["GBK", "CP936"]
        case "Big5": return ["BIG5-HKSCS", "BIG5"]
        case "EUC-KR": return ["CP949", "EUC-KR"]
        case "windows-874": return ["CP874", "TIS-620"]
        case "macintosh": return ["MACINTOSH", "MAC"]
        case _ where name.hasPrefix("windows-"): return [name.uppercased(), "CP" + name.dropFirst("windows-".count)]
        case _ where name.hasPrefix("IBM"): return [name, "CP" + name.dropFirst(3)]
        case _ where name.hasPrefix("ISO-8859-"): return [name, "ISO8859-" + name.dropFirst("ISO-8859-".count)]
        default: return [name.uppercased()]
        }
    }

    /// The encodings decoded in Swift, without iconv.
    private static let builtIn: Set<String> = ["UTF-8", "windows-1252", "UTF-16LE", "UTF-16BE"]

    /// For each iconv-decoded canonical name, the iconv name that works on this system (probed once).
    private static let iconvNameTable: [String: String] = {
        var table: [String: String] = [:]
        var names = Set(labels.values)
        for number in 2...16 where number != 12 { names.insert("ISO-8859-\(number)") }
        for number in 1250...1258 { names.insert("windows-\(number)") }
        for number in [437, 737, 775, 850, 852, 855, 857, 860, 861, 862, 863, 865, 866, 869] {
            names.insert("IBM\(number)")
        }
        for name in names.subtracting(builtIn) {
            for candidate in iconvNames(name) {
                let converter = iconv_open("UTF-8", candidate)
                if Int(bitPattern: converter) != -1 {
                    iconv_close(converter)
                    table[name] = candidate
                    break
                }
            }
        }
        return table
    }()

    private static func isDecodable(_ name: String) -> Bool {
        builtIn.contains(name) || iconvNameTable[name] != nil
    }

    /// The encoding a byte order mark names, if the bytes start with one.
    static func byteOrderMark(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        return nil
    }

    /// The canonical name of the first usable charset a `<meta>` in the first 4 KiB declares:
    /// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
    /// Unusable labels are skipped, as in the HTML standard's prescan.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        // Read as lower-case ASCII; other bytes cannot belong to a tag name, attribute or label.
        let head = bytes.prefix(4096).map { $0 < 0x80 ? ByteClass.lowercased($0) : 0x20 }
        var searchStart = 0
        while let meta = firstIndex(of: Array("<meta".utf8), in: head, from: searchStart) {
            let tagStart = meta + 5
            let tagEnd = head[tagStart...].firstIndex(of: ByteClass.greaterThan) ?? head.count
            var attributeSearch = tagStart
            while let found = firstIndex(of: Array("charset".utf8), in: head[..<tagEnd], from: attributeSearch) {
                attributeSearch = found + 7
                var index = attributeSearch
                while index < tagEnd, head[index] == 0x20 { index += 1 }
                guard index < tagEnd, head[index] == ByteClass.equals else { continue }
                index += 1
                while index < tagEnd, head[index] == 0x20 || head[index] == ByteClass.quote
                    || head[index] == ByteClass.apostrophe
                {
                    index += 1
                }
                var end = index
                while end < tagEnd, !labelEnds.contains(head[end]) { end += 1 }
                if let name = normalise(String(decoding: head[index..<end], as: UTF8.self)) { return name }
            }
            searchStart = tagEnd
        }
        return nil
    }

    /// The bytes that end a charset label in a `<meta>` tag.
    private static let labelEnds: Set<UInt8> = Set(" \"';/>".utf8)

    /// Where `needle` first starts in `haystack` at or after `start`.
    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, start <= haystack.endIndex - needle.count else { return nil }
        var index = start
        while index <= haystack.endIndex - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        firstIndex(of: needle, in: haystack[...], from: start)
    }

    /// Whether `bytes` are well-formed UTF-8.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        scanUTF8(bytes).isValid
    }

    /// The length of the valid UTF-8 multi-byte sequence at `index`, or nil if there is none.
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        let second = bytes[index + 1]
        guard second >= lower && second <= upper else { return nil }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// Decodes `bytes` in `encoding` (a name `detect` returned) to well-formed UTF-8 with no byte order mark
    /// and no NUL bytes; nil when the encoding cannot be decoded here.
    ///
    /// Never fails on bad bytes: in UTF-8 and windows-1252 pages, bytes that are not UTF-8 are read as
    /// windows-1252 and well-formed UTF-8 sequences are kept (real pages declare latin-1 and still carry
    /// UTF-8 quotes, or declare UTF-8 and carry latin-1 posts); other encodings get U+FFFD for bad bytes.
    static func decode(_ bytes: [UInt8], as encoding: String) -> [UInt8]? {
        var output: [UInt8]
        switch encoding {
        case "UTF-8", "windows-1252":
            let scan = scanUTF8(bytes)
            if scan.isValid && !scan.hasControls && !bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                return bytes  // the common case: one pass, no copy
            }
            output = scan.isValid ? bytes : westernToUTF8(bytes)
        case "UTF-16LE", "UTF-16BE":
            output = utf16ToUTF8(bytes, bigEndian: encoding == "UTF-16BE")
        default:
            guard let name = iconvNameTable[encoding], let decoded = iconvToUTF8(bytes, from: name) else {
                return nil
            }
            output = decoded
        }
        if output.starts(with: [0xEF, 0xBB, 0xBF]) {
            output.removeFirst(3)
        }
        if output.contains(where: { $0 == 0x0B || $0 == 0x0C }) {
            // libxml2 drops these (they are not XML characters), gluing the words they separate; form feed
            // is whitespace in HTML, and a vertical tab shows as a space.
            output = output.map { $0 == 0x0B || $0 == 0x0C ? 0x20 : $0 }
        }
        if output.contains(0) {
            // libxml2 works on C strings; a NUL would cut text short. HTML parsers read it as U+FFFD.
            output = output.flatMap { $0 == 0 ? [0xEF, 0xBF, 0xBD] : [$0] }
        }
        return output
    }

    /// In one pass: whether `bytes` are well-formed UTF-8, and whether they hold a NUL, vertical tab or
    /// form feed (which `decode` must replace).
    static func scanUTF8(_ bytes: [UInt8]) -> (isValid: Bool, hasControls: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            var controls = false
            let count = buffer.count
            guard let base = UnsafeRawPointer(buffer.baseAddress) else { return (true, false) }
            while index < count {
                // Eight ASCII bytes at a time, noting any control `decode` replaces.
                while index + 8 <= count {
                    let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    guard word & 0x8080_8080_8080_8080 == 0 else { break }
                    if !controls {
                        controls = hasZeroByte(word) || hasZeroByte(word ^ 0x0B0B_0B0B_0B0B_0B0B)
                            || hasZeroByte(word ^ 0x0C0C_0C0C_0C0C_0C0C)
                    }
                    index += 8
                }
                guard index < count else { break }
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte <= 0x0C && (byte == 0 || byte >= 0x0B) { controls = true }
                    index += 1
                    continue
                }
                guard let length = sequenceLength(buffer, at: index) else { return (false, controls) }
                index += length
            }
            return (true, controls)
        }
    }

    /// Whether any of the eight bytes of `word` is zero.
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// Decodes bytes labelled windows-1252 into UTF-8, keeping any well-formed multi-byte UTF-8
    /// sequences as they are: real pages declare latin-1 and still carry UTF-8 quotes.
    static func westernToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte < 0x80 {
                    output.append(byte)
                    index += 1
                } else if let length = sequenceLength(buffer, at: index) {
                    output.append(contentsOf: buffer[index..<index + length])
                    index += length
                } else {
                    output.append(contentsOf: windows1252UTF8[Int(byte) - 0x80])
                    index += 1
                }
            }
        }
        return output
    }

    /// Decodes UTF-16 to UTF-8; unpaired surrogates and a trailing odd byte become U+FFFD.
    static func utf16ToUTF8(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) {
            output.append($0)
        }
        if bytes.count % 2 == 1 {
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
        }
        return output
    }

    /// Decodes with iconv; each byte iconv rejects becomes U+FFFD and decoding carries on after it.
    private static func iconvToUTF8(_ bytes: [UInt8], from name: String) -> [UInt8]? {
        let converter = iconv_open("UTF-8", name)
        guard Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 64)
        var written = 0
        var input = bytes
        input.withUnsafeMutableBufferPointer { source in
            guard let base = source.baseAddress else { return }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(base)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = source.count
            while true {
                if output.count - written < 64 {
                    output.append(contentsOf: [UInt8](repeating: 0, count: output.count + 64))
                }
                // With all input consumed, one last call without input flushes a stateful encoding's shift state.
                let flushing = inLeft == 0
                let outCapacity = output.count - written
                var outLeft = outCapacity
                let result = output.withUnsafeMutableBufferPointer { target -> Int in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target.baseAddress!)
                        .advanced(by: written).assumingMemoryBound(to: CChar.self)
                    return flushing
                        ? iconv(converter, nil, nil, &outPointer, &outLeft)
                        : iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                }
                let failure = result == -1 ? errno : 0
                written += outCapacity - outLeft
                if result != -1 {
                    if flushing { break }
                    continue
                }
                if failure == E2BIG {
                    output.append(contentsOf: [UInt8](repeating: 0, count: output.count))
                    continue
                }
                if flushing { break }
                appendReplacement(&output, &written)
                if failure == EILSEQ {
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                } else {
                    inLeft = 0  // EINVAL: the input ends inside a sequence
                }
            }
        }
        output.removeSubrange(written...)
        return output
    }

    private static func appendReplacement(_ output: inout [UInt8], _ written: inout Int) {
        if output.count - written < 3 {
            output.append(contentsOf: [UInt8](repeating: 0, count: output.count + 3))
        }
        output[written] = 0xEF
        output[written + 1] = 0xBF
        output[written + 2] = 0xBD
        written += 3
    }

    /// windows-1252's bytes 0x80...0xFF as UTF-8; its five holes decode to the C1 controls, as browsers do.
    private static let windows1252UTF8: [[UInt8]] = {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
            0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
            0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return (high + (0xA0...0xFF).map { UInt32($0) }).map { value in
            Array(String(Character(Unicode.Scalar(value)!)).utf8)
        }
    }()
}

extension StringProtocol {
    func trimmingQuotesAndSpace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\"" || first == "'" || first == "\t" {
            scalars = scalars.dropFirst()
        }
        while let last = scalars.last, last == " " || last == "\"" || last == "'" || last == "\t" || last == ";" {
            scalars = scalars.dropLast()
        }
        return String(scalars)
    }
}
