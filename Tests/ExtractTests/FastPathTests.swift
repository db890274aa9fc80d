import HTML
import Testing

/// `FastPath` must give what libxml2 gives, for every query it accepts, from every node it starts at.
struct FastPathTests {
    static let page = """
        <!DOCTYPE html>
        <html id="top" class=" page  Main "><head><title> The  title </title>
        <meta name="generator" content="Forum 2.1"><link rel="canonical" href="https://example.org/t/1"></head>
        <body class="thread">
        <div id="p1" class="post first" data-author="ann">
          <h3 class="title"><a href="/t/1#p1">Hello <b>world</b></a></h3>
          <div class="meta"><span class="user">ann</span><time datetime="2024-01-02T03:04:05Z">Jan 2</time>
            <time class="edited" datetime="2024-01-03T00:00:00Z">Jan 3</time></div>
          <div class="body">Text <a href="https://news.example/a?ref=x">story</a> and <a>no link</a>
            <blockquote class="quote"><div class="post" id="q1">quoted</div></blockquote></div>
          <ul class="links"><li>one</li><li class="x">two</li><li>three</li></ul>
        </div>
        <div id="p2" class="post" data-author="">
          <div class="meta"><span class="user">bob</span><span class="count">(1,234 posts)</span></div>
          <div class="body"><p>Second</p><p class="sig">-- bob</p></div>
          <table><tr><td class="a">1</td><td>2</td></tr><tr class="r2"><td>3</td><td class="a b">4</td></tr></table>
        </div>
        <div id="p3" class="post hidden deleted">   </div>
        <p>after</p>
        </body></html>
        """

    static let queries = [
        // Main paths.
        "//div", "//div[@id]", "//div[@class='post']", "//div[@class!='post']", "//div[@data-author='']",
        "//div[@data-author!='ann']", "//*[@id='p2']//td", "/html/body/div", "/html/head/meta[@name='generator']/@content",
        "/html/@id", "//div[contains(@class,'post')]", "//div[starts-with(@id,'p')]/@id",
        "//div[contains(concat(' ',normalize-space(@class),' '),' post ')]", ".//time", ".//time/@datetime",
        ".//time[1]", ".//time[last()]", ".//li[1]", ".//li[last()]", "./div[@class='meta']/span",
        ".//div[.//a[@href]]", ".//div[not(.//a)]", ".//li[@class or contains(.,'th')]", ".//td[.='4']",
        ".//td[normalize-space(.)='3']", ".//*[self::td or self::li][contains(@class,'a')]",
        "self::*[contains(@class,'hidden')]", "self::div[@id='p1']", ".//div[@class='body']//a/@href",
        "(.//a)[1]", "(.//a)[last()]", "(.//a)[1]/@href", "(//div[@class='meta'])[1]/span",
        ".//span[@class='user'] | .//time", "//title | //meta", ".//tr[td[@class='a']]", ".//tr[last()]/td",
        ".//td[following-sibling::td]", ".//td[preceding-sibling::td[@class='a'][1]]",
        ".//div[ancestor::div[@id='p1']]", ".//p[parent::div[@class='body']]", "ancestor::body",
        "ancestor::*[1]", "ancestor::*[last()]", "following-sibling::div[1]/@id", "preceding-sibling::div",
        "following-sibling::*", "../div", "./ancestor::html/head/title", ".//blockquote//div[@class='post']",
        ".//div[normalize-space()]", ".//div[normalize-space() or *]", "//div[@id='p3'][normalize-space()]",
        ".//ul/li[contains(concat(' ', normalize-space(@class), ' '), ' x ')]",
        // Strings, counts and booleans.
        "string(.//span[@class='user'])", "string((.//time)[1]/@datetime)", "normalize-space(/html/head/title)",
        "substring-after(.//a/@href,'#')", "substring-before(concat(.//time/@datetime,'T'),'T')",
        "concat(/html/@id, '-', @id)", "string(//link[@rel='canonical']/@href)", "string(.//nothing)",
        "count(.//div)", "count(//div[@class='post']) > 1", "count(.//li) = 3", "count(.//li) < 3",
        "boolean(.//a) and not(.//table)", "//div[@id='p3'] or //nothing", "not(.//time)",
        // Not of a shape FastPath takes: libxml2 answers.
        ".//li[2]", ".//li[position() > 1]", "number(.//li)", "sum(.//td)", ".//text()", "//div[count(p) > 1]",
    ]

    @Test("every accepted query gives libxml2's answer from every node")
    func sameAsLibxml2() throws {
        let document = try HTMLDocument(bytes: Array(Self.page.utf8), declaredCharset: "UTF-8")
        let contexts: [Node?] = [nil] + (try document.nodes("//*"))
        var refused: [String] = []
        for query in Self.queries {
            guard let fast = FastPath(query) else {
                refused.append(query)
                continue
            }
            let expression = try XPathExpression(query)
            for context in contexts {
                let expected = try document.evaluate(expression, at: context)
                let actual = try #require(document.evaluate(fast, at: context))
                #expect(Self.same(expected, actual), "\(query) at \(context?.name ?? "document")")
                if case .nodes(let nodes) = expected {
                    #expect(document.select(fast, at: context, limit: 1) == Array(nodes.prefix(1)), "\(query)")
                }
            }
        }
        // Only the last six, of shapes FastPath does not take, are left to libxml2.
        #expect(refused == Array(Self.queries.suffix(6)))
    }

    @Test("after the tree changes, results follow the new tree")
    func afterMove() throws {
        let document = try HTMLDocument(bytes: Array(Self.page.utf8), declaredCharset: "UTF-8")
        let queries = ["//div[@class='post']", "//div[contains(@class,'post')]//a", "(//div[@id])[last()]/@id",
                       "//span | //time", ".//div[@class='meta']"]
        let fast = try queries.map { try #require(FastPath($0)) }
        _ = fast.map { document.evaluate($0) }
        // Move the quoted post out, after the first post: it now follows p1's subtree.
        let quoted = try #require(try document.nodes("//div[@id='q1']").first)
        let first = try #require(try document.nodes("//div[@id='p1']").first)
        quoted.move(after: first)
        for (query, path) in zip(queries, fast) {
            let contexts: [Node?] = [nil] + (try document.nodes("//div"))
            for context in contexts {
                let expected = try document.evaluate(XPathExpression(query), at: context)
                #expect(Self.same(expected, try #require(document.evaluate(path, at: context))), "\(query)")
            }
        }
    }

    @Test("queries of other shapes are left to libxml2", arguments: [
        ".//li[2]", ".//li[position() > 1]", "number(.//li)", "sum(.//td)", ".//text()", "//div[count(p) > 1]",
        "//a[translate(@href, 'A', 'a')]", "//@*", "$x", "//ns:a", "//a[@href][1.5]",
    ])
    func refuses(_ query: String) {
        #expect(FastPath(query) == nil)
    }

    /// Whether two answers are equal: the same nodes in the same order, or the same value (NaN equal to NaN).
    static func same(_ lhs: XPathValue, _ rhs: XPathValue) -> Bool {
        switch (lhs, rhs) {
        case (.nodes(let a), .nodes(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.number(let a), .number(let b)): a == b || (a.isNaN && b.isNaN)
        default: false
        }
    }
}
