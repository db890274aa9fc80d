import Extract
import Testing

@Suite("Links")
struct LinksTests {
    static let duThread = "https://www.democraticunderground.com/100220384040"

    static let absoluteCases: [(String, String?, String?)] = [
        // relative forms
        ("/foo/bar", duThread, "https://www.democraticunderground.com/foo/bar"),
        (
            "?com=forum&id=1014&page=2", "https://www.democraticunderground.com/?com=forum&id=1014",
            "https://www.democraticunderground.com/?com=forum&id=1014&page=2"
        ),
        ("item?id=9011641", "https://news.ycombinator.com/news", "https://news.ycombinator.com/item?id=9011641"),
        ("../up", "https://a.com/b/c/d", "https://a.com/b/up"),
        ("./same", "https://a.com/b/c", "https://a.com/b/same"),
        ("../../../../x", "https://a.com/b/c", "https://a.com/x"),
        ("..", "https://a.com/b/c/d", "https://a.com/b/"),
        (".", "https://a.com/b/c/d", "https://a.com/b/c/"),
        ("page.html#frag", "https://a.com/dir/x", "https://a.com/dir/page.html#frag"),
        ("", "https://a.com/dir/x", nil),
        ("x", "https://a.com", "https://a.com/x"),
        (
            "viewtopic.php?t=1&amp;p=2", "http://forum.example.org/viewforum.php?f=3",
            "http://forum.example.org/viewtopic.php?t=1&amp;p=2"
        ),
        // protocol-relative
        ("//example.org/x", "https://a.com/b", "https://example.org/x"),
        ("//example.org/x", "http://a.com/b", "http://example.org/x"),
        ("//example.org", "https://a.com/b", "https://example.org/"),
        // absolute
        ("https://other.com/a b", nil, "https://other.com/a%20b"),
        ("  https://other.com/x\n", nil, "https://other.com/x"),
        ("https://other.com/x\n/y", nil, "https://other.com/x/y"),
        ("HTTPS://Example.COM", nil, "https://example.com/"),
        ("https://example.com/a/./b/../c", nil, "https://example.com/a/c"),
        ("https://bücher.de/straße", nil, "https://xn--bcher-kva.de/stra%C3%9Fe"),
        ("https://example.com/über?q=ü#ä", nil, "https://example.com/%C3%BCber?q=%C3%BC#%C3%A4"),
        ("https://example.com/100%", nil, "https://example.com/100%25"),
        ("https://example.com/a%20b", nil, "https://example.com/a%20b"),
        ("https://example.com/a|b", nil, "https://example.com/a%7Cb"),
        ("https://example.com/a\\b?c\\d", nil, "https://example.com/a/b?c%5Cd"),
        ("https://a.com/x?q=\"quoted\"", nil, "https://a.com/x?q=%22quoted%22"),
        ("ftp://ftp.example.com/file", nil, "ftp://ftp.example.com/file"),
        ("http://[::1]:8080/x", nil, "http://[::1]:8080/x"),
        ("https://user:pw@example.com/", nil, "https://user:pw@example.com/"),
        ("https://example.com./x", nil, "https://example.com/x"),
        ("https://other.com/x", "not a base", "https://other.com/x"),
        // no link
        ("", nil, nil),
        ("   ", "https://a.com/", nil),
        ("#top", "https://a.com/", nil),
        ("javascript:void(0)", "https://a.com/", nil),
        ("JavaScript:alert(1)", "https://a.com/", nil),
        (" java\tscript:alert(1)", "https://a.com/", nil),
        ("mailto:a@b.com", "https://a.com/", nil),
        ("data:text/html,hi", "https://a.com/", nil),
        ("tel:+123", "https://a.com/", nil),
        ("/relative", nil, nil),
        ("/relative", "/also/relative", nil),
        ("/relative", "mailto:a@b.com", nil),
        ("http://", nil, nil),
        ("http:///path", nil, nil),
        ("http://exa mple.com/", nil, nil),
        ("http://exa<mple.com/", nil, nil),
        ("http://example.com:99999/", nil, nil),
        ("http://example.com:80a/", nil, nil),
        ("http://[::1/", nil, nil),
    ]

    @Test("absolute resolves hrefs", arguments: absoluteCases)
    func absolute(href: String, base: String?, expected: String?) {
        #expect(Links.absolute(href, base: base) == expected)
    }

    static let canonicalCases: [(String, String?)] = [
        // the seed's story and links from the corpus
        (
            "https://www.404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police/?ref=daily-stories-newsletter",
            "https://404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police"
        ),
        (
            "https://404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police",
            "https://404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police"
        ),
        (
            "http://blogs.wsj.com/totalreturn/2015/02/06/turbotax-halts-e-filing-of-state-tax-returns/?mod=WSJ_hp_LEFTWhatsNewsCollection",
            "http://blogs.wsj.com/totalreturn/2015/02/06/turbotax-halts-e-filing-of-state-tax-returns"
        ),
        ("http://www.bbc.co.uk/news/technology-31148661", "http://bbc.co.uk/news/technology-31148661"),
        (
            "https://www.quantamagazine.org/20150206-crispr-dna-editor-bacteria/",
            "https://quantamagazine.org/20150206-crispr-dna-editor-bacteria"
        ),
        (
            "https://www.apnews.com/552a440769664062a9927371549e37f8/AP-FACT-CHECK:-Trump-wrong-on-Russia-collusion-question",
            "https://apnews.com/552a440769664062a9927371549e37f8/AP-FACT-CHECK:-Trump-wrong-on-Russia-collusion-question"
        ),
        // scheme, host, port, userinfo, fragment
        ("HTTPS://WWW.Example.COM:443/Path/?b=2&a=1#frag", "https://example.com/Path?a=1&b=2"),
        ("http://example.com:80/", "http://example.com"),
        ("https://example.com:80/", "https://example.com:80"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://user:pw@example.com/x", "https://example.com/x"),
        ("https://www.example.com./", "https://example.com"),
        ("https://example.com", "https://example.com"),
        ("https://example.com/", "https://example.com"),
        ("https://example.com//", "https://example.com"),
        ("https://example.com/Path/To/Article", "https://example.com/Path/To/Article"),
        ("http://example.com/#!/user/status/1", "http://example.com/user/status/1"),
        ("http://lifehacker.com/#!5800000/title", "http://lifehacker.com/5800000/title"),
        ("https://twitter.com/#!/search?q=swift&utm_source=x", "https://twitter.com/search?q=swift"),
        ("https://example.com/page#section-2", "https://example.com/page"),
        // host prefixes
        ("https://m.facebook.com/story.php?story_fbid=1&id=2", "https://facebook.com/story.php?id=2&story_fbid=1"),
        ("https://mobile.twitter.com/user/status/123?s=20&t=abc", "https://twitter.com/user/status/123"),
        ("https://x.com/user/status/123?s=46", "https://x.com/user/status/123"),
        (
            "https://en.m.wikipedia.org/wiki/Swift_(programming_language)",
            "https://en.wikipedia.org/wiki/Swift_(programming_language)"
        ),
        ("https://m.com/x", "https://m.com/x"),
        ("https://www.co/x", "https://www.co/x"),
        // tracking parameters
        ("https://example.com/?utm_source=x&utm_medium=y", "https://example.com"),
        ("https://example.com/a?id=5&utm_campaign=z&fbclid=abc&gclid=1", "https://example.com/a?id=5"),
        ("https://example.com/a?UTM_Source=x&id=5", "https://example.com/a?id=5"),
        ("https://example.com/search?q=a+b&ref=hn", "https://example.com/search?q=a+b"),
        (
            "https://www.nytimes.com/2020/01/01/us/story.html?smid=tw-share",
            "https://nytimes.com/2020/01/01/us/story.html"
        ),
        ("https://www.theguardian.com/x?CMP=share_btn_tw", "https://theguardian.com/x"),
        ("https://youtu.be/abc?si=XYZ", "https://youtu.be/abc"),
        ("https://www.youtube.com/watch?v=abc&feature=share", "https://youtube.com/watch?v=abc"),
        ("https://example.com/watch?feature=x", "https://example.com/watch?feature=x"),
        ("https://example.com/?mod=1", "https://example.com?mod=1"),
        ("https://www.wsj.com/articles/x?mod=hp_lead_pos1&page=2", "https://wsj.com/articles/x?page=2"),
        ("https://example.com/?s=term", "https://example.com?s=term"),
        ("https://example.com/a?mc_cid=1&mc_eid=2&igshid=3&_hsenc=4&mkt_tok=5", "https://example.com/a"),
        // query order and empty pieces
        ("https://example.com/a?z=1&a=2&m=3", "https://example.com/a?a=2&m=3&z=1"),
        ("https://example.com/a?b=2&a=1&b=1", "https://example.com/a?a=1&b=2&b=1"),
        ("https://example.com/?&&a=1&", "https://example.com?a=1"),
        ("http://Example.com/x?b=&a", "http://example.com/x?a&b="),
        ("https://example.com/a?Q=Value&q=value", "https://example.com/a?Q=Value&q=value"),
        // AMP
        (
            "https://www.google.com/amp/s/www.theguardian.com/world/2020/jan/01/story",
            "https://theguardian.com/world/2020/jan/01/story"
        ),
        ("https://www.google.co.uk/amp/s/example.com/news/story.amp", "https://example.com/news/story"),
        ("https://www.google.com/amp/example.com/news/story?x=1", "http://example.com/news/story?x=1"),
        (
            "https://www-theguardian-com.cdn.ampproject.org/c/s/www.theguardian.com/world/story",
            "https://theguardian.com/world/story"
        ),
        ("https://cdn.ampproject.org/c/example.com/x", "http://example.com/x"),
        ("https://cdn.ampproject.org/v/s/example.com/x?amp_js_v=0.1&usqp=mq331AQ", "https://example.com/x"),
        ("https://amp.theguardian.com/world/story", "https://theguardian.com/world/story"),
        ("https://example.com/amp/news/story", "https://example.com/news/story"),
        ("https://example.com/news/story/amp", "https://example.com/news/story"),
        ("https://example.com/news/story/amp/", "https://example.com/news/story"),
        ("https://example.com/news/story.amp", "https://example.com/news/story"),
        ("https://example.com/news/story.amp.html", "https://example.com/news/story.html"),
        ("https://example.com/news/story?amp=1", "https://example.com/news/story"),
        ("https://example.com/news/story?amp", "https://example.com/news/story"),
        ("https://example.com/news/story?outputType=amp&id=3", "https://example.com/news/story?id=3"),
        ("https://example.com/news/story?outputType=html", "https://example.com/news/story?outputType=html"),
        ("https://example.com/news/story?amp=2", "https://example.com/news/story?amp=2"),
        ("https://example.com/amp", "https://example.com/amp"),
        ("https://example.com/ramp/stamp", "https://example.com/ramp/stamp"),
        ("https://www.google.evil.example/amp/s/bank.com/x", "https://google.evil.example/s/bank.com/x"),
        // percent-encoding and paths
        ("https://example.com/%7euser/a%2fb", "https://example.com/~user/a%2Fb"),
        ("https://example.com/a%2fb?q=%e2%82%ac", "https://example.com/a%2Fb?q=%E2%82%AC"),
        ("https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"),
        ("https://example.com/café", "https://example.com/caf%C3%A9"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/a/./b/../c/", "https://example.com/a/c"),
        ("https://bücher.de/", "https://xn--bcher-kva.de"),
        // not a story link
        ("", nil),
        ("not a url", nil),
        ("/relative", nil),
        ("mailto:x@y.z", nil),
        ("ftp://ftp.example.com/x", nil),
        ("javascript:x", nil),
        ("https://", nil),
        ("http://exa mple.com", nil),
    ]

    @Test("canonical story links", arguments: canonicalCases)
    func canonical(url: String, expected: String?) {
        #expect(Links.canonical(url) == expected)
    }

    static let sameStory: [(String, String)] = [
        (
            "https://www.404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police/?ref=daily-stories-newsletter",
            "https://404media.co/emails-reveal-the-casual-surveillance-alliance-between-ice-and-local-police"
        ),
        ("https://example.com/a?x=1&y=2", "https://EXAMPLE.com/a/?y=2&x=1#z"),
        (
            "https://www.google.com/amp/s/www.bbc.co.uk/news/technology-31148661.amp",
            "https://bbc.co.uk/news/technology-31148661"
        ),
        ("https://example.com/%7Euser", "https://example.com/~user"),
    ]

    @Test("the same story canonicalises the same", arguments: sameStory)
    func same(first: String, second: String) throws {
        let one = try #require(Links.canonical(first))
        #expect(one == Links.canonical(second))
        // Canonical forms are fixed points.
        #expect(Links.canonical(one) == one)
    }

    @Test("http and https stay different stories")
    func schemeKept() {
        #expect(Links.canonical("http://example.com/a") != Links.canonical("https://example.com/a"))
    }

    static let externalCases: [(String, String?, Bool)] = [
        ("https://www.404media.co/x", duThread, true),
        ("/100220384040", duThread, false),
        ("?com=forum&id=1014", duThread, false),
        ("https://democraticunderground.com/?com=forum", duThread, false),
        ("https://www.democraticunderground.com/x", "https://democraticunderground.com/", false),
        ("mailto:a@b.c", duThread, false),
        ("javascript:void(0)", duThread, false),
        ("#top", duThread, false),
        ("https://news.ycombinator.com/item?id=1", "https://news.ycombinator.com/news", false),
        ("https://blog.ycombinator.com/x", "https://news.ycombinator.com/news", true),
        ("//cdn.example.net/x.js", "https://example.com/", true),
        ("https://example.com", nil, true),
        ("/x", nil, false),
        ("https://EXAMPLE.com/x", "https://example.com/", false),
        ("https://m.example.com/x", "https://www.example.com/", false),
        ("https://example.com/x", "garbage", true),
    ]

    @Test("external links point off the forum", arguments: externalCases)
    func external(url: String, page: String?, expected: Bool) {
        #expect(Links.isExternal(url, pageURL: page) == expected)
    }
}
