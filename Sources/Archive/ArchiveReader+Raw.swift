public import Model
import Foundation

extension ArchiveReader {
    /// The body of a page as it was received, read back from its WARC record and checked against its digest.
    public func body(of page: PageCapture) throws(ArchiveError) -> [UInt8] {
        guard let location = page.warc else { throw ArchiveError("\(page.url): no raw capture was kept") }
        let ref = WARCRecordRef(
            file: location.file, offset: location.offset, length: location.length, payloadDigest: "",
            recordID: location.recordID)
        let record: WARCRecord
        do {
            record = try WARCReader.record(in: URL(fileURLWithPath: warcFolder), at: ref)
        } catch {
            throw ArchiveError("\(warcFolder)/\(location.file): offset \(location.offset): \(error.description)")
        }
        if let id = record.recordID, id != location.recordID {
            throw ArchiveError(
                "\(warcFolder)/\(location.file): offset \(location.offset): record \(id) where \(location.recordID) was expected")
        }
        if let digest = page.bodyDigest {
            let actual = Digest.sha256(record.payload)
            guard actual == digest else {
                throw ArchiveError(
                    "\(warcFolder)/\(location.file): offset \(location.offset): body of \(page.url) has digest \(actual), not \(digest)")
            }
        }
        return record.payload
    }

    /// The body the latest version of `key` holds for `url`, when it kept one.
    public func latestBody(of key: ThreadKey, url: String) throws(ArchiveError) -> [UInt8]? {
        guard let page = try snapshot(of: key).provenance.pages.first(where: { $0.url == url }) else { return nil }
        return try body(of: page)
    }
}
