@testable import HTML
import Testing

/// The one XPath lexer: what the checks, the rewrites and `FastPath` read.
struct XPathTokenTests {
    @Test func splitsAnExpressionIntoTokens() {
        let source = "(.//a[@href != \"x\"])[1]/.. | count(*) >= .5"
        let kinds = XPathToken.tokens(in: source).map(\.kind)
        #expect(
            kinds == [
                .symbol("("), .symbol("."), .symbol("//"), .name("a"), .symbol("["), .symbol("@"), .name("href"),
                .symbol("!="), .literal(Array("x".utf8)), .symbol("]"), .symbol(")"), .symbol("["), .number("1"),
                .symbol("]"), .symbol("/"), .symbol(".."), .symbol("|"), .name("count"), .symbol("("), .symbol("*"),
                .symbol(")"), .symbol(">="), .number(".5"),
            ])
        // Ranges are UTF-8 offsets into the source.
        let tokens = XPathToken.tokens(in: "//é[@x]")
        #expect(tokens.map(\.range) == [0..<2, 2..<4, 4..<5, 5..<6, 6..<7, 7..<8])
    }

    /// XPath 1.0 §3.7: after an operand, `*` multiplies and a name is an operator.
    @Test(arguments: [
        ("//div[a and b]", "and", true), ("//and", "and", false), ("//p[and]", "and", false),
        ("a or b", "or", true), ("//*", "*", false), ("count(x) * 2", "*", true), ("@*", "*", false),
        ("child::*", "*", false), ("2 div 1", "div", true), ("x/div", "div", false),
    ] as [(String, String, Bool)])
    func tellsOperatorsFromNames(_ source: String, _ text: String, _ isOperator: Bool) throws {
        let tokens = XPathToken.tokens(in: source)
        let token = try #require(tokens.last { $0.kind == .name(text) || $0.kind == .symbol(text) })
        #expect(token.followsOperand == isOperator)
    }

    @Test func keepsWhatIsNotXPath() {
        #expect(XPathToken.tokens(in: "a'b").map(\.kind) == [.name("a"), .unterminatedLiteral])
        #expect(XPathToken.tokens(in: "a # $b").map(\.kind) == [.name("a"), .other, .symbol("$"), .name("b")])
    }
}
