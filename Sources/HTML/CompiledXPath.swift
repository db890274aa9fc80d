import Locking

/// An XPath expression compiled once per process and shared by every caller: profiles name about a
/// thousand expressions, and compiling one (with its checks) costs more than running it on a post.
///
/// The expression is lexed once (`XPathToken`); the tokens feed the checks on top of libxml2
/// (`XPathCheck`), the rewrite libxml2 runs (`XPathRewrite`) and the `FastPath` plan.
///
/// `@unchecked Sendable`: libxml2 only reads a compiled expression while evaluating it (libxslt shares
/// compiled expressions between threads the same way); the one field it writes, the function pointer a
/// call step caches on first use, gets the same value from every context this module makes.
package final class CompiledXPath: @unchecked Sendable {
    /// The expression as written.
    package let source: String
    /// What libxml2 runs (`source` rewritten for speed, reporting as `source`), or why `source` does not
    /// compile.
    let compiled: Result<XPathExpression, HTMLError>
    /// The same query evaluated by walking the tree directly, when it is of a shape `FastPath` knows.
    package let fast: FastPath?
    /// Whether the expression searches the page (`//`, or an axis that walks far) rather than following
    /// an anchored path: such a detection marker costs a pass over the page.
    package let searchesPage: Bool

    /// What libxml2 runs; nil when `source` does not compile (profiles are validated when loaded, so that
    /// never reaches a page).
    package var expression: XPathExpression? { try? compiled.get() }

    private init(_ source: String) {
        self.source = source
        searchesPage = ["//", "descendant", "following", "preceding", "ancestor"].contains { source.contains($0) }
        let tokens = XPathToken.tokens(in: source)
        do throws(HTMLError) {
            let original = try XPathExpression(source, tokens: tokens)
            let rewritten = XPathRewrite.faster(source, tokens: tokens)
            compiled = .success(rewritten.flatMap { XPathExpression.rewritten(source, as: $0) } ?? original)
            fast = FastPath(tokens: tokens)
        } catch {
            compiled = .failure(error)
            fast = nil
        }
    }

    /// Evaluates the query from `node` (default: the document). A node-set result holds at most `limit`
    /// nodes when the query is one `FastPath` runs (and the document's `usesFastPath` lets it; callers that
    /// read only the first node say so), and may hold all of them otherwise; nil when libxml2 fails.
    package func evaluate(in document: HTMLDocument, at node: Node? = nil, limit: Int = .max) -> XPathValue? {
        guard let expression else { return nil }
        if document.usesFastPath, let fast, let value = document.evaluate(fast, at: node, limit: limit) {
            return value
        }
        return try? document.evaluate(expression, at: node)
    }

    private static let cache = Locked(Generations(capacity: 4096))

    /// The compiled form of `source`, compiled on first use (a failure is kept too).
    package static func shared(_ source: String) -> CompiledXPath {
        if let known = cache.withLock({ $0.query(source) }) { return known }
        let made = CompiledXPath(source)
        return cache.withLock { $0.add(made) }
    }

    /// At most `capacity` queries in two generations: a query found in the older moves to the newer, and
    /// the older is dropped when the newer is full, so every query in use stays while there are fewer than
    /// `capacity / 2` of them.
    struct Generations {
        let capacity: Int
        private var newer: [String: CompiledXPath] = [:]
        private var older: [String: CompiledXPath] = [:]

        init(capacity: Int) {
            self.capacity = capacity
        }

        var count: Int { newer.count + older.count }

        mutating func query(_ source: String) -> CompiledXPath? {
            if let found = newer[source] { return found }
            guard let found = older.removeValue(forKey: source) else { return nil }
            keep(found)
            return found
        }

        /// `query`, or the same query another thread added first.
        mutating func add(_ query: CompiledXPath) -> CompiledXPath {
            if let raced = self.query(query.source) { return raced }
            keep(query)
            return query
        }

        private mutating func keep(_ query: CompiledXPath) {
            if newer.count >= capacity / 2 {
                older = newer
                newer = [:]
            }
            newer[query.source] = query
        }
    }
}
