/// One header field, as received or to be sent.
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, as spelled by the sender.
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An ordered list of header fields with case-insensitive lookup.
public struct HTTPHeaders: Sendable, Hashable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// The fields in the order they were received or added.
    public private(set) var fields: [HTTPHeader]

    /// Creates a list from fields in order.
    public init(_ fields: [HTTPHeader] = []) {
        self.fields = fields
    }

    /// Creates a list from `(name, value)` pairs in order.
    public init(arrayLiteral elements: (String, String)...) {
        self.fields = elements.map { HTTPHeader(name: $0.0, value: $0.1) }
    }

    /// The index of the first field.
    public var startIndex: Int { fields.startIndex }
    /// The index past the last field.
    public var endIndex: Int { fields.endIndex }
    /// The field at `position`.
    public subscript(position: Int) -> HTTPHeader { fields[position] }

    /// The value of the first field called `name` (case-insensitive), if any.
    public subscript(name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The values of every field called `name` (case-insensitive), in order.
    public func values(named name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    /// Appends a field.
    public mutating func append(name: String, value: String) {
        fields.append(HTTPHeader(name: name, value: value))
    }

    /// Appends text to the value of the last field (an obsolete folded header line).
    mutating func continueLastValue(with text: String) {
        guard var last = fields.popLast() else { return }
        last.value += " " + text
        fields.append(last)
    }
}
