/// A JSON value as `CanonicalEncoder` builds it, before `CanonicalWriter` writes it.
enum CanonicalNode {
    case null
    case bool(Bool)
    /// A number already in its canonical text, which is valid JSON number syntax.
    case number(String)
    case string(String)
    case array(CanonicalArray)
    case object(CanonicalObject)
    /// The value of an encoder handed out by `superEncoder`, which may be written to after it was placed,
    /// so it is read when the tree is written: nothing encoded is `{}`.
    case encoder(CanonicalEncoder)

    /// A number from integer text.
    static func integer<I: BinaryInteger>(_ value: I) -> CanonicalNode {
        .number(String(value))
    }

    /// A number from a `Double`, or `nil` for NaN and the infinities, which JSON cannot write.
    static func finiteNumber(_ value: Double) -> CanonicalNode? {
        guard value.isFinite else { return nil }
        // Integral values below 2^53 are exact integers; Int64 holds them, and -0.0 becomes 0.
        if value.magnitude < 9_007_199_254_740_992, value.rounded(.towardZero) == value {
            return .number(String(Int64(value)))
        }
        return checked(value.description)
    }

    /// A number from a `Float`, by the same rules as a `Double` but with the `Float`'s own shortest digits.
    static func finiteNumber(_ value: Float) -> CanonicalNode? {
        guard value.isFinite else { return nil }
        if value.magnitude < 9_007_199_254_740_992, value.rounded(.towardZero) == value {
            return .number(String(Int64(value)))
        }
        return checked(value.description)
    }

    /// `text` as a number if it is JSON number syntax: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    /// Swift's `description` always is; the check keeps a change there from writing JSON no one can read.
    private static func checked(_ text: String) -> CanonicalNode? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let leading = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[leading] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return nil }
        }
        return index == bytes.count ? .number(text) : nil
    }
}

/// An array being filled by an unkeyed container: a class, so nested containers write into it in place.
final class CanonicalArray {
    var elements: [CanonicalNode] = []
}

/// An object being filled by keyed containers, in the order its members were encoded; the writer sorts the
/// keys and keeps the last value of a key encoded twice.
final class CanonicalObject {
    var keys: [String] = []
    var values: [CanonicalNode] = []

    func set(_ key: String, _ value: CanonicalNode) {
        keys.append(key)
        values.append(value)
    }
}

/// A coding path as a linked list, so a value deep in a tree costs one node, not a copy of the whole path.
indirect enum CanonicalPath {
    case root
    case key(any CodingKey, parent: CanonicalPath)

    /// This path with `key` appended.
    func appending(_ key: any CodingKey) -> CanonicalPath {
        .key(key, parent: self)
    }

    /// The path as `Encoder.codingPath` gives it, outermost key first.
    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        var path = self
        while case .key(let key, let parent) = path {
            keys.append(key)
            path = parent
        }
        return keys.reversed()
    }
}

/// The coding key of an array element, or of `superEncoder()`'s `"super"`.
struct CanonicalKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    static let `super` = CanonicalKey(stringValue: "super")
}
