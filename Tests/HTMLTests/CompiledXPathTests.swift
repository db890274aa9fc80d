@testable import HTML
import Testing

/// The one compiled form of a query, and the one cache of them.
struct CompiledXPathTests {
    @Test func compilesOncePerProcessAndKeepsTheError() throws {
        let query = CompiledXPath.shared("//li[contains(concat(' ', normalize-space(@class), ' '), ' a ')]")
        #expect(query === CompiledXPath.shared(query.source))
        #expect(query.fast != nil)
        // libxml2 runs the rewrite, and reports as written.
        #expect(try #require(query.expression).source == query.source)
        let broken = CompiledXPath.shared("count(")
        #expect(broken.expression == nil && broken.fast == nil)
        #expect(throws: HTMLError.self) { try broken.compiled.get() }
    }

    @Test func cacheKeepsWhatIsInUseAndNoMoreThanItsCapacity() {
        let queries = (0..<10).map { CompiledXPath.shared("//p[@id='\($0)']") }
        var cache = CompiledXPath.Generations(capacity: 4)
        _ = cache.add(queries[0])
        _ = cache.add(queries[1])
        _ = cache.add(queries[2])  // the newer generation was full: 0 and 1 are now the older
        #expect(cache.query(queries[0].source) === queries[0])  // back in the newer
        _ = cache.add(queries[3])  // 1 was not used since: dropped
        #expect(cache.query(queries[1].source) == nil)
        #expect(cache.query(queries[0].source) === queries[0])
        for query in queries { _ = cache.add(query) }
        #expect(cache.count <= 4)
    }
}
