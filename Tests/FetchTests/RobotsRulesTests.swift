import Testing

@testable import Fetch

@Suite("robots.txt rules (RFC 9309)")
struct RobotsRulesTests {
    static let file = """
        User-agent: *
        Disallow: /

        # Our own group, split over two user-agent lines and two groups.
        User-agent: googlebot
        User-agent: Threadkeeper/0.1
        Disallow: /forum/private
        Allow: /forum/private/public-notes
        Disallow: /*.json$
        Disallow: /search?q=
        Allow: /fish*.php
        Disallow: /page$
        Crawl-delay: 2.5

        Sitemap: https://example.org/sitemap.xml

        user-agent: THREADKEEPER
        disallow: /tmp/
        crawl-delay: 1
        """

    static let rules = RobotsRules(parsing: file, productToken: "threadkeeper")

    @Test(
        "paths are allowed or disallowed by the longest matching rule",
        arguments: [
            ("/", true),  // our group has no rule for "/": the * group does not apply
            ("/forum/private", false),
            ("/forum/private/x", false),
            ("/forum/private/public-notes/1", true),  // longer Allow wins
            ("/forum/privateer", false),  // rules match prefixes
            ("/data/thread.json", false),
            ("/data/thread.json?x=1", true),  // $ anchors the end
            ("/search?q=swift", false),
            ("/search?page=2", true),
            ("/fish.php", true),
            ("/fishheads/catfish.php?id=1", true),
            ("/page", false),
            ("/page/2", true),
            ("/tmp/a", false),  // from the second group for the same agent
            ("/robots.txt", true),
        ])
    func decisions(_ path: String, _ allowed: Bool) {
        #expect(Self.rules.allows(path) == allowed)
    }

    @Test("the groups naming the product token are combined; Crawl-delay is the longest given")
    func groupSelection() {
        #expect(Self.rules.group == "threadkeeper")
        #expect(Self.rules.crawlDelay == .milliseconds(2500))
        #expect(Self.rules.rules.count == 7)
    }

    @Test("without a group for us, the * group applies")
    func starGroup() {
        let rules = RobotsRules(parsing: Self.file, productToken: "otherbot")
        #expect(rules.group == "*")
        #expect(!rules.allows("/anything"))
        #expect(rules.allows("/robots.txt"))
        #expect(rules.crawlDelay == nil)
    }

    @Test("Allow wins a tie of equal length")
    func allowWinsTie() {
        let rules = RobotsRules(parsing: "User-agent: *\nDisallow: /page\nAllow: /page\n", productToken: "threadkeeper")
        #expect(rules.allows("/page"))
        #expect(rules.decidingRule(for: "/page")?.allows == true)
    }

    @Test("an empty Disallow allows everything; an empty file allows everything")
    func emptyRules() {
        #expect(RobotsRules(parsing: "User-agent: *\nDisallow:\n", productToken: "threadkeeper").allows("/x"))
        #expect(RobotsRules(parsing: "", productToken: "threadkeeper").allows("/x"))
        #expect(RobotsRules(parsing: "garbage\n\u{0}\nmore", productToken: "threadkeeper").allows("/x"))
    }

    @Test("rules before any User-agent line are ignored; CRLF and comments are handled")
    func looseFormatting() {
        let text = "Disallow: /early\r\nUser-agent: threadkeeper # us\r\nDisallow: /late # comment\r\n"
        let rules = RobotsRules(parsing: text, productToken: "threadkeeper")
        #expect(rules.allows("/early"))
        #expect(!rules.allows("/late/x"))
    }

    @Test(
        "percent-encoding is compared canonically",
        arguments: [
            ("/caf%C3%A9", "/café", false),
            ("/a%2fb", "/a%2Fb", false),  // reserved escapes stay encoded, hex case does not matter
            ("/%7Euser", "/~user/x", false),  // escapes of unreserved characters are decoded
            ("/a%2Fb", "/a/b", true),  // an encoded slash is not a slash
        ])
    func percentEncoding(_ pattern: String, _ path: String, _ allowed: Bool) {
        let rules = RobotsRules(parsing: "User-agent: *\nDisallow: \(pattern)\n", productToken: "threadkeeper")
        #expect(rules.allows(path) == allowed)
    }

    @Test(
        "wildcard matching",
        arguments: [
            ("/*", "/", true), ("/a*c", "/abc", true), ("/a*c", "/ab", false), ("/a*c$", "/abcd", false),
            ("/a*c$", "/abcc", true), ("*.php$", "/x/y.php", true), ("/**/x", "/a/b/x", true),
            ("/$", "/", true), ("/$", "/a", false), ("/a*b*c", "/aXbYc", true), ("/a*b*c", "/aXcYb", false),
        ])
    func wildcards(_ pattern: String, _ path: String, _ matches: Bool) {
        #expect(
            RobotsRules.matches(pattern: RobotsRules.normalize(pattern), path: RobotsRules.normalize(path)) == matches)
    }

    @Test("policies give a refusal naming the rule, or the unavailability")
    func policies() {
        let policy = RobotsPolicy.rules(Self.rules)
        let refusal = policy.refusal(for: "/forum/private")
        #expect(refusal?.code == .disallowedByRobots)
        #expect(
            refusal?.detail == "disallowed by robots.txt rule 'Disallow: /forum/private' for user-agent 'threadkeeper'")
        #expect(policy.refusal(for: "/forum") == nil)
        #expect(RobotsPolicy.allowAll.refusal(for: "/x") == nil)
        let unavailable = RobotsPolicy.disallowAll("robots.txt unavailable").refusal(for: "/x")
        #expect(unavailable?.code == .disallowedByRobots)
        #expect(unavailable?.detail == "disallowed: robots.txt unavailable")
        #expect(RobotsPolicy.unreachable(.timedOut, "robots.txt unreachable").refusal(for: "/")?.code == .timedOut)
        #expect(policy.crawlDelay == .milliseconds(2500))
    }
}
