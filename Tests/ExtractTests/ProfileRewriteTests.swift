@testable import Extract
import CorpusSupport
import Foundation
import HTML
import Testing

/// The XPath rewrites that make profiles run faster (`XPathRewrite` in `HTML`) must never change what a
/// profile's expression selects.
struct ProfileRewriteTests {
    /// Every XPath of the profile that reads each corpus page, at every node it is evaluated from (the
    /// document, each post, row or comment), selects the same nodes in the same order, or the same value,
    /// as written and as rewritten.
    @Test(.enabled(if: Corpus.isAvailable, Corpus.skipReason), arguments: Corpus.labels)
    func rewrittenProfilesSelectTheSame(_ label: Corpus.Label) throws {
        let profiles = try ProfileSet.builtIn()
        let document = try HTMLDocument(bytes: try Corpus.bytes(label.file), url: label.url)
        let profile = try #require(ProfileDetector(profiles: profiles).best(for: document, url: label.url)?.profile)
        var checked = 0
        var fastCount = 0

        func compare(_ source: String, at node: Node?, field: String) throws {
            let original = try XPathExpression(source)
            let compiled = try #require(CompiledXPath.shared(source).expression, "\(field) does not compile")
            let expected = try document.evaluate(original, at: node)
            let actual = try document.evaluate(compiled, at: node)
            #expect(Self.same(expected, actual), "\(label.file): \(field): \(source)")
            if let fast = CompiledXPath.shared(source).fast {
                let all = try #require(document.evaluate(fast, at: node), "\(field): gave up")
                #expect(Self.same(expected, all), "fast: \(label.file): \(field): \(source)")
                let first = try #require(document.evaluate(fast, at: node, limit: 1))
                if fast.selectsNodes {
                    #expect(first.nodes == Array(expected.nodes.prefix(1)), "fast first: \(label.file): \(field): \(source)")
                } else {
                    #expect(Self.same(expected, first), "fast: \(label.file): \(field): \(source)")
                }
                fastCount += 1
            }
            checked += 1
        }
        func nodes(_ source: String, at node: Node?) throws -> [Node] {
            try document.evaluate(XPathExpression(source), at: node).nodes
        }
        func comparePosts(_ rules: PostRules, path: String, contexts: [Node?]) throws {
            var posts: [Node] = []
            for context in contexts {
                try compare(rules.node, at: context, field: "\(path).node")
                posts += try nodes(rules.node, at: context)
            }
            for post in posts {
                for xpath in [rules.exclude, rules.hidden].compactMap({ $0 }) {
                    try compare(xpath, at: post, field: path)
                }
                for (name, field) in rules.namedFields {
                    for xpath in field.xpaths { try compare(xpath, at: post, field: "\(path).\(name)") }
                }
            }
            if let comments = rules.comments?.value {
                try comparePosts(comments, path: "\(path).comments", contexts: posts)
            }
        }

        for marker in profile.detect.markers + profile.detect.listing {
            try compare(marker, at: nil, field: "detect")
        }
        if let thread = profile.thread {
            for (name, field) in thread.namedFields {
                for xpath in field.xpaths { try compare(xpath, at: nil, field: "thread.\(name)") }
            }
            for (index, rules) in thread.posts.enumerated() {
                try comparePosts(rules, path: "thread.posts[\(index)]", contexts: [nil])
            }
        }
        if let listing = profile.listing {
            try compare(listing.rows, at: nil, field: "listing.rows")
            for row in try nodes(listing.rows, at: nil) {
                if let exclude = listing.exclude { try compare(exclude, at: row, field: "listing.exclude") }
                for (name, field) in listing.namedFields {
                    let context: Node? = name == "title" || name == "nextPage" ? nil : row
                    for xpath in field.xpaths { try compare(xpath, at: context, field: "listing.\(name)") }
                }
            }
        }
        #expect(checked > 0)
        #expect(fastCount > 0)
    }

    private static func same(_ lhs: XPathValue, _ rhs: XPathValue) -> Bool {
        switch (lhs, rhs) {
        case (.nodes(let a), .nodes(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.number(let a), .number(let b)): a == b || (a.isNaN && b.isNaN)
        default: false
        }
    }
}
