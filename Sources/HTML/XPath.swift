internal import CLibXML2
import Foundation

/// Swallows libxml2's XPath error reports for one context: the error stays in the context's `lastError`,
/// where `reason(_:)` reads it, instead of going to stderr.
private let silentErrorHandler: xmlStructuredErrorFunc = { _, _ in }

/// Consulted before libxml2's own function table: for a function libxml2 does not have, answers with one
/// that raises `XPATH_UNKNOWN_FUNC_ERROR` through the context, because libxml2's own "function not found"
/// goes to stderr. `data` is the context itself.
private let unknownFunctionLookup: xmlXPathFuncLookupFunc = { data, name, uri in
    guard let data, let name else { return nil }
    let context = data.assumingMemoryBound(to: xmlXPathContext.self)
    if xmlHashLookup2(context.pointee.funcHash, name, uri) != nil { return nil }
    return raiseUnknownFunction
}

private let raiseUnknownFunction: xmlXPathFunction = { parser, _ in
    xmlXPathErr(parser, Int32(XPATH_UNKNOWN_FUNC_ERROR.rawValue))
}

/// A compiled XPath 1.0 expression. Compile once, evaluate against many nodes.
public final class XPathExpression {
    let compiled: xmlXPathCompExprPtr
    /// The expression as written.
    public let source: String

    /// Compiles `source`; a syntax error, a function libxml2 does not have, a namespace prefix or a
    /// variable is thrown as `.invalidXPath` with the reason. Nothing is printed.
    public convenience init(_ source: String) throws(HTMLError) {
        try self.init(source, tokens: XPathToken.tokens(in: source))
    }

    /// Compiles `source`, lexed as `tokens`.
    convenience init(_ source: String, tokens: [XPathToken]) throws(HTMLError) {
        try self.init(source, compiling: source, checking: tokens)
    }

    /// `text`, an equivalent rewrite of `source` (see `XPathRewrite`), compiled to run in its place; nil
    /// when libxml2 does not compile it.
    static func rewritten(_ source: String, as text: String) -> XPathExpression? {
        try? XPathExpression(source, compiling: text, checking: nil)
    }

    /// Compiles `text` (`source` or a rewrite of it) and reports as `source`; checks `tokens`, the tokens
    /// of `source`, unless nil.
    private init(_ source: String, compiling text: String, checking tokens: [XPathToken]?) throws(HTMLError) {
        precondition(libxml2Initialised)
        guard let context = xmlXPathNewContext(nil) else {
            throw HTMLError(.invalidXPath, "out of memory compiling \(Self.quoted(source))")
        }
        defer { xmlXPathFreeContext(context) }
        context.pointee.error = silentErrorHandler
        // A plain path (no `(`, `[`, `@` or `::`) is compiled by libxml2 2.9 into a streaming matcher that
        // silently stops at about 10,000 levels of nesting (`//div` finds 9,998 of 100,000 nested divs).
        // The same path in parentheses means the same and takes the ordinary evaluator.
        let streamable = !text.contains(where: { "([@".contains($0) }) && !text.contains("::")
        let compiledSource = streamable ? "(\(text))" : text
        guard let compiled = xmlXPathCtxtCompile(context, compiledSource) else {
            throw HTMLError(
                .invalidXPath,
                "invalid XPath \(Self.quoted(source)): \(Self.reason(context, in: text, shift: streamable ? 1 : 0))")
        }
        // libxml2 finds these only while evaluating, reports some of them on stderr, and accepts unclosed
        // parentheses (`count(`) without complaint.
        let functions = context.pointee.funcHash
        if let tokens,
            let problem = XPathCheck.problem(
                in: source, tokens: tokens, isFunction: { xmlHashLookup2(functions, $0, nil) != nil })
        {
            xmlXPathFreeCompExpr(compiled)
            throw HTMLError(.invalidXPath, "invalid XPath \(Self.quoted(source)): \(problem)")
        }
        self.compiled = compiled
        self.source = source
    }

    deinit {
        xmlXPathFreeCompExpr(compiled)
    }

    /// The expression in quotes, shortened when long so an error stays one readable line.
    static func quoted(_ source: String) -> String {
        let oneLine = source.replacingOccurrences(of: "\n", with: " ")
        guard oneLine.count > 80 else { return "\"\(oneLine)\"" }
        return "\"\(oneLine.prefix(60))…\" (\(oneLine.count) characters)"
    }

    /// libxml2's last error on `context`, in words, with where in `source` it happened. libxml2 2.9 leaves
    /// `lastError.message` empty when a context has its own error handler, so the words are ours.
    /// `shift` is how many characters were put before `source` when it was compiled.
    static func reason(_ context: xmlXPathContextPtr, in source: String? = nil, shift: Int = 0) -> String {
        let error = context.pointee.lastError
        let code = Int(error.code) - Int(XML_XPATH_EXPRESSION_OK.rawValue)
        var text = Self.describe(code)
        if let source, error.str1 != nil {
            let offset = min(max(Int(error.int1) - shift, 0), source.utf8.count)
            let character = String(decoding: source.utf8.prefix(offset), as: UTF8.self).count + 1
            text += " at character \(character)"
        }
        return text
    }

    private static func describe(_ code: Int) -> String {
        switch UInt32(clamping: code) {
        case XPATH_NUMBER_ERROR.rawValue: return "malformed number"
        case XPATH_UNFINISHED_LITERAL_ERROR.rawValue: return "unterminated string literal"
        case XPATH_START_LITERAL_ERROR.rawValue: return "expected a string literal"
        case XPATH_VARIABLE_REF_ERROR.rawValue: return "expected a variable name after $"
        case XPATH_UNDEF_VARIABLE_ERROR.rawValue: return "undefined variable"
        case XPATH_INVALID_PREDICATE_ERROR.rawValue: return "malformed predicate (check the [ ] brackets)"
        case XPATH_EXPR_ERROR.rawValue: return "malformed expression"
        case XPATH_UNCLOSED_ERROR.rawValue: return "missing closing brace"
        case XPATH_UNKNOWN_FUNC_ERROR.rawValue: return "unknown function"
        case XPATH_INVALID_OPERAND.rawValue: return "invalid operand"
        case XPATH_INVALID_TYPE.rawValue: return "wrong type of argument or operand (a node-set was expected?)"
        case XPATH_INVALID_ARITY.rawValue: return "wrong number of arguments to a function"
        case XPATH_INVALID_CTXT_SIZE.rawValue: return "invalid context size"
        case XPATH_INVALID_CTXT_POSITION.rawValue: return "invalid context position"
        case XPATH_MEMORY_ERROR.rawValue: return "out of memory"
        case XPATH_UNDEF_PREFIX_ERROR.rawValue: return "undefined namespace prefix (HTML documents have none)"
        case XPATH_ENCODING_ERROR.rawValue: return "invalid characters in the expression"
        case XPATH_INVALID_CHAR_ERROR.rawValue: return "character out of range"
        case XPATH_INVALID_CTXT.rawValue: return "invalid or incomplete context"
        case XPATH_STACK_ERROR.rawValue: return "malformed expression (stack error)"
        case XPATH_FORBID_VARIABLE_ERROR.rawValue: return "variables are not allowed"
        case XPATH_OP_LIMIT_EXCEEDED.rawValue: return "too much work (operation limit exceeded)"
        case XPATH_RECURSION_LIMIT_EXCEEDED.rawValue: return "nested too deeply"
        default: return "syntax error (libxml2 error \(code))"
        }
    }
}

/// What an XPath expression evaluates to.
public enum XPathValue {
    case nodes([Node])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// The nodes, or none for a scalar result.
    public var nodes: [Node] {
        if case .nodes(let nodes) = self { return nodes }
        return []
    }

    /// XPath's string value: the first node's text (attribute value for attributes), or the scalar as text.
    public var string: String {
        switch self {
        case .nodes(let nodes): return nodes.first?.rawText ?? ""
        case .string(let string): return string
        case .number(let number):
            if number.isNaN { return "" }
            if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
            return String(number)
        case .boolean(let value): return value ? "true" : "false"
        }
    }

    /// Each node's text, or the one scalar as a one-element array (empty strings dropped).
    public var strings: [String] {
        switch self {
        case .nodes(let nodes): return nodes.map(\.rawText)
        default:
            let value = string
            return value.isEmpty ? [] : [value]
        }
    }
}

extension HTMLDocument {
    /// Evaluates `expression` with `node` (default: the document) as the context node.
    /// A node of another document is evaluated in its own document.
    public func evaluate(_ expression: XPathExpression, at node: Node? = nil) throws(HTMLError) -> XPathValue {
        if let node, node.document !== self {
            return try node.document.evaluate(expression, at: node)
        }
        let context: xmlXPathContextPtr
        if let existing = xpathContext {
            context = existing
        } else {
            guard let made = xmlXPathNewContext(pointer) else {
                throw HTMLError(.xpathFailed, "out of memory evaluating \(XPathExpression.quoted(expression.source))")
            }
            made.pointee.error = silentErrorHandler
            xmlXPathRegisterFuncLookup(made, unknownFunctionLookup, UnsafeMutableRawPointer(made))
            // Reuse node sets and values between queries instead of a malloc and free for each
            // (a predicate such as `contains(@class, 'x')` makes several per node it tests).
            xmlXPathContextSetCache(made, 1, -1, 0)
            xpathContext = made
            context = made
        }
        refreshElementOrder()
        // Each query starts from the given node (or the document), not where a former query left the context.
        context.pointee.node = node?.pointer ?? UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlNode.self)
        // XPath's context is that one node: position() and last() are 1 (libxml2's -1 makes them errors).
        context.pointee.contextSize = 1
        context.pointee.proximityPosition = 1
        guard let result = xmlXPathCompiledEval(expression.compiled, context) else {
            throw HTMLError(
                .xpathFailed,
                "XPath \(XPathExpression.quoted(expression.source)) failed: \(XPathExpression.reason(context))")
        }
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
                return .nodes([])
            }
            var nodes: [Node] = []
            nodes.reserveCapacity(Int(set.pointee.nodeNr))
            for index in 0..<Int(set.pointee.nodeNr) {
                guard let item = table[index], item.pointee.type != XML_NAMESPACE_DECL else { continue }
                nodes.append(Node(document: self, pointer: item))
            }
            return .nodes(nodes)
        case XPATH_STRING:
            return .string(result.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NUMBER:
            return .number(result.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(result.pointee.boolval != 0)
        default:
            throw HTMLError(
                .xpathFailed, "XPath \(XPathExpression.quoted(expression.source)) gave a result of an unsupported type")
        }
    }

    /// Compiles and evaluates `xpath` (compiled once per process, see `CompiledXPath`: callers repeat the
    /// same queries). A query of a shape `FastPath` knows is run by it instead of libxml2, with the same
    /// result (unless `usesFastPath` is off).
    public func evaluate(_ xpath: String, at node: Node? = nil) throws(HTMLError) -> XPathValue {
        let query = CompiledXPath.shared(xpath)
        let expression = try query.compiled.get()
        if usesFastPath, let fast = query.fast, let value = evaluate(fast, at: node) { return value }
        return try evaluate(expression, at: node)
    }

    /// The nodes `xpath` selects.
    public func nodes(_ xpath: String, at node: Node? = nil) throws(HTMLError) -> [Node] {
        try evaluate(xpath, at: node).nodes
    }
}

extension Node {
    /// The nodes `xpath` selects with this node as context.
    public func nodes(_ xpath: String) throws(HTMLError) -> [Node] {
        try document.evaluate(xpath, at: self).nodes
    }

    /// The first node `xpath` selects with this node as context.
    public func first(_ xpath: String) throws(HTMLError) -> Node? {
        try nodes(xpath).first
    }
}
