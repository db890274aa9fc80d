import HTML
import Testing

/// The attributes of later `<html>` and `<body>` start tags, which libxml2 2.9 drops and browsers merge
/// into the elements (HTML5: "for each attribute on the token, if the element doesn't have it, add it").
@Suite("Late <html> and <body> attributes")
struct StartTagAttributeTests {
    static func body(_ html: String) throws -> Node {
        try #require(try parse(html).nodes("/html/body").first)
    }

    @Test("content in <head> opens an implied body; the real <body>'s attributes still reach it")
    func divInHead() throws {
        let body = try Self.body(
            "<html><head><title>t</title><div id=banner>hi</div></head>"
                + "<body id=\"phpbb\" class=\"section-viewtopic ltr\" data-forum=\"7\"><p>post</p></body></html>")
        #expect(body.attribute("id") == "phpbb")
        #expect(body.attribute("class") == "section-viewtopic ltr")
        #expect(body.attribute("data-forum") == "7")
        #expect(body.text.contains("hi") && body.text.contains("post"))
    }

    @Test("attributes already on the element win; the ones it lacks are added")
    func existingAttributesWin() throws {
        let body = try Self.body("<body id=first><p>x</p><body id=second class=late><body class=later data-x=3>")
        #expect(body.attribute("id") == "first")
        #expect(body.attribute("class") == "late")
        #expect(body.attribute("data-x") == "3")
    }

    @Test func lateHTMLTag() throws {
        let document = try parse("<html lang=en><body><p>x</p><html lang=fr class=js data-theme=dark></body></html>")
        let root = try #require(document.root)
        #expect(root.attribute("lang") == "en")
        #expect(root.attribute("class") == "js")
        #expect(root.attribute("data-theme") == "dark")
    }

    @Test("the first of a repeated attribute counts; names are lower-cased; values of every quoting")
    func attributeSyntax() throws {
        let body = try Self.body(
            "<head><meta charset=utf-8><span>x</span></head><BODY ID='a>b' Class=plain id=ignored data-empty "
                + "title = \"spaced\"/>")
        #expect(body.attribute("id") == "a>b")
        #expect(body.attribute("class") == "plain")
        #expect(body.attribute("data-empty") == "")
        #expect(body.attribute("title") == "spaced")
    }

    @Test func characterReferencesInValues() throws {
        let body = try Self.body(
            "<head><div>x</div></head><body class=\"a&amp;b &#x41;&#66; &eacute; &nosuch; &amp\" data-x=&lt;>")
        #expect(body.attribute("class") == "a&b AB é &nosuch; &amp")
        #expect(body.attribute("data-x") == "<")
    }

    @Test(
        "a <body> inside a comment, script, style or textarea is text, not a tag",
        arguments: [
            "<!-- <body id=no> -->", "<!----><body-x id=no>", "<script>var s = '<body id=no>';</script>",
            "<style>/* <body id=no> */</style>", "<textarea><body id=no></textarea>",
            "<SCRIPT>document.write(\"</scr\" + \"ipt><body id=no>\")</SCRIPT >",
        ])
    func bodyInTextIsNotATag(_ text: String) throws {
        let body = try Self.body("<html><head>\(text)<div>x</div></head><body class=real><p>y</p></body></html>")
        #expect(body.attribute("class") == "real")
        #expect(body.attribute("id") == nil)
    }

    @Test(
        "a <body> in text after the posts is still text; a real one there still counts",
        arguments: [
            ("<!-- <body id=no> -->", nil), ("<script>'<body id=no>'</script>", nil),
            ("<a title='<body id=no>'>t</a>", nil), ("<body id=yes>", "yes"), ("<BODY\nid=yes />", "yes"),
        ] as [(String, String?)])
    func lateCandidates(_ text: String, _ id: String?) throws {
        let posts = String(repeating: "<div class=post><p>words &lt;body&gt;</p></div>", count: 50)
        let body = try Self.body("<html><head><div>x</div></head><body class=real>\(posts)\(text)</body></html>")
        #expect(body.attribute("class") == "real")
        #expect(body.attribute("id") == id)
    }

    @Test("a page whose only <body> tag made the element is unchanged")
    func ordinaryPage() throws {
        let html = "<html lang=en><head><title>t</title></head><body id=a class=b><p>x</p></body></html>"
        let document = try parse(html)
        #expect(try #require(document.root).outerHTML.contains("<body id=\"a\" class=\"b\">"))
    }
}
