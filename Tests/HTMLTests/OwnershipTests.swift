import HTML
import Testing

@Suite("Ownership")
struct OwnershipTests {
    /// Parses a page and returns only a node; the document variable is gone when this returns.
    private func firstParagraph() throws -> Node {
        let document = try parse("<p>kept <b>alive</b></p><p>second</p>")
        return try #require(try document.nodes("//p").first)
    }

    @Test func nodeKeepsItsDocumentAlive() throws {
        let node = try firstParagraph()
        #expect(node.text == "kept alive")
        #expect(node.innerHTML == "kept <b>alive</b>")
        #expect(try node.nodes("b").map(\.text) == ["alive"])
        #expect(try node.nodes("following::p").map(\.text) == ["second"])
        #expect(node.document.root?.name == "html")
    }

    @Test func documentIsFreedWhenItsLastNodeGoes() throws {
        weak var weakDocument: HTMLDocument?
        var node: Node? = try {
            let document = try parse("<p>x</p>")
            weakDocument = document
            return try document.nodes("//p").first
        }()
        #expect(weakDocument != nil)
        #expect(node?.text == "x")
        node = nil
        #expect(weakDocument == nil)
    }

    @Test func xpathValueKeepsItsDocumentAlive() throws {
        let value = try parse("<a href=/x>1</a><a href=/y>2</a>").evaluate("//a/@href")
        #expect(value.strings == ["/x", "/y"])
        #expect(value.nodes.compactMap { $0.parent?.attribute("href") } == ["/x", "/y"])
    }

    @Test func expressionOutlivesDocuments() throws {
        let expression = try XPathExpression("//li[2]")
        var results: [Node] = []
        for index in 0..<50 {
            let document = try parse("<ul><li>a</li><li>\(index)</li></ul>")
            results += try document.evaluate(expression).nodes
        }
        #expect(results.map(\.text) == (0..<50).map(String.init))
    }

    @Test func thousandsOfDocumentsParsedAndFreed() throws {
        let expression = try XPathExpression("//div[@class='post']")
        for index in 0..<3_000 {
            let page = """
                <html><head><meta charset=\"utf-8\"><title>Thread \(index)</title></head><body>
                <div class=post id=p\(index)><p>Post \(index) “body”</p><a href="/u/\(index)">user</a></div>
                <div class=post><p>reply</p></div></body></html>
                """
            let document = try parse(page)
            let posts = try document.evaluate(expression).nodes
            guard posts.count == 2, posts[0].attribute("id") == "p\(index)",
                posts[0].text == "Post \(index) “body”\n\nuser",
                try document.evaluate("string(//title)").string == "Thread \(index)"
            else {
                Issue.record("document \(index) parsed wrong")
                return
            }
            _ = posts[0].innerHTML
            #expect(throws: HTMLError.self) { _ = try document.nodes("//p[") }
        }
    }

    @Test func documentsParsedConcurrently() async throws {
        // Each task parses its own documents and hands back only values.
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var total = 0
                    for index in 0..<200 {
                        let page = bytes("<p>caf\u{E9} \(task) \(index)</p><p>x</p>")
                        let document = try HTMLDocument(bytes: page)
                        let texts = try document.nodes("//p").map(\.text)
                        if texts == ["café \(task) \(index)", "x"] { total += 1 }
                        _ = try? document.nodes("ends-with(., 'x')")
                    }
                    return total
                }
            }
            var all: [Int] = []
            for try await count in group { all.append(count) }
            return all
        }
        #expect(counts == Array(repeating: 200, count: 8))
    }
}
