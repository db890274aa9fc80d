/// Finds every `<html>` and `<body>` start tag in a page's UTF-8 bytes, with its attributes, as an HTML5
/// tokenizer sees them: comments, `<!…>` and `<?…>` are skipped, and so is the content of the raw-text and
/// RCDATA elements (`script`, `style`, `title`, `textarea`, …), where a `<body` is only text.
///
/// libxml2 2.9 keeps only the first of these tags and drops the attributes of any later one (a real
/// `<body id=…>` after content that opened an implied body); browsers merge them in. This scan gives
/// `HTMLDocument` what the browser's tree would have.
struct StartTagScanner {
    /// One start tag: its lower-case name and its attributes in source order (the first of a repeated
    /// name only), with character references decoded.
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// The `html` and `body` start tags of `bytes`, in source order.
    static func htmlAndBodyTags(in bytes: [UInt8]) -> [Tag] {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = StartTagScanner(bytes: buffer)
            return scanner.run()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Elements whose content is text to the tokenizer, up to their end tag.
    private static let rawTextElements: Set<[UInt8]> = Set(
        ["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"].map {
            Array($0.utf8)
        })

    private mutating func run() -> [Tag] {
        // Only tags up to the last place a `<html` or `<body` could start need reading: on most pages that
        // is the head, not the posts.
        guard let last = lastCandidate() else { return [] }
        var tags: [Tag] = []
        while let open = next(ByteClass.lessThan, from: index), open <= last {
            index = open + 1
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == ByteClass.exclamation {
                skipMarkupDeclaration()
            } else if byte == ByteClass.question {
                skip(past: ByteClass.greaterThan)
            } else if byte == ByteClass.slash {
                // An end tag: its name and whatever follows up to `>` (quotes are not special here).
                skip(past: ByteClass.greaterThan)
            } else if ByteClass.isASCIILetter(byte) {
                let name = tagName()
                let wanted = name == Self.html || name == Self.body
                let attributes = readAttributes(keeping: wanted)
                if wanted {
                    tags.append(Tag(name: String(decoding: name, as: UTF8.self), attributes: attributes))
                } else if name == Self.plaintext {
                    break
                } else if Self.rawTextElements.contains(name) {
                    skipRawText(until: name)
                }
            }
        }
        return tags
    }

    /// The position of the last `<html` or `<body` (any case, then space, `/`, `>` or the end), whatever
    /// surrounds it: no later tag can be one of them.
    private func lastCandidate() -> Int? {
        var last: Int?
        var position = 0
        while let open = next(ByteClass.lessThan, from: position) {
            position = open + 1
            let nameEnd = open + 5
            guard nameEnd <= bytes.count else { break }
            guard matches(Self.html, at: open + 1) || matches(Self.body, at: open + 1) else { continue }
            if nameEnd == bytes.count || ByteClass.isHTMLSpace(bytes[nameEnd]) || bytes[nameEnd] == ByteClass.slash
                || bytes[nameEnd] == ByteClass.greaterThan
            {
                last = open
            }
        }
        return last
    }

    /// Whether the bytes at `start` are `name` in any case (`name` is lower-case and fits).
    private func matches(_ name: [UInt8], at start: Int) -> Bool {
        for (offset, byte) in name.enumerated() where ByteClass.lowercased(bytes[start + offset]) != byte {
            return false
        }
        return true
    }

    private static let html = Array("html".utf8)
    private static let body = Array("body".utf8)
    private static let plaintext = Array("plaintext".utf8)

    /// The position of the next `byte` at or after `start`.
    private func next(_ byte: UInt8, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes[start...].firstIndex(of: byte)
    }

    private mutating func skip(past byte: UInt8) {
        index = next(byte, from: index).map { $0 + 1 } ?? bytes.count
    }

    /// After `<!`: a comment runs to `-->` (`<!-->` and `<!--->` are empty ones), anything else to `>`.
    private mutating func skipMarkupDeclaration() {
        let start = index + 1
        guard start + 1 < bytes.count, bytes[start] == ByteClass.dash, bytes[start + 1] == ByteClass.dash else {
            skip(past: ByteClass.greaterThan)
            return
        }
        var position = start + 2
        // `<!-->` and `<!--->` end at once.
        if position < bytes.count, bytes[position] == ByteClass.greaterThan {
            index = position + 1
            return
        }
        if position + 1 < bytes.count, bytes[position] == ByteClass.dash, bytes[position + 1] == ByteClass.greaterThan {
            index = position + 2
            return
        }
        while let dash = next(ByteClass.dash, from: position) {
            if dash + 2 < bytes.count, bytes[dash + 1] == ByteClass.dash, bytes[dash + 2] == ByteClass.greaterThan {
                index = dash + 3
                return
            }
            position = dash + 1
        }
        index = bytes.count
    }

    /// The lower-cased tag name at `index`, which is a letter.
    private mutating func tagName() -> [UInt8] {
        var name: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if ByteClass.isHTMLSpace(byte) || byte == ByteClass.slash || byte == ByteClass.greaterThan { break }
            name.append(ByteClass.lowercased(byte))
            index += 1
        }
        return name
    }

    /// Reads the attributes up to the tag's `>`; returns them only when `keeping`.
    private mutating func readAttributes(keeping: Bool) -> [(name: String, value: String)] {
        var attributes: [(name: String, value: String)] = []
        while index < bytes.count {
            let byte = bytes[index]
            if ByteClass.isHTMLSpace(byte) || byte == ByteClass.slash {
                index += 1
                continue
            }
            if byte == ByteClass.greaterThan {
                index += 1
                break
            }
            // The name: its first byte may be `=`; it ends at space, `/`, `>` or `=`.
            let nameStart = index
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if ByteClass.isHTMLSpace(byte) || byte == ByteClass.slash || byte == ByteClass.greaterThan
                    || byte == ByteClass.equals
                {
                    break
                }
                index += 1
            }
            let nameEnd = index
            skipSpaces()
            var value: Range<Int>?
            if index < bytes.count, bytes[index] == ByteClass.equals {
                index += 1
                skipSpaces()
                value = attributeValue()
            }
            guard keeping else { continue }
            let name = String(decoding: bytes[nameStart..<nameEnd].map(ByteClass.lowercased), as: UTF8.self)
            guard !attributes.contains(where: { $0.name == name }) else { continue }
            let text = value.map { CharacterReferences.decode(bytes[$0]) } ?? ""
            attributes.append((name, text))
        }
        return attributes
    }

    /// The bytes of a quoted or unquoted value starting at `index`; moves past it.
    private mutating func attributeValue() -> Range<Int> {
        guard index < bytes.count else { return index..<index }
        let first = bytes[index]
        if first == ByteClass.quote || first == ByteClass.apostrophe {
            let start = index + 1
            let end = next(first, from: start) ?? bytes.count
            index = min(end + 1, bytes.count)
            return start..<end
        }
        let start = index
        while index < bytes.count, !ByteClass.isHTMLSpace(bytes[index]), bytes[index] != ByteClass.greaterThan {
            index += 1
        }
        return start..<index
    }

    private mutating func skipSpaces() {
        while index < bytes.count, ByteClass.isHTMLSpace(bytes[index]) { index += 1 }
    }

    /// Moves past the end tag `</name` (any case, then space, `/` or `>`) that closes a raw-text element.
    private mutating func skipRawText(until name: [UInt8]) {
        while let open = next(ByteClass.lessThan, from: index) {
            index = open + 1
            guard index < bytes.count, bytes[index] == ByteClass.slash else { continue }
            let nameStart = index + 1
            let nameEnd = nameStart + name.count
            guard nameEnd <= bytes.count, matches(name, at: nameStart) else { continue }
            if nameEnd == bytes.count || ByteClass.isHTMLSpace(bytes[nameEnd]) || bytes[nameEnd] == ByteClass.slash
                || bytes[nameEnd] == ByteClass.greaterThan
            {
                index = nameEnd
                skip(past: ByteClass.greaterThan)
                return
            }
        }
        index = bytes.count
    }
}
