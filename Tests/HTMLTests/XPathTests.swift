import HTML
import Testing

private let listPage = """
    <html><head><title>  The   Title </title></head><body>
    <div id="first" class="post"><span>one</span><p>para <span>two</span></p>
      <a href="/one" rel="nofollow">First link</a></div>
    <div id="second" class="post"><span>three</span><a href="/two">Second link</a><b>bold</b></div>
    <ul><li>a</li><li>b</li><li>c</li></ul>
    <p class="spaced">  lots   of
       space  </p>
    </body></html>
    """

@Suite("XPath")
struct XPathTests {
    let document: HTMLDocument

    init() throws {
        document = try parse(listPage)
    }

    @Test func nodeSetsInDocumentOrder() throws {
        #expect(try document.nodes("//li").map(\.text) == ["a", "b", "c"])
        #expect(try document.nodes("//span").map(\.text) == ["one", "two", "three"])
        // A union is returned in document order, not in the order written.
        #expect(try document.nodes("//b | //a | //title").map(\.name) == ["title", "a", "a", "b"])
        #expect(try document.nodes("(//li)[last()]").map(\.text) == ["c"])
        #expect(try document.nodes("//li[position() mod 2 = 1]").map(\.text) == ["a", "c"])
        #expect(try document.nodes("//nothing").isEmpty)
    }

    @Test func attributes() throws {
        let hrefs = try document.nodes("//a/@href")
        #expect(hrefs.map(\.rawText) == ["/one", "/two"])
        #expect(hrefs.map(\.text) == ["/one", "/two"])
        #expect(hrefs.allSatisfy { $0.isAttribute && !$0.isElement })
        #expect(hrefs.first?.name == "href")
        #expect(hrefs.first?.parent?.name == "a")
        #expect(try document.evaluate("//a/@href").strings == ["/one", "/two"])
        #expect(try document.evaluate("//a/@rel").string == "nofollow")
        let link = try #require(try document.nodes("//a").first)
        #expect(link.attribute("href") == "/one")
        #expect(link.attribute("missing") == nil)
        #expect(link.isElement && !link.isAttribute)
    }

    @Test func scalarResults() throws {
        let title = try document.evaluate("string(//title)")
        guard case .string(let value) = title else {
            Issue.record("string() gave \(title)")
            return
        }
        #expect(value == "  The   Title ")
        #expect(try document.evaluate("normalize-space(//title)").string == "The Title")
        #expect(try document.evaluate("normalize-space(//p[@class='spaced'])").string == "lots of space")

        let count = try document.evaluate("count(//li)")
        guard case .number(let number) = count else {
            Issue.record("count() gave \(count)")
            return
        }
        #expect(number == 3)
        #expect(count.string == "3")
        #expect(count.strings == ["3"])

        let yes = try document.evaluate("boolean(//ul)")
        let no = try document.evaluate("boolean(//table)")
        guard case .boolean(true) = yes, case .boolean(false) = no else {
            Issue.record("boolean() gave \(yes) and \(no)")
            return
        }
        #expect(yes.string == "true" && no.string == "false")
        #expect(try document.evaluate("1 div 0").string == "Infinity")
        #expect(try document.evaluate("-1 div 0").string == "-Infinity")
        #expect(try document.evaluate("0 div 0").string == "")
        #expect(try document.evaluate("2.5 * 2").string == "5")
        #expect(try document.evaluate("1 div 4").string == "0.25")
        #expect(try document.evaluate("count(//li) - -1").string == "4")
        #expect(try document.evaluate("string(//nothing)").strings == [])
        #expect(try document.evaluate("//li").string == "a")
        #expect(try document.evaluate("//nothing").string == "")
        #expect(try document.evaluate("count(//li)").nodes.isEmpty)
    }

    @Test func relativeQueriesFromANode() throws {
        let first = try #require(try document.nodes("//div[@id='first']").first)
        #expect(try first.nodes(".//span").map(\.text) == ["one", "two"])
        #expect(try first.nodes("span").map(\.text) == ["one"])
        #expect(try first.nodes("//span").count == 3)  // absolute: the whole document
        #expect(try first.first("a")?.attribute("href") == "/one")
        #expect(try first.first("b") == nil)
        #expect(try first.nodes("following-sibling::div/@id").map(\.rawText) == ["second"])
        #expect(try document.evaluate("string(@id)", at: first).string == "first")
        #expect(try document.evaluate("count(.//*)", at: first).string == "4")
        #expect(try first.nodes("..").first?.name == "body")
        #expect(try first.nodes(".").first == first)
    }

    @Test func compiledExpressionIsReusableAcrossDocuments() throws {
        let expression = try XPathExpression("//li")
        #expect(expression.source == "//li")
        let other = try parse("<ul><li>x</li></ul>")
        for _ in 0..<3 {
            #expect(try document.evaluate(expression).strings == ["a", "b", "c"])
            #expect(try other.evaluate(expression).strings == ["x"])
        }
    }

    @Test func contextNodeFromAnotherDocumentIsQueriedInItsOwnDocument() throws {
        let other = try parse("<div><span>elsewhere</span></div>")
        let foreign = try #require(try other.nodes("//div").first)
        let found = try document.nodes(".//span", at: foreign)
        #expect(found.map(\.text) == ["elsewhere"])
        #expect(found.allSatisfy { $0.document === other })
    }

    @Test func relativeQueriesFromTheDocument() throws {
        // Without a node, the context is the document node, as XPath defines it.
        #expect(try document.nodes("html/body/ul/li").map(\.text) == ["a", "b", "c"])
        #expect(try document.nodes(".//li").count == 3)
        #expect(try document.nodes("*").map(\.name) == ["html"])
        #expect(try document.evaluate("count(descendant::li)").string == "3")
        #expect(try document.evaluate("normalize-space(html/head/title)").string == "The Title")
        let top = try #require(try document.nodes("/").first)
        #expect(!top.isElement)
        #expect(top.parent == nil)
        #expect(top.attribute("href") == nil)
        // Inline elements with nothing between them run together, as a browser shows them.
        #expect(top.lineText == "one para two First link threeSecond linkbold a b c lots of space")
        #expect(top.children.map(\.name) == ["html"])  // no doctype libxml2 made up
        let withDoctype = try parse("<!DOCTYPE html><p>x</p>")
        #expect(try #require(try withDoctype.nodes("/").first).outerHTML == "<!DOCTYPE html><html><body><p>x</p></body></html>")
        #expect(top.outerHTML.hasPrefix("<html><head><title>"))
    }

    @Test func nodeOrderHelpers() throws {
        let items = try document.nodes("//li")
        #expect(items[0].precedes(items[2]))
        #expect(!items[2].precedes(items[0]))
        #expect(!items[1].precedes(items[1]))
        #expect(items[1].ancestor(named: "ul")?.name == "ul")
        #expect(items[1].ancestor(named: "table") == nil)
        #expect(try document.nodes("//span")[1].ancestor(named: "div")?.attribute("id") == "first")
    }

    /// Valid XPath 1.0 that must compile, with what it yields on the page.
    @Test(arguments: [
        ("//div[@class='post' and @id]/@id", "first second"),
        ("count(//li) div 3", "1"),
        ("count(//li) mod 2", "1"),
        ("//div[@id='second']/*[1]", "three"),
        ("//*[local-name()='li'][2]", "b"),
        ("child::html/descendant::li[3]", "c"),
        ("//span[. = 'two']/ancestor::div/@id", "first"),
        ("//a[contains(@href, 'two')]", "Second link"),
        ("//a[starts-with(@href, '/o')] | //b", "First link bold"),
        ("concat('div(', 'and', \")\")", "div(and)"),
        ("translate('abc', 'abc', 'ABC')", "ABC"),
        ("substring-before('a-b', '-')", "a"),
        ("string-length(' ab ')", "4"),
        ("//li[last()]", "c"),
        ("//li[not(. = 'b')]", "a c"),
        ("sum(//nothing) + 2 * 3", "6"),
        ("2*3", "6"),
        ("//ul/li[1]/following-sibling::li", "b c"),
        ("//div/text()[normalize-space()][1]", ""),
        ("//ul/node()[self::li][2]", "b"),
        ("round(2.6) + floor(1.5) + ceiling(1.2)", "6"),
        ("(//li)[position() > 1 and position() <= 3]", "b c"),
        ("//li[. = \"a\" or . = 'c']", "a c"),
        ("//div[@id='first']//span[1]", "one two"),
        ("//@href", "/one /two"),
        ("name(//*[@rel])", "a"),
        ("number('12') * -1", "-12"),
        ("//comment()", ""),
        ("//processing-instruction('x')", ""),
        ("//div[span][a]/@id", "first second"),
        ("//li[1]/self::node()", "a"),
        ("count(//div[* and @class])", "2"),
        ("//mod | //div[@id = 'second']/b", "bold"),
        ("//and", ""),
    ])
    func validExpressions(_ xpath: String, _ expected: String) throws {
        _ = try XPathExpression(xpath)
        let value = try document.evaluate(xpath)
        let texts: [String]
        if value.nodes.isEmpty {
            texts = value.strings
        } else {
            texts = value.nodes.map { Node.collapse($0.rawText) }
        }
        #expect(texts.joined(separator: " ") == expected)
    }

    /// Shapes of expression real profiles use; the checks on top of libxml2 must not refuse any of them.
    @Test(arguments: [
        "//meta[@name='generator']/@content",
        "//a[contains(concat(' ', normalize-space(@class), ' '), ' title ')]",
        "//*[@itemprop='datePublished']/@content | //time/@datetime",
        "substring-after(//a[@class='next']/@href, 'page=')",
        ".//span[@class='score'][1]", "//tr[td[@class='alt1']]", "//div[starts-with(@id, 'post')]",
        "//comment()[contains(., 'Generated')]", "//script[@type='application/ld+json']",
        "count(//li)-1", "//a[position()-1]", "//li[last()-1]", "//a[@href!='#']", "//p[text()='x']",
        "//div[@class = \"a\" or@class=\"b\"]", "//span/following::text()[1]", "ancestor-or-self::div[1]",
        ".5 + 1", "//div[@id='x']/..", "*[1]", "@*", "//div/descendant-or-self::*", "//x[. * 2 > 3]",
        "id('foo')", "//p[lang('en')]", "//a[@data-count > 0]/@data-count", "//div[@data-x-y.z]",
        "//tbody/tr[not(@class='hidden')][position() <= 3]", "string(//h1[@class='title']//text()[1])",
        "//div[contains(@class,'post') and not(contains(@class,'deleted'))]", "//xml:lang", "//@xml:lang",
        "sum(//span[@class='n']) div count(//span[@class='n'])", "//td[3]/a/@href", "//*[name() = 'div']",
    ])
    func commonProfileExpressionsCompile(_ xpath: String) throws {
        _ = try XPathExpression(xpath)
        _ = try document.evaluate(xpath)
    }

    /// Expressions that must be refused when compiled, never printed to stderr or crash.
    @Test(arguments: [
        "//div[", "", "   ", "//", "count(", "string(", "//p[count(.//a]", "@@x", "//a[@href='x]", "//div]", "1 +", "foo bar",
        "ends-with(., 'x')", "lower-case(//title)", "matches(., 'a')", "fn:string(.)", "x:y()",
        "$variable", "$p:variable", "//div[$x]", "string(", String(repeating: "(", count: 10_000) + "1"
            + String(repeating: ")", count: 10_000),
        "//div[@class=='x']", "//div[contains(@class 'x')]",
    ])
    func invalidExpressions(_ xpath: String) {
        let error = #expect(throws: HTMLError.self) { _ = try XPathExpression(xpath) }
        #expect(error?.code == .invalidXPath)
        // The reason names the expression (shortened when long) and says what is wrong.
        #expect(error.map { $0.description.contains("invalid XPath") && $0.description.count < 400 } == true)
        #expect(error.map { $0.detail.contains(String(xpath.prefix(20))) } == true)
        let throughDocument = #expect(throws: HTMLError.self) { _ = try document.nodes(xpath) }
        #expect(throughDocument?.code == .invalidXPath)
    }

    /// Expressions that compile but cannot be evaluated: a clear `.xpathFailed`, never a crash.
    @Test(arguments: ["count('a')", "1 | 2", "count()", "concat('a')", "sum(1)"])
    func failingExpressions(_ xpath: String) {
        let error = #expect(throws: HTMLError.self) { _ = try document.evaluate(xpath) }
        #expect(error?.code == .xpathFailed)
        #expect(error.map { $0.detail.contains(xpath) && $0.detail.contains("failed: ") } == true)
    }

    @Test func invalidExpressionExplainsWhere() {
        let error = #expect(throws: HTMLError.self) { _ = try XPathExpression("//div[@id='x'") }
        #expect(error?.detail == "invalid XPath \"//div[@id='x'\": malformed predicate (check the [ ] brackets) at character 14")
        let literal = #expect(throws: HTMLError.self) { _ = try XPathExpression("//a[@href='x]") }
        #expect(literal?.detail.contains("unterminated string literal") == true)
        let unclosed = #expect(throws: HTMLError.self) { _ = try XPathExpression("count(") }
        #expect(unclosed?.detail.hasSuffix("missing )") == true)
        let plain = #expect(throws: HTMLError.self) { _ = try XPathExpression("//div]") }
        #expect(plain?.detail.hasPrefix("invalid XPath \"//div]\": ") == true)
        #expect(plain?.detail.hasSuffix(" at character 6") == true)
        let unknown = #expect(throws: HTMLError.self) { _ = try XPathExpression("//p[ends-with(@class, 'x')]") }
        #expect(unknown?.detail.contains("unknown function ends-with()") == true)
        let prefixed = #expect(throws: HTMLError.self) { _ = try XPathExpression("//h:div") }
        #expect(prefixed?.detail.contains("namespace prefix") == true)
        let long = #expect(throws: HTMLError.self) { _ = try XPathExpression(String(repeating: "/div", count: 100) + "[") }
        #expect(long?.detail.contains("(401 characters)") == true)
        #expect((long?.detail.count ?? 1000) < 200)
    }
}

@Suite("Deep XPath")
struct DeepXPathTests {
    @Test func deeplyNestedPredicatesAreRefusedOrEvaluated() throws {
        let document = try parse("<p>x</p>")
        // Nesting just under libxml2's recursion limit works; far over it is a clean error.
        let modest = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(try document.evaluate(modest).string == "1")
        var predicates = "//p"
        for _ in 0..<2000 { predicates += "[1]" }
        #expect(try document.nodes(predicates).count == 1)
    }

    @Test func veryLongPathsFailCleanlyOrWork() throws {
        let document = try parse("<a><a>x</a></a>")
        let long = String(repeating: "/a", count: 50_000)
        do {
            #expect(try document.nodes(long).isEmpty)
        } catch {
            #expect(error.code == .invalidXPath || error.code == .xpathFailed)
        }
        let nested = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let error = #expect(throws: HTMLError.self) { _ = try document.evaluate(nested) }
        #expect(error?.code == .invalidXPath)
    }
}
