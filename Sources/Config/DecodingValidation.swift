import Foundation
import Model

// Decoding helpers that check each value against what the key allows and, when it fails, say what was
// expected and what was found, at the value's JSON path. A present `null` is a wrong value, never "absent":
// to take a default, leave the key out.

extension DecodingError {
    /// A value that is not allowed at `codingPath`.
    static func invalid(at codingPath: [any CodingKey], expected: String, found: JSONValue) -> DecodingError {
        .dataCorrupted(
            DecodingError.Context(codingPath: codingPath, debugDescription: "expected \(expected), found \(found.shortDescription)")
        )
    }

    /// A value that is not allowed at `codingPath`, described by `message`.
    static func invalid(at codingPath: [any CodingKey], _ message: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: message))
    }
}

extension Decoder {
    /// Throws unless the value being decoded is a JSON object, naming what was there instead.
    func requireObject() throws {
        let raw = try singleValueContainer().decode(JSONValue.self)
        guard case .object = raw else {
            throw DecodingError.invalid(at: codingPath, expected: "an object", found: raw)
        }
    }
}

extension KeyedDecodingContainer {
    /// The coding path of `key` in this container.
    func path(_ key: Key) -> [any CodingKey] {
        codingPath + [key]
    }

    /// The raw value of `key`, or `nil` when the key is absent.
    func raw(_ key: Key) throws -> JSONValue? {
        contains(key) ? try decode(JSONValue.self, forKey: key) : nil
    }

    /// A value of `key` that must be present: throws "required key is missing" otherwise.
    func require<T>(_ value: T?, _ key: Key) throws -> T {
        guard let value else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: ""))
        }
        return value
    }

    /// A nested value decoded as `T`, or `nil` when the key is absent.
    func nested<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        contains(key) ? try decode(type, forKey: key) : nil
    }

    /// A JSON array of `T`, or `nil` when the key is absent.
    func array<T: Decodable>(of type: T.Type, _ key: Key) throws -> [T]? {
        guard let raw = try raw(key) else { return nil }
        guard case .array = raw else { throw DecodingError.invalid(at: path(key), expected: "an array", found: raw) }
        return try decode([T].self, forKey: key)
    }

    /// An integer from `minimum` through `maximum` (unbounded above when `nil`).
    func integer(_ key: Key, minimum: Int, maximum: Int? = nil) throws -> Int? {
        guard let raw = try raw(key) else { return nil }
        let expected = maximum.map { "an integer from \(minimum) to \($0)" } ?? "an integer ≥ \(minimum)"
        guard case .integer(let value) = raw, value >= minimum, value <= (maximum ?? .max) else {
            throw DecodingError.invalid(at: path(key), expected: expected, found: raw)
        }
        return value
    }

    /// A number of seconds (integers are fine) above zero, or at least zero when `allowsZero`.
    func seconds(_ key: Key, allowsZero: Bool = false) throws -> TimeInterval? {
        guard let raw = try raw(key) else { return nil }
        let expected = allowsZero ? "a number of seconds ≥ 0" : "a number of seconds > 0"
        let value: Double
        switch raw {
        case .integer(let integer): value = Double(integer)
        case .number(let number): value = number
        default: throw DecodingError.invalid(at: path(key), expected: expected, found: raw)
        }
        guard allowsZero ? value >= 0 : value > 0 else {
            throw DecodingError.invalid(at: path(key), expected: expected, found: raw)
        }
        return value
    }

    /// `true` or `false`.
    func bool(_ key: Key) throws -> Bool? {
        guard let raw = try raw(key) else { return nil }
        guard case .bool(let value) = raw else {
            throw DecodingError.invalid(at: path(key), expected: "true or false", found: raw)
        }
        return value
    }

    /// A string accepted by `isValid`; `expected` says what an accepted one looks like.
    func string(
        _ key: Key,
        expected: String = "a non-empty string",
        where isValid: (String) -> Bool = { !$0.isEmpty }
    ) throws -> String? {
        guard let raw = try raw(key) else { return nil }
        guard case .string(let value) = raw, isValid(value) else {
            throw DecodingError.invalid(at: path(key), expected: expected, found: raw)
        }
        return value
    }

    /// A duration string (`"15m"`, `"1h30m"`) longer than zero, in seconds.
    func duration(_ key: Key) throws -> TimeInterval? {
        let text = try string(
            key,
            expected: #"a duration such as "90s", "15m", "6h", "1d" or "1h30m""#,
            where: { ConfigDuration.seconds(in: $0) != nil }
        )
        guard let text, let seconds = ConfigDuration.seconds(in: text) else { return nil }
        guard seconds > 0 else {
            throw DecodingError.invalid(at: path(key), expected: "a duration longer than 0s", found: .string(text))
        }
        return seconds
    }
}
