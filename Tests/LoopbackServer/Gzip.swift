/// Builds gzip bodies in memory, for compression tests: a fixed-Huffman deflate encoder that turns runs
/// of one byte into length-258/distance-1 matches (so a run of zeros shrinks about 160-fold) and keeps
/// everything else as literals.
public enum Gzip {
    /// `bytes`, gzip-compressed.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var writer = DeflateWriter()
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            writer.literal(byte)
            index += 1
            var run = 0
            while index + run < bytes.count, bytes[index + run] == byte { run += 1 }
            let matches = run / 258
            if matches > 0 {
                writer.repeatPrevious(matches: matches)
                index += matches * 258
            }
        }
        return wrap(writer.finish(), crc: CRC32.checksum(bytes), size: bytes.count)
    }

    /// A gzip stream that inflates to `count` zero bytes (a compression bomb), built without the zeros.
    public static func zeros(count: Int) -> [UInt8] {
        var writer = DeflateWriter()
        var remaining = count
        if remaining > 0 {
            writer.literal(0)
            remaining -= 1
        }
        let matches = remaining / 258
        writer.repeatPrevious(matches: matches)
        remaining -= matches * 258
        for _ in 0..<remaining { writer.literal(0) }
        return wrap(writer.finish(), crc: CRC32.checksumOfZeros(count: count), size: count)
    }

    private static func wrap(_ deflated: [UInt8], crc: UInt32, size: Int) -> [UInt8] {
        var result: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        result += deflated
        let isize = UInt32(truncatingIfNeeded: size)
        for shift in stride(from: 0, to: 32, by: 8) { result.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { result.append(UInt8(truncatingIfNeeded: isize >> UInt32(shift))) }
        return result
    }
}

/// One final deflate block with the fixed Huffman code (RFC 1951 §3.2.6).
struct DeflateWriter {
    private var output: [UInt8] = []
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0

    init() {
        writeBits(1, count: 1)  // BFINAL
        writeBits(1, count: 2)  // BTYPE 01: fixed Huffman
    }

    mutating func literal(_ byte: UInt8) {
        if byte < 144 {
            writeCode(0x30 + UInt32(byte), length: 8)
        } else {
            writeCode(0x190 + UInt32(byte) - 144, length: 9)
        }
    }

    /// `matches` copies of length 258 at distance 1 (the previous byte, repeated).
    mutating func repeatPrevious(matches: Int) {
        for _ in 0..<matches {
            writeCode(0xC5, length: 8)  // length code 285 = 258
            writeCode(0, length: 5)  // distance code 0 = 1
        }
    }

    mutating func finish() -> [UInt8] {
        writeCode(0, length: 7)  // end of block (256)
        if bitCount > 0 { output.append(UInt8(truncatingIfNeeded: bitBuffer)) }
        bitBuffer = 0
        bitCount = 0
        return output
    }

    /// Huffman codes go most-significant bit first.
    private mutating func writeCode(_ code: UInt32, length: Int) {
        var reversed: UInt32 = 0
        for bit in 0..<length where code & (1 << UInt32(length - 1 - bit)) != 0 {
            reversed |= 1 << UInt32(bit)
        }
        writeBits(reversed, count: length)
    }

    private mutating func writeBits(_ value: UInt32, count: Int) {
        bitBuffer |= UInt64(value) << UInt64(bitCount)
        bitCount += count
        while bitCount >= 8 {
            output.append(UInt8(truncatingIfNeeded: bitBuffer))
            bitBuffer >>= 8
            bitCount -= 8
        }
    }
}

/// CRC-32 as gzip uses it (reflected polynomial 0xEDB88320).
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The CRC-32 of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// The CRC-32 of `count` zero bytes, in O(log count) (zlib's crc32_combine matrix method).
    public static func checksumOfZeros(count: Int) -> UInt32 {
        func times(_ matrix: [UInt32], _ vector: UInt32) -> UInt32 {
            var sum: UInt32 = 0
            var vector = vector
            var index = 0
            while vector != 0 {
                if vector & 1 != 0 { sum ^= matrix[index] }
                vector >>= 1
                index += 1
            }
            return sum
        }
        func square(_ matrix: [UInt32]) -> [UInt32] { matrix.map { times(matrix, $0) } }
        // The operator that feeds one zero bit through the register.
        var odd: [UInt32] = [0xEDB8_8320] + (0..<31).map { UInt32(1) << UInt32($0) }
        var even = square(odd)  // two zero bits
        odd = square(even)  // four zero bits
        var crc: UInt32 = 0xFFFF_FFFF
        var length = count
        while length != 0 {
            even = square(odd)
            if length & 1 != 0 { crc = times(even, crc) }
            length >>= 1
            if length == 0 { break }
            odd = square(even)
            if length & 1 != 0 { crc = times(odd, crc) }
            length >>= 1
        }
        return crc ^ 0xFFFF_FFFF
    }
}
