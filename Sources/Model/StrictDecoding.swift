/// A coding key for any string, used to see every key an object holds.
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int?

    public init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    public init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws `DecodingError.dataCorrupted` at the first key of this object that is not in `known`,
    /// so a misspelt key in a user's file fails instead of being silently ignored.
    public func rejectUnknownKeys(_ known: some Sequence<String>) throws {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        let allowed = Set(known)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
        where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: codingPath + [key],
                    debugDescription: "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))"
                )
            )
        }
    }

    /// Rejects keys that are not among the cases of `keys`.
    public func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        try rejectUnknownKeys(keys.allCases.map(\.stringValue))
    }
}

/// Formats a coding path as a JSON path: `$.sites[0].seeds`. A key other than letters, digits, `_` and `-`
/// is written quoted and escaped (`$["a b\n"]`), so the path stays on one line whatever the file holds.
public func jsonPath(_ codingPath: [any CodingKey]) -> String {
    var path = "$"
    for key in codingPath {
        if let index = key.intValue {
            path += "[\(index)]"
        } else if !key.stringValue.isEmpty, key.stringValue.unicodeScalars.allSatisfy(isPlainKeyScalar) {
            path += ".\(key.stringValue)"
        } else {
            path += "[\"\(escapedKey(key.stringValue))\"]"
        }
    }
    return path
}

private func isPlainKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
}

/// `key` with `"`, `\` and every control or line-breaking character escaped as in JSON.
private func escapedKey(_ key: String) -> String {
    var result = ""
    for scalar in key.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        default: appendEscapingControl(scalar, to: &result)
        }
    }
    return result
}

/// `text` with every control or line-breaking character escaped as in JSON (`\r`, `\n`, `\u2028`…), so a
/// message that quotes what a file holds stays on one line.
public func escapingLineBreaks(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    for scalar in text.unicodeScalars { appendEscapingControl(scalar, to: &result) }
    return result
}

private func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
}

private func appendEscapingControl(_ scalar: Unicode.Scalar, to result: inout String) {
    switch scalar {
    case "\n": result += "\\n"
    case "\r": result += "\\r"
    case "\t": result += "\\t"
    default:
        if needsEscape(scalar) {
            let hex = String(scalar.value, radix: 16)
            result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
            result.unicodeScalars.append(scalar)
        }
    }
}

extension DecodingError {
    /// One line a person can act on: where in the file, and what was expected.
    public var summary: String {
        switch self {
        case .typeMismatch(let type, let context):
            return "\(jsonPath(context.codingPath)): expected \(Self.describe(type))"
        case .valueNotFound(let type, let context):
            return "\(jsonPath(context.codingPath)): expected \(Self.describe(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(jsonPath(context.codingPath + [key])): required key is missing"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\(String(describing: $0)))" } ?? ""
            return "\(jsonPath(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return String(describing: self)
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a value of type \(name)"
        }
    }
}
