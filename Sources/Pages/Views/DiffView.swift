import Foundation
import Mustache

/// What changed in a thread between two versions.
struct DiffView {
    var chrome: Chrome
    var title: String
    var thread: String
    var history: String
    var from: Int
    var to: Int
    var fromHref: String
    var toHref: String
    var fromFetched: [TimeView]
    var toFetched: [TimeView]
    var summary: String
    var isEmpty: Bool
    var picker: [DiffPicker]
    var previous: [String]
    var next: [String]
    var fields: [FieldRow]
    var hasFields: Bool
    var added: [PostView]
    var removed: [PostView]
    var edited: [EditView]
    var hasAdded: Bool
    var hasRemoved: Bool
    var hasEdited: Bool
}

/// The from/to chooser of the diff page (web reader only: a static export has consecutive diffs).
struct DiffPicker {
    var action: String
    var from: [OptionView]
    var to: [OptionView]
}

/// A thread-level field that changed.
struct FieldRow {
    var name: String
    var old: String
    var new: String
}

/// An edited post: what changed, its counts, and its text word by word.
struct EditView: MustacheParent {
    var anchor: String
    var href: String
    var position: Int
    var author: String
    var changed: String
    var counts: [FieldRow]
    var title: [FieldRow]
    var runs: [RunView]
    var hasText: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "href": href
        case "position": position
        case "author": author
        case "changed": changed
        case "counts": counts
        case "title": title
        case "runs": runs
        case "hasText": hasText
        default: nil
        }
    }
}

/// A run of a word diff: kept, removed or added text.
struct RunView: MustacheParent {
    var text: String
    var op: String

    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "same": op == " "
        case "removed": op == "-"
        case "added": op == "+"
        default: nil
        }
    }
}
