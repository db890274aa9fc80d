/// Why a WARC capture could not be written or a WARC record could not be read.
///
/// `description` is one line naming the file and offset when there is one, for example
/// `threadkeeper-00002.warc.gz at offset 5120: WARC-Block-Digest mismatch: header says sha1:AB…, block is
/// sha1:CD…`.
package struct WARCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    package enum Code: String, Sendable, Hashable {
        /// The capture cannot be written as WARC: a URL or header with a line break, an unusable URL.
        case invalidCapture
        /// A record reference names no file of ours, or a negative offset or length.
        case invalidReference
        /// The filesystem refused: open, read, write, fsync, rename.
        case io
        /// The gzip member is cut short (a torn write) or the reference's length ends inside it.
        case truncated
        /// The gzip member does not inflate (damaged bytes), or is longer than the reference says.
        case corruptMember
        /// The inflated member is not a WARC/1.x record: a bad version line, header, length or trailer.
        case malformedRecord
        /// `WARC-Block-Digest` or `WARC-Payload-Digest` does not match the bytes.
        case digestMismatch
        /// A revisit was asked for a body whose digest differs from the original's.
        case notIdentical
        /// The writer was closed, or an earlier failed append left it unable to go on.
        case writerUnusable
    }

    /// The kind of failure.
    package let code: Code
    /// The WARC file's name (`threadkeeper-00001.warc.gz`), or the directory, when one is involved.
    package let file: String?
    /// The byte offset of the gzip member in `file`, when one is involved.
    package let offset: Int?
    /// The cause in words.
    package let detail: String

    /// Creates an error.
    package init(code: Code, file: String? = nil, offset: Int? = nil, detail: String) {
        self.code = code
        self.file = file
        self.offset = offset
        self.detail = detail
    }

    /// One line: where, then why.
    package var description: String {
        switch (file, offset) {
        case (let file?, let offset?): "\(file) at offset \(offset): \(detail)"
        case (let file?, nil): "\(file): \(detail)"
        case (nil, let offset?): "offset \(offset): \(detail)"
        case (nil, nil): detail
        }
    }
}
