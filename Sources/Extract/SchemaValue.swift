import HTML

/// One value of a property.
enum SchemaValue {
    /// A JSON-LD string or number, or a microdata attribute value (`content`, `href`, …).
    case text(String)
    /// Microdata: an element whose text content is the value (a post body).
    case element(Node)
    /// Microdata: a `<time datetime>`: the machine-readable value and the element showing the time.
    case time(String, Node)
    /// A nested item.
    case item(SchemaItem)

    /// The value as text (nil for a nested item).
    var string: String? {
        switch self {
        case .text(let text): text
        case .element(let node): node.rawText
        case .time(let machine, _): machine
        case .item: nil
        }
    }
}
