import Foundation

/// Turns an `Encodable` value into a `CanonicalNode` tree; `CanonicalWriter` turns the tree into bytes.
///
/// One encoder per value that is not written directly (structs, enums, optionals, collections); strings,
/// numbers, booleans, `[String]`, `URL` and `Data` become nodes without one.
final class CanonicalEncoder: Encoder {
    /// What this encoder's value encoded, `nil` until a container is asked for or a value written.
    var node: CanonicalNode?
    let path: CanonicalPath

    init(path: CanonicalPath) {
        self.path = path
    }

    var codingPath: [any CodingKey] { path.keys }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The tree of a top-level value; throws if the value encodes nothing.
    static func tree<T: Encodable>(of value: T) throws -> CanonicalNode {
        guard let node = try node(of: value, at: .root) else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values.")
            )
        }
        return node
    }

    /// The node of `value` at `path`, or `nil` if it encoded nothing.
    static func node<T: Encodable>(of value: T, at path: @autoclosure () -> CanonicalPath) throws -> CanonicalNode? {
        // Type identity first: a pointer comparison, where a failed `as?` cast is a runtime call.
        if T.self == String.self, let value = value as? String { return .string(value) }
        if T.self == Int.self, let value = value as? Int { return .integer(value) }
        if T.self == Bool.self, let value = value as? Bool { return .bool(value) }
        if T.self == [String].self, let value = value as? [String] {
            let array = CanonicalArray()
            array.elements = value.map(CanonicalNode.string)
            return .array(array)
        }
        if T.self == Double.self, let value = value as? Double {
            guard let node = CanonicalNode.finiteNumber(value) else { throw notANumber(value, at: path().keys) }
            return node
        }
        if T.self == URL.self, let value = value as? URL { return .string(value.absoluteString) }
        if T.self == Data.self, let value = value as? Data { return .string(value.base64EncodedString()) }
        let encoder = CanonicalEncoder(path: path())
        try value.encode(to: encoder)
        return encoder.node
    }

    /// The node of a nested `value`, `{}` if it encoded nothing (as `JSONEncoder` writes it).
    static func member<T: Encodable>(_ value: T, at path: @autoclosure () -> CanonicalPath) throws -> CanonicalNode {
        try node(of: value, at: path()) ?? .object(CanonicalObject())
    }

    /// The error for NaN or an infinity, which JSON cannot write.
    static func notANumber(_ value: Any, at codingPath: [any CodingKey]) -> EncodingError {
        EncodingError.invalidValue(
            value,
            EncodingError.Context(
                codingPath: codingPath, debugDescription: "\(value) cannot be written as a JSON number.")
        )
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // A second request (a subclass encoding after its superclass) adds to the same object.
        if case .object(let object) = node {
            return KeyedEncodingContainer(CanonicalKeyedContainer(object: object, path: path))
        }
        let object = CanonicalObject()
        node = .object(object)
        return KeyedEncodingContainer(CanonicalKeyedContainer(object: object, path: path))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array) = node {
            return CanonicalUnkeyedContainer(array: array, path: path)
        }
        let array = CanonicalArray()
        node = .array(array)
        return CanonicalUnkeyedContainer(array: array, path: path)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CanonicalSingleValueContainer(encoder: self)
    }
}
