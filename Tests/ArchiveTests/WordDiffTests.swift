import Archive
import Testing
import TestSupport

@Suite("Word diff")
struct WordDiffTests {
    /// The old text: every `.same` and `.removed` run in order.
    private static func old(_ changes: [WordDiff.Change]) -> String {
        changes.reduce(into: "") { text, change in
            switch change {
            case .same(let run), .removed(let run): text += run
            case .added: break
            }
        }
    }

    /// The new text: every `.same` and `.added` run in order.
    private static func new(_ changes: [WordDiff.Change]) -> String {
        changes.reduce(into: "") { text, change in
            switch change {
            case .same(let run), .added(let run): text += run
            case .removed: break
            }
        }
    }

    /// Checks that `changes` rebuild both texts byte for byte and that no two neighbours could be merged.
    private static func expectWellFormed(
        _ changes: [WordDiff.Change], old: String, new: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(Array(Self.old(changes).utf8) == Array(old.utf8), sourceLocation: sourceLocation)
        #expect(Array(Self.new(changes).utf8) == Array(new.utf8), sourceLocation: sourceLocation)
        for (left, right) in zip(changes, changes.dropFirst()) {
            switch (left, right) {
            case (.same, .same), (.removed, .removed), (.added, .added), (.added, .removed):
                Issue.record("unmerged neighbours \(left), \(right)", sourceLocation: sourceLocation)
            default: break
            }
        }
        for change in changes {
            switch change {
            case .same(let run), .removed(let run), .added(let run):
                #expect(!run.isEmpty, "empty run in \(changes)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func identicalTextsAreOneSameRun() {
        let text = "The quick brown fox, jumping.  Twice!"
        #expect(WordDiff.diff(text, text) == [.same(text)])
        #expect(WordDiff.diff("", "") == [])
    }

    @Test func emptyAgainstText() {
        #expect(WordDiff.diff("", "new words here") == [.added("new words here")])
        #expect(WordDiff.diff("old words", "") == [.removed("old words")])
    }

    @Test func insertionInTheMiddle() {
        let changes = WordDiff.diff("the quick fox", "the quick brown fox")
        #expect(changes == [.same("the quick "), .added("brown "), .same("fox")])
    }

    @Test func replacedWord() {
        let changes = WordDiff.diff("I read the story today.", "I read the article today.")
        #expect(changes == [.same("I read the "), .removed("story"), .added("article"), .same(" today.")])
    }

    @Test func removedWords() {
        let changes = WordDiff.diff("one two three four", "one four")
        #expect(changes == [.same("one "), .removed("two three "), .same("four")])
        Self.expectWellFormed(changes, old: "one two three four", new: "one four")
    }

    @Test func punctuationAndSpacingArePreserved() {
        let old = "Hello,  world!\n\nIs it   \"new\"?"
        let new = "Hello;  world!\n\nIs it \"new\"?!"
        let changes = WordDiff.diff(old, new)
        #expect(
            changes == [
                .same("Hello"), .removed(","), .added(";"), .same("  world!\n\nIs it"), .removed("   "),
                .added(" "), .same("\"new\"?"), .added("!"),
            ])
        Self.expectWellFormed(changes, old: old, new: new)
    }

    @Test func apostrophesJoinWords() {
        let changes = WordDiff.diff("I don't know 'why'", "I didn't know 'why'")
        #expect(changes == [.same("I "), .removed("don't"), .added("didn't"), .same(" know 'why'")])
    }

    @Test func unicodeWords() {
        let old = "Café au lait — 東京 😀 naïve"
        let new = "Café sans lait — 京都 😀😀 naïve"
        let changes = WordDiff.diff(old, new)
        #expect(
            changes == [
                .same("Café "), .removed("au"), .added("sans"), .same(" lait — "), .removed("東京"), .added("京都"),
                .same(" "), .added("😀"), .same("😀 naïve"),
            ])
        Self.expectWellFormed(changes, old: old, new: new)
    }

    @Test func canonicallyEquivalentWordsAreStillAChange() {
        // "é" precomposed and "e" + combining acute are equal Swift strings but different bytes.
        let changes = WordDiff.diff("caf\u{E9} ok", "cafe\u{301} ok")
        #expect(changes == [.removed("caf\u{E9}"), .added("cafe\u{301}"), .same(" ok")])
        Self.expectWellFormed(changes, old: "caf\u{E9} ok", new: "cafe\u{301} ok")
    }

    @Test func randomPairsRebuildBothTexts() {
        var random = SeededGenerator(seed: 0xD1FF)
        let words = ["a", "the", "fox", "Fox", "é", "東京", "😀", "don't", "x1", "", "", ""]
        let gaps = [" ", "  ", "\n", ", ", ". ", "!", "\t", "-", "'", "’", "\u{2028}", "e\u{301}"]
        func text(_ length: Int) -> String {
            (0..<length).reduce(into: "") { text, _ in
                text += words[Int(random.next() % UInt64(words.count))]
                text += gaps[Int(random.next() % UInt64(gaps.count))]
            }
        }
        for round in 0..<300 {
            let old = text(Int(random.next() % 30))
            var new = old
            // Mostly edits of the old text, sometimes an unrelated one.
            if round % 5 == 0 {
                new = text(Int(random.next() % 30))
            } else {
                for _ in 0..<Int(random.next() % 4) {
                    let cut = Int(random.next() % UInt64(new.count + 1))
                    let index = new.index(new.startIndex, offsetBy: cut)
                    if random.next() % 2 == 0, index < new.endIndex {
                        new.remove(at: index)
                    } else {
                        new.insert(contentsOf: text(1), at: index)
                    }
                }
            }
            Self.expectWellFormed(WordDiff.diff(old, new), old: old, new: new)
            // A tight cost limit must still give a correct (if longer) diff.
            Self.expectWellFormed(WordDiff.diff(old, new, costLimit: 2), old: old, new: new)
        }
    }

    @Test func tokensCoverTheText() {
        let tokens = WordDiff.tokens(of: "Don't  stop,\n'now' x2 😀😀 e\u{301}t\u{E9}")
        let expected: [Substring] = [
            "Don't", "  ", "stop", ",", "\n", "'", "now", "'", " ", "x2", " ", "😀", "😀", " ", "e\u{301}t\u{E9}",
        ]
        #expect(tokens == expected)
    }

    @Test func scriptsAreShortest() {
        // Against the textbook O(NM) longest common subsequence: Myers' script has n + m - 2·LCS edits.
        var random = SeededGenerator(seed: 7)
        let pieces = ["a", "b", "c", " ", ",", "dd"]
        func text() -> String {
            (0..<Int(random.next() % 16)).reduce(into: "") { text, _ in
                text += pieces[Int(random.next() % UInt64(pieces.count))]
            }
        }
        for _ in 0..<200 {
            let old = text()
            let new = text()
            let a = WordDiff.tokens(of: old).map { Array($0.utf8) }
            let b = WordDiff.tokens(of: new).map { Array($0.utf8) }
            var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            let changes = WordDiff.diff(old, new)
            Self.expectWellFormed(changes, old: old, new: new)
            let edits = changes.reduce(0) { count, change in
                switch change {
                case .same: count
                case .removed(let run), .added(let run): count + WordDiff.tokens(of: run).count
                }
            }
            #expect(edits == a.count + b.count - 2 * lcs[0][0], "\(old.debugDescription) → \(new.debugDescription)")
        }
    }

    @Test func largeMostlyEqualTexts() {
        var random = SeededGenerator(seed: 42)
        let vocabulary = (0..<500).map { "word\($0)" }
        var oldWords = (0..<5_000).map { _ in vocabulary[Int(random.next() % 500)] }
        let old = oldWords.joined(separator: " ")
        // Twenty scattered one-word replacements.
        var replaced: [Int] = []
        for slot in 0..<20 {
            let index = slot * 250 + Int(random.next() % 200)
            oldWords[index] = "CHANGED\(slot)"
            replaced.append(index)
        }
        let new = oldWords.joined(separator: " ")
        let changes = WordDiff.diff(old, new)
        Self.expectWellFormed(changes, old: old, new: new)
        let added = changes.compactMap { change -> String? in
            if case .added(let run) = change { return run }
            return nil
        }
        #expect(added == (0..<20).map { "CHANGED\($0)" })
        #expect(changes.filter { if case .removed = $0 { true } else { false } }.count == 20)
    }

    @Test func completelyDifferentLongTextsFallBackToRemoveAndAdd() {
        let old = (0..<3_000).map { "old\($0)" }.joined(separator: " ")
        let new = (0..<3_000).map { "new\($0)" }.joined(separator: ";")
        let changes = WordDiff.diff(old, new)
        #expect(changes == [.removed(old), .added(new)])
        // With a common start and end, those stay unchanged around the fallback.
        let framed = WordDiff.diff("Intro. " + old + " Outro", "Intro. " + new + " Outro")
        #expect(framed == [.same("Intro. "), .removed(old), .added(new), .same(" Outro")])
    }

    @Test func costLimitFallbackKeepsCommonEnds() {
        let changes = WordDiff.diff("a b c d e", "a x c y e", costLimit: 1)
        #expect(changes == [.same("a "), .removed("b c d"), .added("x c y"), .same(" e")])
        #expect(WordDiff.diff("a b c d e", "a x c y e") == [
            .same("a "), .removed("b"), .added("x"), .same(" c "), .removed("d"), .added("y"), .same(" e"),
        ])
    }
}
