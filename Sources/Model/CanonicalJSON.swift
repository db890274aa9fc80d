public import Foundation

/// The one way Threadkeeper writes JSON: our own encoder, so the same value gives the same bytes on every
/// machine and toolchain (archive snapshot hashes are SHA-256 over these bytes).
///
/// The bytes do not depend on `JSONEncoder`. They follow these rules, which are a contract: changing any of
/// them changes every snapshot hash.
///
/// - **Objects**: keys sorted by their UTF-8 bytes (byte-wise lexicographic, so `"Z"` < `"a"` < `"z"` < `"é"`,
///   and a key that is a prefix of another comes first). A key encoded twice into one object: the last value
///   wins, at the sorted place of its key. Keys are compared as bytes, never as Unicode-equivalent strings.
/// - **Strings** (values and keys): UTF-8. Escaped are only `"` → `\"`, `\` → `\\`, and U+0000–U+001F as
///   `\b` `\f` `\n` `\r` `\t` where those exist, else `\u00XX` with lowercase hex (`\u001f`). Everything else,
///   `/`, DEL and all non-ASCII (U+2028, U+2029 included), is written as its raw UTF-8 bytes.
/// - **Integers** of every width (`Int8`…`Int128`, `UInt8`…`UInt128`): plain decimal, `-` for negatives.
/// - **`Double` and `Float`**: NaN and ±infinity throw `EncodingError.invalidValue`. An integral value of
///   magnitude below 2^53 is written as an integer without `.0` (`1.0` → `1`, `-0.0` → `0`, `1e15` →
///   `1000000000000000`); any other value as Swift's shortest round-trip `description` (`0.1`, `1e-05`,
///   `1e+300`, `9007199254740992.0`), checked against JSON's number grammar before it is written.
/// - **`Bool`**: `true` / `false`. **`nil`** (`encodeNil`, or an optional encoded with `encode(_:forKey:)`):
///   `null`; `encodeIfPresent` of `nil` writes no key.
/// - **Foundation values**: `URL` as its `absoluteString`, `Data` as standard Base64 with padding (what
///   `JSONDecoder` reads by default); other types as their own `Encodable` conformance writes them. A value
///   that encodes nothing is `{}` (a top-level one throws).
/// - **Compact** (`encode`, `bytes`): no whitespace at all, no trailing newline.
/// - **Pretty** (`encodePretty`): each array element and object member on its own line, indented two spaces
///   per level; `"key": value` with one space after the colon and none before; `,` at the end of the line;
///   empty arrays and objects as `[]` and `{}`; no trailing newline. Same key order and escaping as compact.
public enum CanonicalJSON {
    /// Encodes `value` canonically on one line.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try Data(bytes(value))
    }

    /// Encodes `value` canonically on one line, as bytes.
    public static func bytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let tree = try CanonicalEncoder.tree(of: value)
        return CanonicalWriter.write(tree, pretty: false)
    }

    /// Encodes `value` canonically, indented for people.
    public static func encodePretty<T: Encodable>(_ value: T) throws -> Data {
        let tree = try CanonicalEncoder.tree(of: value)
        return Data(CanonicalWriter.write(tree, pretty: true))
    }
}
