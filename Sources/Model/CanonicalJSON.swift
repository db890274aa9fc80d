public import Foundation

/// The one way Threadkeeper writes JSON: sorted keys, no escaped slashes, so the same value
/// always gives the same bytes.
public enum CanonicalJSON {
    /// Encodes `value` canonically on one line.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Encodes `value` canonically, indented for people.
    public static func encodePretty<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return try encoder.encode(value)
    }
}
