import Locking

/// A query given as a string, compiled once per process (at most `capacity` of them are kept).
///
/// `@unchecked Sendable`: libxml2 only reads a compiled expression while evaluating it (as libxslt,
/// which shares them between threads); the function pointer a call step caches on first use is the same
/// for every context this module makes.
final class CompiledQuery: @unchecked Sendable {
    let expression: XPathExpression
    let fast: FastPath?

    private init(_ source: String) throws(HTMLError) {
        expression = try XPathExpression(source)
        fast = FastPath(source)
    }

    private static let capacity = 1024
    private static let cache = Locked<[String: CompiledQuery]>([:])

    /// The compiled query; throws what `XPathExpression.init` throws (errors are not kept).
    static func shared(_ source: String) throws(HTMLError) -> CompiledQuery {
        if let known = cache.withLock({ $0[source] }) { return known }
        let made = try CompiledQuery(source)
        cache.withLock { cache in
            if cache.count < capacity { cache[source] = made }
        }
        return made
    }
}
