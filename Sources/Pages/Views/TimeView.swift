import Foundation
import Mustache

/// A time as a post or a version shows it: the UTC ISO 8601 (for `<time datetime>`), local and UTC text,
/// and the page's own text, marked when it was relative ("17 hrs ago") and so only approximate.
struct TimeView: MustacheParent {
    var iso: String?
    var local: String?
    var utc: String?
    var shown: String?
    var isApproximate: Bool

    init(shown: String?, isApproximate: Bool) {
        self.shown = shown
        self.isApproximate = isApproximate
    }

    func child(named name: String) -> Any? {
        switch name {
        case "iso": iso ?? NSNull()
        case "local": local ?? NSNull()
        case "utc": utc ?? NSNull()
        case "shown": shown ?? NSNull()
        case "approximate": isApproximate
        default: nil
        }
    }
}
