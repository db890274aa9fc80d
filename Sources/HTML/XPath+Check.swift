/// Finds, in an expression libxml2 has already compiled, what libxml2 would only report while evaluating
/// (some of it on stderr): calls to functions it does not have (`ends-with`, `lower-case` and other XPath 2.0
/// functions are common slips in profiles), namespace prefixes (HTML has none) and variables (nothing binds
/// them). Follows the lexical rules of XPath 1.0 §3.7 to tell a function name from a name test, a node type
/// test or an operator name.
enum XPathCheck {
    /// The first problem in `source`, in words, or nil. `isFunction` says whether libxml2 has a function.
    static func problem(in source: String, isFunction: (String) -> Bool) -> String? {
        let scalars = Array(source.unicodeScalars)
        var index = 0
        // Whether the previous token ends an operand, so that `*` is multiplication and a name an operator.
        var afterOperand = false
        // The brackets open at this point, innermost last.
        var open: [Unicode.Scalar] = []

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        func readName() -> String {
            var name = String.UnicodeScalarView()
            while let scalar = peek(), isNameCharacter(scalar) {
                name.append(scalar)
                index += 1
            }
            return String(name)
        }

        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\n", "\r":
                index += 1
            case "\"", "'":
                guard let close = scalars[(index + 1)...].firstIndex(of: scalar) else {
                    return "unterminated string literal at character \(index + 1)"
                }
                index = close + 1
                afterOperand = true
            case "0"..."9":
                while let digit = peek(), ("0"..."9").contains(digit) || digit == "." { index += 1 }
                afterOperand = true
            case ".":
                index += 1
                while let next = peek(), ("0"..."9").contains(next) || next == "." { index += 1 }
                afterOperand = true
            case "(", "[":
                open.append(scalar)
                index += 1
                afterOperand = false
            case ",", "@", "/", "|", "+", "-", "=", "<", ">", "!":
                index += 1
                afterOperand = false
            case ")", "]":
                let opening: Unicode.Scalar = scalar == ")" ? "(" : "["
                guard open.last == opening else {
                    return "\"\(scalar)\" at character \(index + 1) closes nothing"
                }
                open.removeLast()
                index += 1
                afterOperand = true
            case ":":
                index += 1
                afterOperand = false
            case "*":
                index += 1
                afterOperand = !afterOperand
            case "$":
                index += 1
                while let space = peek(), space == " " || space == "\t" || space == "\n" || space == "\r" {
                    index += 1
                }
                var name = readName()
                if peek() == ":" {
                    index += 1
                    name += ":" + readName()
                }
                return "variables ($\(name)) are not supported: nothing can set them"
            default:
                guard isNameStart(scalar) else {
                    index += 1  // not XPath; libxml2 has already judged the expression
                    continue
                }
                let name = readName()
                var prefix: String?
                var local = name
                if peek() == ":", peek(1) != ":" {
                    index += 1
                    if peek() == "*" {
                        index += 1
                        local = "*"
                    } else {
                        local = readName()
                    }
                    prefix = name
                }
                if afterOperand && prefix == nil {
                    afterOperand = false  // an operator name: and, or, div, mod
                    continue
                }
                var ahead = index
                while ahead < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[ahead]) { ahead += 1 }
                let next = ahead < scalars.count ? scalars[ahead] : nil
                let qualified = prefix.map { "\($0):\(local)" } ?? local
                if next == "(" {
                    if prefix == nil && ["node", "text", "comment", "processing-instruction"].contains(local) {
                        afterOperand = false
                        continue
                    }
                    if prefix != nil {
                        return "function \(qualified)() has a namespace prefix; HTML documents have no namespaces"
                    }
                    if !isFunction(local) {
                        return "unknown function \(local)() (libxml2 implements the XPath 1.0 functions only)"
                    }
                    afterOperand = false
                    continue
                }
                if next == ":" && ahead + 1 < scalars.count && scalars[ahead + 1] == ":" {
                    afterOperand = false  // an axis name
                    continue
                }
                if let prefix, prefix != "xml" {
                    return "namespace prefix \"\(prefix):\" in \(qualified) is not defined; HTML documents have no namespaces"
                }
                afterOperand = true
            }
        }
        if let last = open.last {
            return "missing \(last == "(" ? ")" : "]")"
        }
        return nil
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar.value >= 0x80
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "."
    }
}
