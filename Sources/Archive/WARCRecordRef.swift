/// Where a response or revisit record lives: enough to read it back without scanning.
///
/// Stored in each thread version, so it is `Codable`; `file` is a name the writer made, and readers accept
/// only names of that form, so a reference read from disk cannot point outside the WARC directory.
package struct WARCRecordRef: Sendable, Hashable, Codable {
    /// The WARC file's name only, such as `threadkeeper-00001.warc.gz`.
    package var file: String
    /// The byte offset of the record's gzip member in the file.
    package var offset: Int
    /// The gzip member's length in bytes (compressed).
    package var length: Int
    /// The record's `WARC-Payload-Digest` (`sha1:` and base32), the digest of the content-decoded body.
    package var payloadDigest: String
    /// The record's `WARC-Record-ID`, such as `<urn:uuid:…>`.
    package var recordID: String

    /// Creates a reference.
    package init(file: String, offset: Int, length: Int, payloadDigest: String, recordID: String) {
        self.file = file
        self.offset = offset
        self.length = length
        self.payloadDigest = payloadDigest
        self.recordID = recordID
    }
}
