/// A word-level diff of two texts, for showing how a post's body was edited.
///
/// Both texts are cut into tokens: words (letters and digits, with an apostrophe between two of them, as
/// in "don't"), runs of whitespace, and single other characters (punctuation, symbols, emoji). Tokens are
/// compared by their exact UTF-8 bytes, so a change of Unicode normalisation shows as a change. Myers'
/// O(ND) algorithm finds a shortest edit script over the tokens; within each stretch between unchanged
/// text, the removed tokens come first as one `.removed`, then the added ones as one `.added`.
///
/// Joining every `.same` and `.removed` gives back the old text exactly, and every `.same` and `.added` the
/// new text. Past `defaultCostLimit` edits (texts that have little in common) the search stops and the
/// differing middle is given as all removed, then all added, so the cost stays bounded.
package enum WordDiff {
    /// One run of the diff: text in both, only in the old text, or only in the new text.
    package enum Change: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The number of token edits past which `diff` stops searching for a shortest script.
    package static let defaultCostLimit = 2_000

    /// The changes that turn `old` into `new`, word by word.
    package static func diff(_ old: String, _ new: String) -> [Change] {
        diff(old, new, costLimit: defaultCostLimit)
    }

    /// The changes that turn `old` into `new`, searching at most `costLimit` token edits.
    package static func diff(_ old: String, _ new: String, costLimit: Int) -> [Change] {
        if old.utf8.elementsEqual(new.utf8) { return old.isEmpty ? [] : [.same(old)] }
        let oldTokens = tokens(of: old)
        let newTokens = tokens(of: new)
        // Equal tokens get equal ids, so the search compares integers.
        var ids: [Token: Int] = [:]
        func id(_ token: Substring) -> Int {
            let key = Token(token)
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
        let a = oldTokens.map(id)
        let b = newTokens.map(id)
        let edits = script(a, b, costLimit: costLimit)
        return changes(edits, old: oldTokens, new: newTokens)
    }

    // MARK: - Tokens

    /// `text` cut into words, whitespace runs and single other characters; together they are `text`.
    package static func tokens(of text: String) -> [Substring] {
        var tokens: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let first = text[index]
            var end = text.index(after: index)
            if isWordCharacter(first) {
                while end < text.endIndex {
                    let character = text[end]
                    if isWordCharacter(character) {
                        end = text.index(after: end)
                    } else if character == "'" || character == "\u{2019}" {
                        // An apostrophe joins two words ("don't"); otherwise it is punctuation.
                        let next = text.index(after: end)
                        guard next < text.endIndex, isWordCharacter(text[next]) else { break }
                        end = text.index(after: next)
                    } else {
                        break
                    }
                }
            } else if first.isWhitespace {
                while end < text.endIndex, text[end].isWhitespace { end = text.index(after: end) }
            }
            tokens.append(text[index..<end])
            index = end
        }
        return tokens
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// A token compared and hashed by its UTF-8 bytes (`Substring`'s own `==` treats canonically
    /// equivalent text as equal, which would lose a change).
    private struct Token: Hashable {
        let text: Substring

        init(_ text: Substring) {
            self.text = text
        }

        static func == (left: Token, right: Token) -> Bool {
            left.text.utf8.elementsEqual(right.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            let hashed: Void? = text.utf8.withContiguousStorageIfAvailable {
                hasher.combine(bytes: UnsafeRawBufferPointer($0))
            }
            if hashed == nil {
                for byte in text.utf8 { hasher.combine(byte) }
            }
        }
    }

    // MARK: - Edit script

    /// One step of an edit script over token ids.
    private enum Edit {
        case keep(old: Int, new: Int)
        case remove(old: Int)
        case insert(new: Int)
    }

    /// A shortest edit script from `a` to `b` (Myers 1986, "An O(ND) Difference Algorithm"), after taking off
    /// the common prefix and suffix; past `costLimit` edits, the differing middle removed and inserted whole.
    private static func script(_ a: [Int], _ b: [Int], costLimit: Int) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
            a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
        {
            suffix += 1
        }
        var edits: [Edit] = (0..<prefix).map { .keep(old: $0, new: $0) }
        let oldMiddle = prefix..<(a.count - suffix)
        let newMiddle = prefix..<(b.count - suffix)
        if let middle = myers(a[oldMiddle], b[newMiddle], costLimit: costLimit) {
            edits += middle
        } else {
            edits += oldMiddle.map { .remove(old: $0) }
            edits += newMiddle.map { .insert(new: $0) }
        }
        edits += (0..<suffix).map { .keep(old: a.count - suffix + $0, new: b.count - suffix + $0) }
        return edits
    }

    /// Myers' greedy forward search with the furthest x of every diagonal kept per cost, then a walk back
    /// from the end; `nil` if the script needs more than `costLimit` edits. Edits carry the slices' indices.
    ///
    /// Memory is O(D²) for the kept rows and time O((N+M)·D), both bounded through `costLimit`.
    private static func myers(_ a: ArraySlice<Int>, _ b: ArraySlice<Int>, costLimit: Int) -> [Edit]? {
        let n = a.count
        let m = b.count
        let a0 = a.startIndex
        let b0 = b.startIndex
        let maxCost = min(n + m, max(costLimit, 0))
        // v[offset + k]: the furthest x on diagonal k (x - y = k) for the current cost, -1 if unreachable.
        let offset = maxCost + 1
        var v = [Int32](repeating: -1, count: 2 * maxCost + 3)
        // The rows of v for costs 0, 1, …: row d holds diagonals -d...d and starts at d * d.
        var rows: [Int32] = []
        var cost = -1
        search: for d in 0...maxCost {
            for k in stride(from: -d, through: d, by: 2) {
                var x = d == 0 ? 0 : furthestStart(v, offset: offset, d: d, k: k, n: n, m: m).x
                if x < 0 {
                    v[offset + k] = -1
                    continue
                }
                var y = x - k
                while x < n, y < m, a[a0 + x] == b[b0 + y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = Int32(x)
                if x == n, y == m {
                    rows.append(contentsOf: v[(offset - d)...(offset + d)])
                    cost = d
                    break search
                }
            }
            rows.append(contentsOf: v[(offset - d)...(offset + d)])
        }
        guard cost >= 0 else { return nil }

        var edits: [Edit] = []
        edits.reserveCapacity(n + m)
        var x = n
        var y = m
        for d in stride(from: cost, through: 1, by: -1) {
            let k = x - y
            // Row d - 1 as the search saw it when it chose how diagonal k was reached at cost d.
            let start = furthestStart(rows, offset: (d - 1) * (d - 1) + d - 1, d: d, k: k, n: n, m: m)
            let startY = start.x - k
            while x > start.x, y > startY {
                x -= 1
                y -= 1
                edits.append(.keep(old: a0 + x, new: b0 + y))
            }
            if start.down {
                y -= 1
                edits.append(.insert(new: b0 + y))
            } else {
                x -= 1
                edits.append(.remove(old: a0 + x))
            }
        }
        while x > 0, y > 0 {
            x -= 1
            y -= 1
            edits.append(.keep(old: a0 + x, new: b0 + y))
        }
        return edits.reversed()
    }

    /// Where a path of cost `d` on diagonal `k` starts its final snake, from the previous cost's row in
    /// `v` (diagonal j at `v[offset + j]`): one step down from diagonal k + 1 (an insertion) or right from
    /// k - 1 (a removal), whichever reaches the greater x inside the n × m grid; x is -1 if neither can.
    private static func furthestStart(
        _ v: [Int32], offset: Int, d: Int, k: Int, n: Int, m: Int
    ) -> (x: Int, down: Bool) {
        var right = -1
        if k > -d {
            let from = Int(v[offset + k - 1])
            if from >= 0, from < n { right = from + 1 }
        }
        var down = -1
        if k < d {
            let from = Int(v[offset + k + 1])
            if from >= 0, from - (k + 1) < m { down = from }
        }
        return down >= right ? (down, true) : (right, false)
    }

    // MARK: - Changes

    /// The script as text runs: kept tokens joined, and each stretch of edits as its removals then its additions.
    private static func changes(_ edits: [Edit], old: [Substring], new: [Substring]) -> [Change] {
        var changes: [Change] = []
        var same = ""
        var removed = ""
        var added = ""
        func flushEdits() {
            if !removed.isEmpty { changes.append(.removed(removed)) }
            if !added.isEmpty { changes.append(.added(added)) }
            removed = ""
            added = ""
        }
        for edit in edits {
            switch edit {
            case .keep(let index, _):
                flushEdits()
                same.append(contentsOf: old[index])
            case .remove(let index):
                if !same.isEmpty { changes.append(.same(same)) }
                same = ""
                removed.append(contentsOf: old[index])
            case .insert(let index):
                if !same.isEmpty { changes.append(.same(same)) }
                same = ""
                added.append(contentsOf: new[index])
            }
        }
        flushEdits()
        if !same.isEmpty { changes.append(.same(same)) }
        return changes
    }
}
