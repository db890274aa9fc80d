/// The keyed container of `CanonicalEncoder`: members go into a `CanonicalObject` in the order encoded.
struct CanonicalKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: CanonicalObject
    let path: CanonicalPath

    var codingPath: [any CodingKey] { path.keys }

    mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.set(key.stringValue, .string(value)) }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        guard let node = CanonicalNode.finiteNumber(value) else {
            throw CanonicalEncoder.notANumber(value, at: path.appending(key).keys)
        }
        object.set(key.stringValue, node)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        guard let node = CanonicalNode.finiteNumber(value) else {
            throw CanonicalEncoder.notANumber(value, at: path.appending(key).keys)
        }
        object.set(key.stringValue, node)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { object.set(key.stringValue, .integer(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(key.stringValue, try CanonicalEncoder.member(value, at: path.appending(key)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = CanonicalObject()
        object.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(CanonicalKeyedContainer<NestedKey>(object: nested, path: path.appending(key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = CanonicalArray()
        object.set(key.stringValue, .array(nested))
        return CanonicalUnkeyedContainer(array: nested, path: path.appending(key))
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(for: CanonicalKey.super)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(for: key)
    }

    private func superEncoder(for key: some CodingKey) -> any Encoder {
        let encoder = CanonicalEncoder(path: path.appending(key))
        object.set(key.stringValue, .encoder(encoder))
        return encoder
    }
}

/// The unkeyed container of `CanonicalEncoder`: elements go into a `CanonicalArray`.
struct CanonicalUnkeyedContainer: UnkeyedEncodingContainer {
    let array: CanonicalArray
    let path: CanonicalPath

    var codingPath: [any CodingKey] { path.keys }
    var count: Int { array.elements.count }

    /// The path of the next element.
    private var nextPath: CanonicalPath { path.appending(CanonicalKey(intValue: count)) }

    mutating func encodeNil() throws { array.elements.append(.null) }
    mutating func encode(_ value: Bool) throws { array.elements.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.elements.append(.string(value)) }

    mutating func encode(_ value: Double) throws {
        guard let node = CanonicalNode.finiteNumber(value) else {
            throw CanonicalEncoder.notANumber(value, at: nextPath.keys)
        }
        array.elements.append(node)
    }

    mutating func encode(_ value: Float) throws {
        guard let node = CanonicalNode.finiteNumber(value) else {
            throw CanonicalEncoder.notANumber(value, at: nextPath.keys)
        }
        array.elements.append(node)
    }

    mutating func encode(_ value: Int) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: Int8) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: Int16) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: Int32) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: Int64) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: Int128) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt8) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt16) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt32) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt64) throws { array.elements.append(.integer(value)) }
    mutating func encode(_ value: UInt128) throws { array.elements.append(.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let node = try CanonicalEncoder.member(value, at: nextPath)
        array.elements.append(node)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = CanonicalObject()
        let nestedPath = nextPath
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(CanonicalKeyedContainer<NestedKey>(object: nested, path: nestedPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = CanonicalArray()
        let nestedPath = nextPath
        array.elements.append(.array(nested))
        return CanonicalUnkeyedContainer(array: nested, path: nestedPath)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = CanonicalEncoder(path: nextPath)
        array.elements.append(.encoder(encoder))
        return encoder
    }
}

/// The single-value container of `CanonicalEncoder`: the value becomes the encoder's node (the last one
/// written wins).
struct CanonicalSingleValueContainer: SingleValueEncodingContainer {
    let encoder: CanonicalEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node = .null }
    mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.node = .string(value) }

    mutating func encode(_ value: Double) throws {
        guard let node = CanonicalNode.finiteNumber(value) else {
            throw CanonicalEncoder.notANumber(value, at: codingPath)
        }
        encoder.node = node
    }

    mutating func encode(_ value: Float) throws {
        guard let node = CanonicalNode.finiteNumber(value) else {
            throw CanonicalEncoder.notANumber(value, at: codingPath)
        }
        encoder.node = node
    }

    mutating func encode(_ value: Int) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: Int8) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: Int16) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: Int32) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: Int64) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: Int128) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: UInt) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: UInt8) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: UInt16) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: UInt32) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: UInt64) throws { encoder.node = .integer(value) }
    mutating func encode(_ value: UInt128) throws { encoder.node = .integer(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.node = try CanonicalEncoder.member(value, at: encoder.path)
    }
}
