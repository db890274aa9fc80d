import HTML
import Testing

@Suite("Text")
struct TextTests {
    @Test(arguments: [
        ("<p>One  two\nthree</p><p>Four</p>", "One two three\n\nFour"),
        ("<p>a</p>\n\n\n<p>b</p><p></p><p> </p><p>c</p>", "a\n\nb\n\nc"),
        ("line one<br>line two<br/>line three", "line one\nline two\nline three"),
        ("a<br><br>b", "a\n\nb"),
        ("a<br>\n<br />\n<br>\n<br>b", "a\n\nb"),
        ("<br><br>start", "start"),
        ("end<br><br>", "end"),
        ("x <script>var a = '<p>no</p>';</script> y <style>p { color: red }</style>z", "x y z"),
        ("<noscript>enable js</noscript>shown", "shown"),
        ("<p>&amp; &lt;tag&gt; &eacute;t&eacute; &#8220;q&#8221; &#x2019; &copy;</p>", "& <tag> été “q” ’ ©"),
        ("<p>a&nbsp;b&nbsp;&nbsp;c</p>", "a b c"),
        ("<p>  leading and trailing  </p>", "leading and trailing"),
        ("<ul><li>one</li><li>two</li></ul><p>after</p>", "one\ntwo\n\nafter"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>", "a b\nc d"),
        ("<div>block</div><div>block 2</div>inline <span>span</span><b>bold</b>", "block\nblock 2\ninline spanbold"),
        ("<blockquote>quoted<br>text</blockquote>reply", "quoted\ntext\n\nreply"),
        ("<h2>Heading</h2><p>para</p><hr><p>after rule</p>", "Heading\n\npara\n\nafter rule"),
        ("<div><div><div>nested</div></div></div><div>next</div>", "nested\nnext"),
        ("<p>a<!-- hidden comment -->b</p>", "ab"),
        ("<p>tab\tand\u{0B}vertical\u{0C}form\u{0C}feed</p>", "tab and vertical form feed"),
        ("<div>x</div><br><div>y</div>", "x\n\ny"),
        ("<p>😀 emoji and combining e\u{301}</p>", "😀 emoji and combining e\u{301}"),
        ("<P>Upper</P><P>case<BR>tags</P><SCRIPT>no()</SCRIPT>", "Upper\n\ncase\ntags"),
        ("<p>a\u{2003}em\u{3000}ideographic\u{85}next-line\u{200B}zero-width</p>",
         "a em ideographic next-line\u{200B}zero-width"),
        ("<figcaption>cap</figcaption><blockquote>q</blockquote><textarea>t</textarea>", "cap\n\nq\n\nt"),
    ])
    func text(_ html: String, _ expected: String) throws {
        let document = try parse("<html><body>\(html)</body></html>")
        #expect(try bodyText(document) == expected)
    }

    @Test func preformattedTextKeepsItsLayout() throws {
        let document = try parse("<p>Code:</p><pre>let x = 1\n    if x {\n\n  y()\n}</pre><p>done</p>")
        #expect(try bodyText(document) == "Code:\n\nlet x = 1\n    if x {\n\n  y()\n}\n\ndone")
    }

    @Test func lineTextCollapsesEverything() throws {
        let document = try parse("""
            <html><head><title>
               A   title
            </title></head><body><div id="d"><p>One</p><p>two <b>three</b></p><div>four</div>five<br>six
            <script>no()</script><style>.no{}</style>&nbsp;seven</div><h1><span>1</span><span>234</span></h1></body></html>
            """)
        #expect(try document.nodes("//title").first?.lineText == "A title")
        #expect(try document.nodes("//div[@id='d']").first?.lineText == "One two three four five six seven")
        #expect(try document.nodes("//h1").first?.lineText == "1234")
        #expect(Node.collapse("  a \n\n b\t c  ") == "a b c")
        #expect(Node.collapse("") == "")
    }

    @Test func rawTextIsUntouched() throws {
        let document = try parse("<p> a\n  <b>b</b>&amp;</p>")
        #expect(try document.nodes("//p").first?.rawText == " a\n  b&")
    }

    @Test func textOfNonElements() throws {
        let document = try parse("<p title=\" spaced  title \">x<!--c--> y</p>")
        let attribute = try #require(try document.nodes("//p/@title").first)
        #expect(attribute.text == "spaced title")
        #expect(attribute.lineText == "spaced title")
        let textNodes = try document.nodes("//p/text()")
        #expect(textNodes.map(\.text) == ["x", "y"])
        #expect(textNodes.first?.name == "text")
        let comment = try #require(try document.nodes("//comment()").first)
        #expect(comment.name == "comment")
        #expect(comment.rawText == "c")
        #expect(!comment.isElement)
    }

    @Test func attributes() throws {
        let document = try parse("""
            <input disabled data-flag value="a &amp; b" data-x='single "quoted"' title="café “q”" DATA-UPPER="u">
            """)
        let input = try #require(try document.nodes("//input").first)
        #expect(input.attribute("disabled") == "disabled")  // libxml2 gives HTML 4 boolean attributes their name
        #expect(input.attribute("value") == "a & b")
        #expect(input.attribute("data-x") == "single \"quoted\"")
        #expect(input.attribute("title") == "café “q”")
        #expect(input.attribute("data-upper") == "u")
        #expect(input.attribute("data-flag") == "")
        #expect(input.attribute("absent") == nil)
        #expect(input.attribute("") == nil)
    }

    @Test func treeNavigation() throws {
        let document = try parse("<div id=p><b>1</b>text<i>2</i></div>")
        let div = try #require(try document.nodes("//div").first)
        #expect(div.children.map(\.name) == ["b", "text", "i"])
        #expect(div.children.filter(\.isElement).map(\.text) == ["1", "2"])
        #expect(div.children[0].parent == div)
        #expect(div.parent?.name == "body")
        #expect(document.root?.name == "html")
        #expect(document.root?.parent == nil)
        #expect(div.name == "div")
    }
}

@Suite("Inner HTML")
struct InnerHTMLTests {
    static let postBody = """
        <p>Hello <b>world</b> &amp; <i>friends</i> &lt;3 — café “quoted”</p>\
        <blockquote class="quote"><div class="author">Someone wrote:</div>quoted<br>text</blockquote>\
        <p><a href="https://example.com/a?b=1&amp;c=2" title="x &quot;y&quot;">link</a> \
        <img src="/smile.png" alt="smile"></p>\
        <ul><li>one</li><li>two</li></ul><pre>  code\n    indented</pre>
        """

    @Test func innerHTMLRoundTrips() throws {
        let document = try parse("<html><body><div id=\"post\">\(Self.postBody)</div></body></html>")
        let post = try #require(try document.nodes("//div[@id='post']").first)
        let inner = post.innerHTML
        #expect(inner == Self.postBody)
        #expect(!inner.contains("\n<"))  // no pretty-printing newlines added between elements
        // Parsing the serialised markup again gives the same markup and the same text.
        let again = try parse("<html><body><div id=\"post\">\(inner)</div></body></html>")
        let reparsed = try #require(try again.nodes("//div[@id='post']").first)
        #expect(reparsed.innerHTML == inner)
        #expect(reparsed.text == post.text)
        #expect(post.outerHTML == "<div id=\"post\">\(inner)</div>")
    }

    @Test func innerHTMLOfEmptyAndTextNodes() throws {
        let document = try parse("<div id=a></div><p>x &lt; y</p><script>if (a < b && c) {}</script>")
        #expect(try document.nodes("//div").first?.innerHTML == "")
        #expect(try document.nodes("//p").first?.innerHTML == "x &lt; y")
        #expect(try document.nodes("//p/text()").first?.outerHTML == "x &lt; y")
        #expect(try document.nodes("//script").first?.innerHTML == "if (a < b && c) {}")
    }

    @Test func nonASCIIIsWrittenAsCharacters() throws {
        let document = try parse(bytes("<p>caf\u{E9} \u{93}q\u{94}</p>"))
        #expect(try document.nodes("//p").first?.innerHTML == "café “q”")
    }
}
