/// Finds, in an expression libxml2 has already compiled, what libxml2 would only report while evaluating
/// (some of it on stderr): calls to functions it does not have (`ends-with`, `lower-case` and other XPath 2.0
/// functions are common slips in profiles), namespace prefixes (HTML has none) and variables (nothing binds
/// them). Reads the expression's tokens, which tell a function name from a name test, a node type test or
/// an operator name as XPath 1.0 §3.7 does.
enum XPathCheck {
    /// The first problem in `source`, lexed as `tokens`, in words, or nil. `isFunction` says whether
    /// libxml2 has a function.
    static func problem(in source: String, tokens: [XPathToken], isFunction: (String) -> Bool) -> String? {
        // The brackets open at this point, innermost last.
        var open: [XPathToken] = []
        var index = 0

        func character(_ token: XPathToken) -> Int {
            String(decoding: source.utf8.prefix(token.range.lowerBound), as: UTF8.self).unicodeScalars.count + 1
        }
        /// The token at `index` when it follows `token` with no space between.
        func adjacent(to token: XPathToken) -> XPathToken? {
            index < tokens.count && tokens[index].range.lowerBound == token.range.upperBound ? tokens[index] : nil
        }

        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .unterminatedLiteral:
                return "unterminated string literal at character \(character(token))"
            case .symbol("("), .symbol("["):
                open.append(token)
            case .symbol(")"), .symbol("]"):
                guard let last = open.popLast(), last.isSymbol(token.isSymbol(")") ? "(" : "[") else {
                    return "\"\(token.isSymbol(")") ? ")" : "]")\" at character \(character(token)) closes nothing"
                }
            case .symbol("$"):
                var name = ""
                if index < tokens.count, case .name(let variable) = tokens[index].kind {
                    name = variable
                    index += 1
                    if let colon = adjacent(to: tokens[index - 1]), colon.isSymbol(":") {
                        index += 1
                        name += ":"
                        if let local = adjacent(to: colon), case .name(let part) = local.kind {
                            name += part
                        }
                    }
                }
                return "variables ($\(name)) are not supported: nothing can set them"
            case .name(let name):
                var prefix: String?
                var local = name
                if let colon = adjacent(to: token), colon.isSymbol(":") {
                    index += 1
                    prefix = name
                    local = ""
                    if let next = adjacent(to: colon) {
                        if case .name(let part) = next.kind {
                            local = part
                            index += 1
                        } else if next.isSymbol("*") {
                            local = "*"
                            index += 1
                        }
                    }
                }
                // An operator name: and, or, div, mod.
                if token.followsOperand && prefix == nil { continue }
                let next = index < tokens.count ? tokens[index] : nil
                let qualified = prefix.map { "\($0):\(local)" } ?? local
                if next?.isSymbol("(") == true {
                    if prefix == nil && ["node", "text", "comment", "processing-instruction"].contains(local) {
                        continue
                    }
                    if prefix != nil {
                        return "function \(qualified)() has a namespace prefix; HTML documents have no namespaces"
                    }
                    if !isFunction(local) {
                        return "unknown function \(local)() (libxml2 implements the XPath 1.0 functions only)"
                    }
                    continue
                }
                // An axis name.
                if next?.isSymbol("::") == true { continue }
                if let prefix, prefix != "xml" {
                    return
                        "namespace prefix \"\(prefix):\" in \(qualified) is not defined; HTML documents have no namespaces"
                }
            default:
                continue
            }
        }
        if let last = open.last {
            return "missing \(last.isSymbol("(") ? ")" : "]")"
        }
        return nil
    }
}
