extension FastPath.Walker {
    /// Whether `token` is one of the words (separated by XML whitespace) of `value`.
    static func hasToken(_ token: UnsafeBufferPointer<UInt8>, in value: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start + token.count <= value.count {
            guard let found = find(token, in: UnsafeBufferPointer(rebasing: value[start...])) else { return false }
            let at = start + found
            let end = at + token.count
            if (at == 0 || ByteClass.isXPathSpace(value[at - 1]))
                && (end == value.count || ByteClass.isXPathSpace(value[end]))
            {
                return true
            }
            start = at + 1
        }
        return false
    }

    /// The offset of the first occurrence of `needle` in `haystack`.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first else { return 0 }
        guard needle.count <= haystack.count else { return nil }
        let lastStart = haystack.count - needle.count
        var index = 0
        while index <= lastStart {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// XPath's `normalize-space`: runs of space, tab, CR, LF become one space; none at either end.
    static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pending = false
        for byte in bytes {
            if ByteClass.isXPathSpace(byte) {
                pending = !result.isEmpty
            } else {
                if pending { result.append(0x20) }
                pending = false
                result.append(byte)
            }
        }
        return result
    }
}
