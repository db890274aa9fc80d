import HTML
import Testing

@Suite("Node kinds and attribute lists")
struct NodeKindTests {
    @Test func kindsOfTheNodesOfABody() throws {
        let document = try parse("<p>text<!-- note --><b>bold</b><?pi data?></p><script>var x = 1;</script>")
        let p = try #require(try document.nodes("//p").first)
        #expect(p.kind == .element)
        #expect(p.children.map(\.kind) == [.text, .comment, .element, .processingInstruction])
        let script = try #require(try document.nodes("//script").first)
        #expect(script.children.map(\.kind) == [.cdata])
        #expect(script.children.first?.rawText == "var x = 1;")
        #expect(try document.nodes("//p/@*").isEmpty)
        let attribute = try #require(try parse("<a href=x>y</a>").nodes("//a/@href").first)
        #expect(attribute.kind == .attribute)
    }

    @Test func attributesInSourceOrderWithEntitiesDecoded() throws {
        let document = try parse(
            "<a HREF=\"jav&#x09;ascript:x\" title='a &amp; b &lt;c&gt;' data-x onClick=\"f()\" title=dup>y</a>")
        let a = try #require(try document.nodes("//a").first)
        let attributes = a.attributes
        #expect(attributes.map(\.name) == ["href", "title", "data-x", "onclick"])
        #expect(attributes.first?.value == "jav\tascript:x")
        #expect(attributes[1].value == "a & b <c>")
        #expect(attributes[2].value == "")
        #expect(try #require(a.children.first).attributes == [])
    }
}
