/// Bytes owned by a `FastPathProgram` (names end with a NUL byte for libxml2).
struct FastPathBytes {
    let start: UnsafePointer<UInt8>
    let count: Int

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }
}
