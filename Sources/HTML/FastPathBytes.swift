extension FastPath {
    /// Bytes owned by a `FastPath.Program` (names end with a NUL byte for libxml2).
    struct Bytes {
        let start: UnsafePointer<UInt8>
        let count: Int

        var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }
    }
}
