enum FastPathToken: Equatable {
    case name(String)
    case literal([UInt8])
    case number(String)
    case symbol(String)
}

enum FastPathLexer {
    static func tokens(_ source: String) -> [FastPathToken]? {
        let chars = Array(source.utf8)
        var tokens: [FastPathToken] = []
        var index = 0
        while index < chars.count {
            let char = chars[index]
            switch char {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                guard let close = chars[(index + 1)...].firstIndex(of: char) else { return nil }
                tokens.append(.literal(Array(chars[(index + 1)..<close])))
                index = close + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                var end = index
                while end < chars.count, (chars[end] >= 0x30 && chars[end] <= 0x39) || chars[end] == 0x2E { end += 1 }
                tokens.append(.number(String(decoding: chars[index..<end], as: UTF8.self)))
                index = end
            case UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "."):
                if index + 1 < chars.count, chars[index + 1] == char {
                    tokens.append(.symbol(String(decoding: [char, char], as: UTF8.self)))
                    index += 2
                } else if char == UInt8(ascii: "."), index + 1 < chars.count, chars[index + 1] >= 0x30,
                    chars[index + 1] <= 0x39
                {
                    return nil  // a number such as .5
                } else {
                    tokens.append(.symbol(String(decoding: [char], as: UTF8.self)))
                    index += 1
                }
            case UInt8(ascii: "!"):
                guard index + 1 < chars.count, chars[index + 1] == UInt8(ascii: "=") else { return nil }
                tokens.append(.symbol("!="))
                index += 2
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                if index + 1 < chars.count, chars[index + 1] == UInt8(ascii: "=") {
                    tokens.append(.symbol(String(decoding: [char, UInt8(ascii: "=")], as: UTF8.self)))
                    index += 2
                } else {
                    tokens.append(.symbol(String(decoding: [char], as: UTF8.self)))
                    index += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "@"),
                UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: "="), UInt8(ascii: "*"):
                tokens.append(.symbol(String(decoding: [char], as: UTF8.self)))
                index += 1
            default:
                guard ByteClass.isNameStart(char) else { return nil }
                var end = index
                while end < chars.count, ByteClass.isNameCharacter(chars[end]) { end += 1 }
                tokens.append(.name(String(decoding: chars[index..<end], as: UTF8.self)))
                index = end
            }
        }
        return tokens
    }
}
