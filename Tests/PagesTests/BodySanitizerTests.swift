import Foundation
import Pages
import Testing

@Suite("Body sanitiser: ordinary markup, links, images, depth")
struct BodySanitizerTests {
    static let base = "https://forum.example/t/1"
    let sanitizer = BodySanitizer()

    func clean(_ html: String, images: Bool = false) -> String {
        BodySanitizer(allowRemoteImages: images).sanitize(html, baseURL: Self.base)
    }

    static let ordinaryMarkup: [String] = [
        "<blockquote cite=\"https://news.example/a\"><p>quoted <q>words</q></p></blockquote><p>reply</p>",
        "<ul><li>one</li><li>two <ul><li>nested</li></ul></li></ul><ol start=\"3\"><li>three</li></ol>",
        "<dl><dt>term</dt><dd>meaning</dd></dl>",
        "<pre><code>let x = 1 &lt; 2 &amp;&amp; y &gt; 3;\n    indented\n</code></pre><p>inline <code>a[i]</code></p>",
        "<p><b>bold</b> <strong>strong</strong> <i>italic</i> <em>em</em> <u>u</u> <s>s</s> <sub>2</sub><sup>3</sup></p>",
        "<table><tbody><tr><th colspan=\"2\">head</th></tr><tr><td>1</td><td rowspan=\"2\">2</td></tr></tbody></table>",
        "line one<br>line two<br><br>after a blank line",
        "<p>caf\u{E9} \u{2014} \u{65E5}\u{672C}\u{8A9E} &amp; \u{1F600} \u{A0}nbsp \"quotes\"</p>",
        "<h3>Heading</h3><hr><p>after</p>",
        "<details><summary>Spoiler</summary><p>hidden</p></details>",
        "<p><del>old</del> <ins>new</ins> <abbr title=\"HyperText\">HTML</abbr> <kbd>Ctrl</kbd></p>",
        "<a href=\"https://news.example/story\" rel=\"nofollow noopener noreferrer\">a story</a>",
    ]

    @Test("ordinary forum markup survives intact", arguments: ordinaryMarkup)
    func ordinaryMarkupSurvives(_ html: String) {
        #expect(clean(html) == html)
    }

    @Test func linksAreResolvedAndMarked() {
        #expect(
            clean("<a href=\"/t/2?page=3#p-5\" title=\"next\" target=\"_blank\" class=\"x\">next</a>")
                == "<a href=\"https://forum.example/t/2?page=3#p-5\" title=\"next\" rel=\"nofollow noopener noreferrer\">next</a>")
        #expect(
            clean("<a href=\"mailto:someone@example.org\">mail</a>")
                == "<a href=\"mailto:someone@example.org\" rel=\"nofollow noopener noreferrer\">mail</a>")
        // A link that cannot be kept leaves its text.
        #expect(clean("<p><a href=\"javascript:alert(1)\">text</a></p>") == "<p>text</p>")
        #expect(clean("<a name=\"anchor\">anchor</a>") == "anchor")
        #expect(sanitizer.sanitize("<a href=\"relative\">r</a>", baseURL: nil) == "r")
    }

    @Test("link addresses", arguments: [
        ("/t/2", "https://forum.example/t/2"),
        ("../a/./b?x=1#f", "https://forum.example/a/b?x=1#f"),
        ("other", "https://forum.example/t/other"),
        ("//cdn.example/x.png", "https://cdn.example/x.png"),
        ("\\\\cdn.example\\x.png", "https://cdn.example/x.png"),
        ("#p5", "https://forum.example/t/1#p5"),
        ("?page=2", "https://forum.example/t/1?page=2"),
        ("HTTPS://Example.com/A B\u{E9}", "https://Example.com/A%20B%C3%A9"),
        ("  https://example.com/x\t\n  ", "https://example.com/x"),
        ("https://a.example/\"><script>", "https://a.example/%22%3E%3Cscript%3E"),
        ("javascript:alert(1)", nil), ("JaVaScRiPt:alert(1)", nil), (" \t javascript:alert(1)", nil),
        ("java\tscript:alert(1)", nil), ("java\nscript:alert(1)", nil), ("\u{1}\u{2}javascript:alert(1)", nil),
        ("data:text/html,<script>", nil), ("DATA:image/png;base64,AAAA", nil), ("vbscript:msgbox(1)", nil),
        ("file:///etc/passwd", nil), ("ftp://files.example/x", nil), ("http:relative", nil), ("https:///x", nil),
        ("", nil), ("   ", nil),
    ] as [(String, String?)])
    func linkAddresses(_ href: String, _ expected: String?) {
        let html = clean("<a href=\"\(href.replacingOccurrences(of: "\"", with: "&quot;"))\">x</a>")
        if let expected {
            let escaped = expected.replacingOccurrences(of: "&", with: "&amp;")
            #expect(html == "<a href=\"\(escaped)\" rel=\"nofollow noopener noreferrer\">x</a>")
        } else {
            #expect(html == "x")
        }
    }

    @Test func imagesBecomeLinksUnlessAllowed() {
        #expect(
            clean("<p><img src=\"/i/cat.png\" alt=\" A cat \" onerror=\"x()\"></p>")
                == "<p><a href=\"https://forum.example/i/cat.png\" rel=\"nofollow noopener noreferrer\"><span class=\"remote-image\">A cat</span></a></p>")
        #expect(
            clean("<img src=\"https://img.example/x.png\" title=\"t\">")
                == "<a href=\"https://img.example/x.png\" title=\"t\" rel=\"nofollow noopener noreferrer\"><span class=\"remote-image\">image</span></a>")
        // Inside a link, no link in a link: the marked span alone.
        #expect(
            clean("<a href=\"https://a.example/\"><img src=\"https://img.example/x.png\" alt=\"logo\"></a>")
                == "<a href=\"https://a.example/\" rel=\"nofollow noopener noreferrer\"><span class=\"remote-image\">logo</span></a>")
        #expect(
            clean("<img src=\"https://img.example/x.png\" alt=\"c\" width=\"10\" height=\"50%\" style=\"x\" onload=\"y\">", images: true)
                == "<img src=\"https://img.example/x.png\" alt=\"c\" width=\"10\" height=\"50%\" loading=\"lazy\" referrerpolicy=\"no-referrer\">")
        #expect(clean("<img src=\"javascript:alert(1)\" alt=\"x\">", images: true) == "<span class=\"remote-image\">x</span>")
        #expect(clean("<img src=\"data:image/png;base64,AAAA\">") == "<span class=\"remote-image\">image</span>")
        #expect(clean("<img src=\"x.png\" width=\"10px\" height=\"-1\">", images: true).contains("width") == false)
    }

    @Test func disallowedElementsAreUnwrappedOrDropped() {
        #expect(
            clean("<font color=\"red\">red</font> <span style=\"x\">span</span> <x-foo>custom</x-foo>")
                == "red span custom")
        #expect(clean("<center>centred</center><section><p>s</p></section>") == "<div>centred</div><div><p>s</p></div>")
        #expect(clean("<p>a<script>alert(1)</script>b<style>p{}</style>c<!-- note -->d</p>") == "<p>abcd</p>")
        #expect(clean("<p class=\"c\" id=\"i\" style=\"color:red\" onclick=\"x()\" data-x=\"1\">t</p>") == "<p>t</p>")
        #expect(clean("<form><p>in a form</p><input value=\"v\"></form><p>after</p>") == "<p>after</p>")
        #expect(clean("") == "")
        #expect(clean("   ") == "   ")
        #expect(clean("plain & simple < text >") == "plain &amp; simple &lt; text &gt;")
    }

    @Test func deepNestingIsFlattenedWithoutExhaustingTheStack() {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        let output = clean(html)
        #expect(OutputCheck.problems(output) == [])
        #expect(OutputCheck.depth(output) <= BodySanitizer.maximumDepth)
        #expect(output.contains("deep"))
        #expect(clean(output) == output)
        let unclosed = String(repeating: "<blockquote><b>", count: 5_000) + "x"
        let flattened = clean(unclosed)
        #expect(OutputCheck.problems(flattened) == [])
        #expect(OutputCheck.depth(flattened) <= BodySanitizer.maximumDepth)
    }

    /// Markup the parser rebuilds once unwrapping changed it (a block left in a paragraph, blanks in a list)
    /// still comes out in a form that sanitises to itself.
    @Test("restructured markup is idempotent", arguments: [
        "<p><font><div>x</div></font></p>",
        "<ul><span></span> <li>a</li> <font> </font><li>b</li></ul>",
        "<div><br><span> </span><b>x</b></div>",
        "<table><form><tr><td>c</td></tr></form> <font>t</font></table>",
        "<p>a<section>b</section>c</p>",
        "<a href=\"https://a.example/\">a<img src=\"https://i.example/i.png\"> <div>b</div></a>",
        "<b><i>x</b></i><p><p>y",
    ])
    func restructuredMarkupIsIdempotent(_ html: String) {
        for images in [false, true] {
            let once = clean(html, images: images)
            #expect(clean(once, images: images) == once)
            #expect(OutputCheck.problems(once) == [])
        }
    }
}
