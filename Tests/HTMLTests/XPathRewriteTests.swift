@testable import HTML
import Testing

/// The XPath rewrites that make profiles run faster must never change what an expression selects; the
/// profiles of the corpus are compared as written and as rewritten in `ProfileRewriteTests` (Extract).
struct XPathRewriteTests {
    @Test(
        "`//name[p]` becomes `/descendant::name[p]` when no predicate depends on position",
        arguments: [
            (".//div[contains(@class,'x')]", "./descendant::div[contains(@class,'x')]"),
            ("//article[contains(@class,'m')][@data-content or starts-with(@id,'js-post-')]",
             "/descendant::article[contains(@class,'m')][@data-content or starts-with(@id,'js-post-')]"),
            (".//*[@id='a']//a[contains(@href,'x')]/@href",
             "./descendant::*[@id='a']/descendant::a[contains(@href,'x')]/@href"),
            ("(.//time[contains(@class,'u-dt')])[1]", "(./descendant::time[contains(@class,'u-dt')])[1]"),
            (".//li[.//span[@class='a']]", "./descendant::li[./descendant::span[@class='a']]"),
            ("//tr[td]", "/descendant::tr[td]"),
            ("//tr[td[@class='title']/a]", "/descendant::tr[td[@class='title']/a]"),
            ("//p[not(@hidden)]", "/descendant::p[not(@hidden)]"),
            ("//p[count(a) > 1]", "/descendant::p[count(a) > 1]"),
            ("//p[text()]", "/descendant::p[text()]"),
            ("//div[following-sibling::tr[1]/td]", "/descendant::div[following-sibling::tr[1]/td]"),
            ("//a[contains(@x,'//b[c]')]", "/descendant::a[contains(@x,'//b[c]')]"),
        ] as [(String, String)])
    func rewritesPositionFreeSteps(_ source: String, _ expected: String) {
        #expect(XPathRewrite.descendantSteps(in: source) == expected)
    }

    @Test(
        "steps whose predicates may depend on position, or that libxml2 already walks well, stay as written",
        arguments: [
            ".//div[1]", "//li[last()]", "//li[position() < 3]", ".//a[contains(@class,'x')][1]",
            "//tr[@id][2]", "//p[count(a)]", "//p[.5]", "//p[-1]", "//p[a * 2]", "//p[(1)]",
            "//p[string-length(@id)]", "//p[a | b]", ".//div", "//*", ".//text()", "//@href",
            "//descendant::a[@x]", "'//a[@x]'", "//p[@last]", "concat('//a[', @x, ']')",
        ])
    func keepsOtherSteps(_ source: String) {
        #expect(XPathRewrite.descendantSteps(in: source) == nil)
    }

    @Test("class-token tests are guarded by the substring test they imply")
    func guardsTokenTests() {
        #expect(
            XPathRewrite.guardedTokenTests(in: "//div[contains(concat(' ',normalize-space(@class),' '),' thing ')]")
                == "//div[(contains(@class,'thing') and contains(concat(' ',normalize-space(@class),' '),' thing '))]")
        #expect(
            XPathRewrite.guardedTokenTests(
                in: "not(contains(concat(' ', normalize-space(@class), ' '), ' a-b '))")
                == "not((contains(@class,'a-b') and contains(concat(' ', normalize-space(@class), ' '), ' a-b ')))")
        // A token with a space in it, and text inside a literal, are left alone.
        #expect(XPathRewrite.guardedTokenTests(in: "contains(concat(' ',normalize-space(@class),' '),' a b ')") == nil)
        #expect(
            XPathRewrite.guardedTokenTests(in: "concat(\"contains(concat(' ',normalize-space(@class),' '),' t ')\", @x)")
                == nil)
    }
}
