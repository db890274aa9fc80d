internal import CZlib

/// One gzip member at a time, over zlib: the unit of a `.warc.gz` file, where every record is its own member.
package enum Gzip {
    /// zlib's window bits plus 16: a gzip header and trailer, never a zlib or raw stream.
    static let gzipWindowBits: Int32 = 15 + 16

    /// `bytes` as one complete gzip member (deflate level 6).
    package static func compressMember(_ bytes: [UInt8]) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1).deallocate() }
        // With valid parameters deflateInit2 fails only when memory runs out, which Swift itself does not survive.
        guard tk_deflateInit2(stream, 6, gzipWindowBits) == Z_OK else {
            preconditionFailure("zlib deflateInit2 failed: out of memory")
        }
        defer { deflateEnd(stream) }

        var output: [UInt8] = []
        output.reserveCapacity(Int(deflateBound(stream, uLong(bytes.count))))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        bytes.withUnsafeBufferPointer { input in
            var position = 0
            var status = Z_OK
            repeat {
                // avail_in is 32 bits: feed at most 1 GiB per call.
                let take = min(input.count - position, 1 << 30)
                stream.pointee.next_in = take > 0 ? UnsafeMutablePointer(mutating: input.baseAddress! + position) : nil
                stream.pointee.avail_in = uInt(take)
                let flush = position + take == input.count ? Z_FINISH : Z_NO_FLUSH
                repeat {
                    chunk.withUnsafeMutableBufferPointer { out in
                        stream.pointee.next_out = out.baseAddress
                        stream.pointee.avail_out = uInt(out.count)
                        status = deflate(stream, flush)
                        output.append(contentsOf: out[0..<(out.count - Int(stream.pointee.avail_out))])
                    }
                } while stream.pointee.avail_out == 0 && status != Z_STREAM_END
                position += take - Int(stream.pointee.avail_in)
            } while status != Z_STREAM_END
        }
        return output
    }

    /// Inflates exactly one gzip member that starts at `offset` in `bytes`.
    ///
    /// Returns the decoded bytes and how many compressed bytes the member took, so the next member starts at
    /// `offset + consumed`. Throws `GzipError` with code `truncated` when `bytes` ends inside the member, and
    /// `corrupt` when the data is not gzip or fails zlib's checks (CRC-32, length).
    package static func decompressMember(
        _ bytes: [UInt8],
        at offset: Int = 0
    ) throws(GzipError) -> (decoded: [UInt8], consumed: Int) {
        guard offset >= 0, offset <= bytes.count else {
            throw GzipError(code: .truncated, detail: "offset \(offset) is outside \(bytes.count) bytes")
        }
        let inflater = try GzipMemberInflater()
        var decoded: [UInt8] = []
        var position = offset
        while !inflater.isFinished, position < bytes.count {
            let end = min(bytes.count, position + (1 << 30))
            position += try inflater.feed(bytes[position..<end], into: &decoded)
        }
        guard inflater.isFinished else {
            throw GzipError(
                code: .truncated,
                detail: "gzip member at offset \(offset) is truncated: input ends after \(bytes.count - offset) bytes"
            )
        }
        return (decoded, position - offset)
    }
}

/// Why a gzip member could not be read.
package struct GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    package enum Code: String, Sendable, Hashable {
        /// The input ends before the member does (a torn write, or a short read).
        case truncated
        /// Not gzip, or damaged: zlib rejected the header, the deflate data, the CRC-32 or the length.
        case corrupt
    }

    /// The kind of failure.
    package let code: Code
    /// The cause in words, with zlib's message when it gave one.
    package let detail: String

    /// Creates an error.
    package init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }

    /// One line: `truncated: gzip member at offset 40 is truncated: …`.
    package var description: String { "\(code.rawValue): \(detail)" }
}

/// Inflates one gzip member from input fed in pieces, so a member larger than any read buffer can be decoded.
///
/// Owns its `z_stream` (heap-allocated: zlib keeps a pointer back to it) and ends it in `deinit`, whichever
/// way decoding stopped. Not `Sendable`: one reader uses it and drops it.
final class GzipMemberInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var scratch = [UInt8](repeating: 0, count: 256 * 1024)
    /// Whether the member's trailer has been read; input after it belongs to the next member.
    private(set) var isFinished = false

    init() throws(GzipError) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = tk_inflateInit2(stream, Gzip.gzipWindowBits)
        guard status == Z_OK else {
            stream.deinitialize(count: 1).deallocate()
            throw GzipError(code: .corrupt, detail: "zlib inflateInit2 failed with status \(status)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1).deallocate()
    }

    /// Inflates from `input`, appending to `output`; returns how many input bytes were used.
    ///
    /// Uses all of `input` unless the member ends inside it (then `isFinished` is true). At most 1 GiB per call.
    func feed(_ input: ArraySlice<UInt8>, into output: inout [UInt8]) throws(GzipError) -> Int {
        precondition(input.count <= 1 << 30, "feed at most 1 GiB at a time")
        if isFinished || input.isEmpty { return 0 }
        let result: Result<Int, GzipError> = input.withUnsafeBufferPointer { buffer in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: buffer.baseAddress)
            stream.pointee.avail_in = uInt(buffer.count)
            defer {
                stream.pointee.next_in = nil
                stream.pointee.avail_in = 0
            }
            while true {
                var status = Z_OK
                var produced = 0
                scratch.withUnsafeMutableBufferPointer { out in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = uInt(out.count)
                    status = inflate(stream, Z_NO_FLUSH)
                    produced = out.count - Int(stream.pointee.avail_out)
                    output.append(contentsOf: out[0..<produced])
                }
                let used = buffer.count - Int(stream.pointee.avail_in)
                switch status {
                case Z_STREAM_END:
                    isFinished = true
                    return .success(used)
                case Z_OK:
                    // More to come while input remains or zlib filled the whole output buffer.
                    if stream.pointee.avail_in == 0 && produced < scratch.count { return .success(used) }
                case Z_BUF_ERROR:
                    // No progress possible: every input byte is used and the member needs more.
                    return .success(used)
                default:
                    return .failure(GzipError(code: .corrupt, detail: zlibMessage(status)))
                }
            }
        }
        return try result.get()
    }

    private func zlibMessage(_ status: Int32) -> String {
        let name =
            switch status {
            case Z_DATA_ERROR: "data error"
            case Z_NEED_DICT: "needs a dictionary"
            case Z_MEM_ERROR: "out of memory"
            case Z_STREAM_ERROR: "stream error"
            default: "status \(status)"
            }
        if let message = stream.pointee.msg { return "zlib \(name): \(String(cString: message))" }
        return "zlib \(name)"
    }
}
