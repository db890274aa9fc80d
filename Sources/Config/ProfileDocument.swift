public import Foundation
import Model

/// One entry of `profiles` in config.json, kept as the JSON the user wrote: the Extract module owns the
/// profile format and validates the fields; the configuration only checks that the entry is an object
/// with a string `name` that no other entry uses.
public struct ProfileDocument: Sendable, Equatable {
    /// The profile's `name`: a new profile, or the built-in profile this one replaces.
    public var name: String
    /// The entry's position in `profiles`.
    public var index: Int
    /// The entry as canonical JSON (sorted keys, one line), ready for a `JSONDecoder`.
    public var json: Data

    /// Creates a document.
    public init(name: String, index: Int, json: Data) {
        self.name = name
        self.index = index
        self.json = json
    }

    /// The entry's JSON path in the config file: `$.profiles[2]`.
    public var path: String {
        "$.profiles[\(index)]"
    }

    /// The JSON path in the config file of a place inside this entry, given by a coding path relative to
    /// the entry (as a decoding error of `json` reports it): `$.profiles[2].fields.author`.
    public func path(of codingPath: [any CodingKey]) -> String {
        path + jsonPath(codingPath).dropFirst()
    }
}

extension ProfileDocument {
    /// Reads `profiles[index]` from its raw value, at `codingPath` (the path of that entry).
    init(raw: JSONValue, index: Int, codingPath: [any CodingKey]) throws {
        guard case .object(let members) = raw else {
            throw DecodingError.invalid(at: codingPath, expected: "an object", found: raw)
        }
        let nameKey = AnyCodingKey(stringValue: "name")
        guard let name = members["name"] else {
            throw DecodingError.keyNotFound(nameKey, DecodingError.Context(codingPath: codingPath, debugDescription: ""))
        }
        guard case .string(let text) = name, !text.isEmpty else {
            throw DecodingError.invalid(at: codingPath + [nameKey], expected: "a non-empty string", found: name)
        }
        self.init(name: text, index: index, json: try CanonicalJSON.encode(raw))
    }
}
