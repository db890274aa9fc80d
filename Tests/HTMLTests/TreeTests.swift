import HTML
import Testing

@Suite("Tree order and edits")
struct TreeTests {
    /// A post left a tag open, so the parser nested the next post inside it.
    static let nestedPosts = """
        <div id=a class=post><p>1</p><div id=b class=post><p>2</p><span>in b</span></div><p>3</p></div>\
        <div id=c class=post><p>4</p></div>
        """

    @Test func movingAPostOutKeepsDocumentOrderRight() throws {
        let document = try parse(Self.nestedPosts)
        let a = try #require(try document.nodes("//div[@id='a']").first)
        let b = try #require(try document.nodes("//div[@id='b']").first)
        let p2 = try #require(try document.nodes("//p[. = '2']").first)
        let p3 = try #require(try document.nodes("//p[. = '3']").first)
        #expect(p2.precedes(p3))
        b.move(after: a)
        #expect(b.parent?.name == "body")
        #expect(try document.nodes("//div[@class='post']/@id").map(\.rawText) == ["a", "b", "c"])
        // A union is sorted into document order, which is now 1 3 2 4.
        #expect(try document.nodes("//p | //span").map(\.text) == ["1", "3", "2", "in b", "4"])
        #expect(try document.evaluate("string((//p | //span)[3])").string == "2")
        #expect(p3.precedes(p2))
        #expect(!p2.precedes(p3))
        #expect(try document.nodes("//div[@id='a']//p").map(\.text) == ["1", "3"])
        #expect(try bodyText(document) == "1\n\n3\n\n2\n\nin b\n\n4")
    }

    @Test func movesThatWouldBreakTheTreeAreRefused() throws {
        let document = try parse("<div id=outer><div id=inner><p>x</p></div></div><p>after</p>")
        let outer = try #require(try document.nodes("//div[@id='outer']").first)
        let inner = try #require(try document.nodes("//div[@id='inner']").first)
        outer.move(after: inner)  // into its own subtree: would make a cycle
        outer.move(after: outer)
        #expect(try document.nodes("//div/@id").map(\.rawText) == ["outer", "inner"])
        #expect(inner.parent == outer)
        // A text node moved next to text would be merged into it and freed by libxml2.
        let text = try #require(try document.nodes("//p/text()").first)
        let other = try parse("<p>y</p>")
        text.move(after: inner)
        try #require(try other.nodes("//p").first).move(after: inner)
        #expect(try bodyText(document) == "x\n\nafter")
        #expect(text.text == "x")
    }

    @Test func nodesAreHashableByIdentity() throws {
        let document = try parse("<ul><li>a</li><li>a</li></ul>")
        let first = try document.nodes("//li")
        let second = try document.nodes("//li")
        #expect(Set(first + second).count == 2)
        #expect(first[0] == second[0] && first[0] != first[1])
        let all = Set(try document.nodes("//ul"))
        #expect(first[1].nearestAncestor(in: all)?.name == "ul")
        #expect(first[1].nearestAncestor(in: []) == nil)
    }

    @Test func oneDocumentAnsweringManyQueriesAndErrors() throws {
        let document = try parse("<div><p class=a>1</p><p>2</p></div>")
        let paragraph = try #require(try document.nodes("//p").first)
        #expect(try document.evaluate("count(//p[((((1))))])").string == "1")
        #expect(try paragraph.nodes("following-sibling::p").map(\.text) == ["2"])
        #expect(try document.evaluate("string(@class)", at: paragraph).string == "a")
        #expect(try document.nodes("p").isEmpty)
        #expect(try document.evaluate("position()").string == "1")
        for round in 0..<500 {
            #expect(throws: HTMLError.self) { _ = try document.evaluate("count('a')") }
            #expect(throws: HTMLError.self) { _ = try document.evaluate("concat(concat(count(1), 'b'), 'c')") }
            guard try document.evaluate("count(//p[((((1))))])").string == "1",
                try paragraph.nodes("following-sibling::p").map(\.text) == ["2"],
                try document.evaluate("string(@class)", at: paragraph).string == "a",
                try document.nodes("p").isEmpty,  // the document node has no <p> children
                try document.evaluate("position()").string == "1"
            else {
                Issue.record("round \(round) answered wrong")
                return
            }
        }
    }
}
