/// One token of an XPath 1.0 expression (XPath 1.0 §3.7), and where it stands in the expression's UTF-8
/// bytes. The one lexer of this module: the checks on top of libxml2 (`XPathCheck`), the rewrites
/// (`XPathRewrite`) and `FastPath`'s parser all read its tokens.
struct XPathToken: Equatable {
    enum Kind: Equatable {
        /// An NCName: a name test, a function, an axis, a node type or an operator name.
        case name(String)
        /// A string literal's bytes, without the quotes.
        case literal([UInt8])
        case number(String)
        /// Punctuation and operators: `/ // . .. : :: ( ) [ ] @ , | + - = != < <= > >= * $ !`.
        case symbol(String)
        /// A quote that nothing closes: always the last token.
        case unterminatedLiteral
        /// A byte that is no part of XPath.
        case other
    }

    let kind: Kind
    let range: Range<Int>
    /// Whether the token before this one ends an operand, so that this `*` multiplies and this name is an
    /// operator name (`and`, `or`, `div`, `mod`): XPath 1.0 §3.7's rule for telling them apart.
    let followsOperand: Bool

    /// The tokens of `source`; whitespace between them is dropped.
    static func tokens(in source: String) -> [XPathToken] {
        let bytes = Array(source.utf8)
        var tokens: [XPathToken] = []
        var index = 0
        var afterOperand = false

        func add(_ kind: Kind, to end: Int) {
            tokens.append(XPathToken(kind: kind, range: index..<end, followsOperand: afterOperand))
            index = end
            switch kind {
            case .name: afterOperand = !afterOperand
            case .literal, .number, .symbol(")"), .symbol("]"), .symbol("."), .symbol(".."): afterOperand = true
            case .symbol("*"): afterOperand = !afterOperand
            case .symbol, .unterminatedLiteral: afterOperand = false
            case .other: break
            }
        }
        func numberEnd(from start: Int) -> Int {
            var end = start
            while end < bytes.count, ByteClass.isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
            return end
        }

        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case _ where ByteClass.isXPathSpace(byte):
                index += 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                guard let close = bytes[(index + 1)...].firstIndex(of: byte) else {
                    add(.unterminatedLiteral, to: bytes.count)
                    break
                }
                add(.literal(Array(bytes[(index + 1)..<close])), to: close + 1)
            case _ where ByteClass.isDigit(byte), UInt8(ascii: ".") where ByteClass.isDigit(next):
                let end = numberEnd(from: index + 1)
                add(.number(String(decoding: bytes[index..<end], as: UTF8.self)), to: end)
            case UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "."):
                let length = next == byte ? 2 : 1
                add(.symbol(String(decoding: bytes[index..<(index + length)], as: UTF8.self)), to: index + length)
            case UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                let length = next == UInt8(ascii: "=") ? 2 : 1
                add(.symbol(String(decoding: bytes[index..<(index + length)], as: UTF8.self)), to: index + length)
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "@"),
                UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: "="), UInt8(ascii: "*"), UInt8(ascii: "+"),
                UInt8(ascii: "-"), UInt8(ascii: "$"):
                add(.symbol(String(decoding: [byte], as: UTF8.self)), to: index + 1)
            case _ where ByteClass.isNameStart(byte):
                var end = index + 1
                while end < bytes.count, ByteClass.isNameCharacter(bytes[end]) { end += 1 }
                add(.name(String(decoding: bytes[index..<end], as: UTF8.self)), to: end)
            default:
                add(.other, to: index + 1)
            }
        }
        return tokens
    }

    /// Whether this token is the symbol `symbol`.
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }

    var isName: Bool {
        if case .name = kind { return true }
        return false
    }
}

extension XPathToken {
    /// The class test `contains(concat(' ', normalize-space(@a), ' '), ' t ')`, `t` free of whitespace (true
    /// when `t` is one of the words of `@a`): its attribute and `t` when `kinds` hold one at `start`. It
    /// takes `classTestLength` tokens.
    static func classTest(_ kinds: [Kind], at start: Int) -> (attribute: String, token: [UInt8])? {
        guard start + classTestLength <= kinds.count,
            zip(kinds[start...], classTestShape).allSatisfy({ $1 == nil || $0 == $1 }),
            case .name(let attribute) = kinds[start + 9], case .literal(let literal) = kinds[start + 15],
            literal.count > 2, literal.first == 0x20, literal.last == 0x20
        else { return nil }
        let token = Array(literal.dropFirst().dropLast())
        return token.contains(where: ByteClass.isXPathSpace) ? nil : (attribute, token)
    }

    static var classTestLength: Int { classTestShape.count }

    /// The tokens of a class test; nil where the attribute's name and `' t '` go.
    private static let classTestShape: [Kind?] = [
        .name("contains"), .symbol("("), .name("concat"), .symbol("("), .literal([0x20]), .symbol(","),
        .name("normalize-space"), .symbol("("), .symbol("@"), nil, .symbol(")"), .symbol(","), .literal([0x20]),
        .symbol(")"), .symbol(","), nil, .symbol(")"),
    ]
}

extension [XPathToken] {
    /// The index of the `]` or `)` that closes the bracket at `open`; nil when none does, or when the
    /// other kind of bracket closes it.
    func closing(_ open: Int) -> Int? {
        var depth = 0
        for index in open..<count {
            if self[index].isSymbol("[") || self[index].isSymbol("(") { depth += 1 }
            if self[index].isSymbol("]") || self[index].isSymbol(")") {
                depth -= 1
                if depth == 0 { return self[index].isSymbol(self[open].isSymbol("[") ? "]" : ")") ? index : nil }
            }
        }
        return nil
    }
}
