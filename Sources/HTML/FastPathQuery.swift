internal import CLibXML2

/// An XPath 1.0 location path of the shapes site profiles use most, evaluated by walking libxml2's tree
/// directly instead of through libxml2's XPath machine: no node sets, no string copies, and a search for
/// the first node stops at the first node.
///
/// Understood (anything else makes `init` fail, and the caller uses libxml2):
/// - paths from the context or the root made of `child`, `descendant` (`//`) and `self` steps, which may
///   start with a `parent` (`..`), `ancestor`, `following-sibling` or `preceding-sibling` step and may end
///   in an attribute step (`/@href`); unions of such paths; `(path)[1]`, `(path)[last()]`, optionally
///   followed by more steps;
/// - name tests and `*`; predicates that combine with `and`, `or`, `not()`:
///   `@a`, `@a = 'x'`, `@a != 'x'`, `. = 'x'`, `contains(s, 'x')`, `starts-with(s, 'x')`, `s = 'x'` where `s` is
///   `@a`, `.`, `normalize-space(…)`, `string(…)` or `concat('…', s, '…')`, a string on its own, and relative
///   paths (tested for existence) over the `child`, `descendant`, `self`, `parent`, `ancestor`,
///   `following-sibling` and `preceding-sibling` axes; `[1]` and `[last()]` as the last predicate of a step;
/// - around a path: `string()`, `normalize-space()`, `substring-after(…, 'x')`, `substring-before(…, 'x')`,
///   `concat()`; `count(path)`; `boolean(path)`, `count(path) > n` (and the other comparisons with a whole
///   number), a path as a boolean, with `and`, `or`, `not()`.
///
/// Results are libxml2's: the same nodes in document order, the same strings (`FastPathTests` and
/// `ProfileRewriteTests` in `Tests/ExtractTests` compare the two, the latter on every profile query of the
/// corpus).
package struct FastPath: Sendable {
    let program: Program

    /// Parses `source`; nil when it is not of a shape this type evaluates.
    package init?(_ source: String) {
        self.init(tokens: XPathToken.tokens(in: source))
    }

    /// Parses an expression lexed as `tokens`; nil when it is not of a shape this type evaluates.
    init?(tokens: [XPathToken]) {
        var parser = Parser(tokens: tokens.map(\.kind))
        guard let top = parser.top() else { return nil }
        program = Program(top)
    }

    /// Whether the query's value is a node set (rather than a string, a number or a boolean).
    package var selectsNodes: Bool {
        if case .nodes = program.top { return true }
        return false
    }
}

extension HTMLDocument {
    /// The nodes `path` selects from `node` (default: the document), in document order, at most `limit`;
    /// nil when the walk gave up (an absurdly expensive page), so the caller should ask libxml2.
    package func select(_ path: FastPath, at node: Node? = nil, limit: Int = .max) -> [Node]? {
        guard path.selectsNodes, case .nodes(let nodes) = evaluate(path, at: node, limit: limit) else { return nil }
        return nodes
    }

    /// The value of `path` from `node` (default: the document): as `evaluate(_:at:)` gives it, except that
    /// a node set holds at most `limit` nodes (the first ones in document order); nil when the walk gave
    /// up (an absurdly expensive page), so the caller should ask libxml2.
    package func evaluate(_ path: FastPath, at node: Node? = nil, limit: Int = .max) -> XPathValue? {
        if let node, node.document !== self { return node.document.evaluate(path, at: node, limit: limit) }
        let context = node?.pointer ?? UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlNode.self)
        // Unions merge, and the element index finds ranges, by libxml2's element numbering.
        refreshElementOrder()
        let index: FastPath.ElementIndex
        if let existing = elementIndex {
            index = existing
        } else {
            index = FastPath.ElementIndex(document: pointer)
            elementIndex = index
        }
        return withExtendedLifetime((path.program, index)) { () -> XPathValue? in
            var walker = FastPath.Walker(program: path.program, document: pointer, index: index)
            return walker.run(from: context, limit: max(limit, 1)).map { value in
                switch value {
                case .nodes(let found): .nodes(found.map { Node(document: self, pointer: $0) })
                case .string(let bytes): .string(String(decoding: bytes, as: UTF8.self))
                case .number(let number): .number(number)
                case .boolean(let bool): .boolean(bool)
                }
            }
        }
    }
}
