package import Foundation

/// Appends WARC/1.1 records to `threadkeeper-NNNNN.warc.gz` files, each record its own gzip member.
///
/// One writer process at a time owns a directory. Records become durable at `sync()`, which fsyncs the file.
/// `close()` records the file's name and size in `state.json` (temporary file, fsync, rename, fsync of the
/// directory). A process killed mid-append can leave a torn member at the end of the last file; a new writer
/// appends to that file only if its size is still the size `state.json` gives (so only after a clean close),
/// and otherwise starts the next file, so nothing is ever written after garbage (the torn tail stays for
/// `verify --repair`).
/// Not `Sendable`: one owner calls it.
package final class WARCWriter {
    /// The directory holding the WARC files and `state.json`.
    package let directory: URL
    /// The size a file may reach before the next one is started (a single larger exchange still fits in one).
    package let maxFileBytes: Int
    /// The `software` line of each file's `warcinfo` record.
    package let software: String

    private struct OpenFile {
        let name: String
        let handle: WARCFileDescriptor
        let warcinfoID: String
        var size: Int
        var holdsExchanges: Bool
    }

    private var current: OpenFile?
    private var nextNumber: Int
    /// Whether records were appended since the last `sync()`, or a file was created.
    private var needsSync = false
    private var unusableReason: String?

    /// Opens `directory` (creating it) and chooses where the next record goes.
    ///
    /// Appends to the newest file only when `state.json` names it with its current size; otherwise (a torn
    /// or unsynced tail, a missing or foreign state) the first record goes into a new file.
    package init(directory: URL, maxFileBytes: Int = 1 << 30, software: String) throws(WARCError) {
        self.directory = directory
        self.maxFileBytes = maxFileBytes
        self.software = software
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WARCError(code: .io, file: directory.path, detail: "cannot create the WARC directory: \(error)")
        }
        let numbers = try Self.fileNumbers(in: directory)
        let state = WARCWriterState.read(from: directory)
        let stateNumber = state.flatMap { WARCFileName.number(of: $0.file) }
        nextNumber = max(numbers.max() ?? 0, stateNumber ?? 0) + 1
        if let last = numbers.max(), let state, stateNumber == last, state.size > 0 {
            current = Self.reopen(directory.appendingPathComponent(state.file), syncedSize: state.size)
        }
    }

    deinit {
        try? current?.handle.close()
    }

    /// Writes the exchange as a `request` record and a `response` record; returns where the response is.
    ///
    /// The response record holds the status line, the headers describing the decoded body, and the body.
    package func writeExchange(_ capture: WARCCapture) throws(WARCError) -> WARCRecordRef {
        let requestBlock = try WARCFormat.requestBlock(capture)
        let responseBlock = try WARCFormat.responseHeaderBlock(capture) + capture.body
        let blockDigest = WARCFormat.digest(responseBlock)
        let payloadDigest = WARCFormat.digest(capture.body)
        let responseID = WARCFormat.newRecordID()
        return try append(capture, requestBlock: requestBlock, recordID: responseID) { warcinfoID, requestID in
            WARCFormat.record(
                fields: [
                    ("WARC-Type", "response"),
                    ("WARC-Record-ID", responseID),
                    ("WARC-Date", WARCFormat.date(capture.date)),
                    ("WARC-Target-URI", capture.url),
                    ("WARC-Concurrent-To", requestID),
                    ("WARC-Warcinfo-ID", warcinfoID),
                    ("WARC-Block-Digest", blockDigest),
                    ("WARC-Payload-Digest", payloadDigest),
                    ("Content-Type", "application/http;msgtype=response"),
                ],
                block: responseBlock
            )
        } ref: { file, offset, length in
            WARCRecordRef(
                file: file,
                offset: offset,
                length: length,
                payloadDigest: payloadDigest,
                recordID: responseID
            )
        }
    }

    /// Writes a body identical to an earlier response's as a `request` record and a `revisit` record.
    ///
    /// The revisit (profile `identical-payload-digest`) holds only the new status line and headers and refers
    /// to `original`, which should be the `response` record that holds the payload. Throws `notIdentical`
    /// when the body's digest is not `original.payloadDigest`.
    package func writeRevisit(
        _ capture: WARCCapture,
        original: WARCRecordRef,
        originalURL: String,
        originalDate: Date
    ) throws(WARCError) -> WARCRecordRef {
        let payloadDigest = WARCFormat.digest(capture.body)
        guard payloadDigest == original.payloadDigest else {
            throw WARCError(
                code: .notIdentical,
                detail: "\(capture.url): body digest \(payloadDigest) is not the original's \(original.payloadDigest)"
            )
        }
        try WARCFormat.checkTargetURI(originalURL)
        let requestBlock = try WARCFormat.requestBlock(capture)
        let revisitBlock = try WARCFormat.responseHeaderBlock(capture)
        let blockDigest = WARCFormat.digest(revisitBlock)
        let revisitID = WARCFormat.newRecordID()
        return try append(capture, requestBlock: requestBlock, recordID: revisitID) { warcinfoID, requestID in
            WARCFormat.record(
                fields: [
                    ("WARC-Type", "revisit"),
                    ("WARC-Record-ID", revisitID),
                    ("WARC-Date", WARCFormat.date(capture.date)),
                    ("WARC-Target-URI", capture.url),
                    ("WARC-Concurrent-To", requestID),
                    ("WARC-Warcinfo-ID", warcinfoID),
                    ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
                    ("WARC-Refers-To", original.recordID),
                    ("WARC-Refers-To-Target-URI", originalURL),
                    ("WARC-Refers-To-Date", WARCFormat.date(originalDate)),
                    ("WARC-Block-Digest", blockDigest),
                    ("WARC-Payload-Digest", payloadDigest),
                    ("Content-Type", "application/http;msgtype=response"),
                ],
                block: revisitBlock
            )
        } ref: { file, offset, length in
            WARCRecordRef(file: file, offset: offset, length: length, payloadDigest: payloadDigest, recordID: revisitID)
        }
    }

    /// Makes every record written so far durable: fsyncs the file.
    ///
    /// Only records written before a successful `sync()` may be referenced from anything else on disk.
    package func sync() throws(WARCError) {
        try checkUsable()
        guard needsSync, let current else { return }
        try current.handle.sync()
        needsSync = false
    }

    /// Records the current file and its size in `state.json`, which tells the next writer it may append: only
    /// at `close`, so after a crash the sizes differ and the next writer starts a new file instead.
    private func recordState() throws(WARCError) {
        guard let current else { return }
        let state = WARCWriterState(file: current.name, size: current.size)
        do {
            try DurableFile.replace(WARCWriterState.url(in: directory).path, with: state.encoded(), scratch: directory.path)
        } catch {
            throw WARCError(code: .io, file: "state.json", detail: error.description)
        }
    }

    /// Syncs and closes the current file; the writer takes no more records.
    package func close() throws(WARCError) {
        if unusableReason == nil {
            try sync()
            try recordState()
        }
        let file = current
        current = nil
        unusableReason = "the writer is closed"
        try file?.handle.close()
    }

    // MARK: - Appending

    /// Appends a request member and the member `main` builds, to the current file or a new one.
    private func append(
        _ capture: WARCCapture,
        requestBlock: [UInt8],
        recordID: String,
        main: (_ warcinfoID: String, _ requestID: String) -> [UInt8],
        ref: (_ file: String, _ offset: Int, _ length: Int) -> WARCRecordRef
    ) throws(WARCError) -> WARCRecordRef {
        try checkUsable()
        let requestID = WARCFormat.newRecordID()
        func members(warcinfoID: String) -> (request: [UInt8], main: [UInt8]) {
            let request = WARCFormat.record(
                fields: [
                    ("WARC-Type", "request"),
                    ("WARC-Record-ID", requestID),
                    ("WARC-Date", WARCFormat.date(capture.date)),
                    ("WARC-Target-URI", capture.url),
                    ("WARC-Concurrent-To", recordID),
                    ("WARC-Warcinfo-ID", warcinfoID),
                    ("WARC-Block-Digest", WARCFormat.digest(requestBlock)),
                    ("Content-Type", "application/http;msgtype=request"),
                ],
                block: requestBlock
            )
            return (Gzip.compressMember(request), Gzip.compressMember(main(warcinfoID, requestID)))
        }

        var file = try currentFile(date: capture.date)
        var pair = members(warcinfoID: file.warcinfoID)
        if file.holdsExchanges, file.size + pair.request.count + pair.main.count > maxFileBytes {
            try rotate()
            file = try currentFile(date: capture.date)
            pair = members(warcinfoID: file.warcinfoID)
        }
        try write(pair.request + pair.main, to: &file)
        file.holdsExchanges = true
        current = file
        return ref(file.name, file.size - pair.main.count, pair.main.count)
    }

    /// The open file, creating the next one (with its `warcinfo` record) when there is none.
    private func currentFile(date: Date) throws(WARCError) -> OpenFile {
        if let current { return current }
        let name = WARCFileName.name(nextNumber)
        let handle = try WARCFileDescriptor.create(directory.appendingPathComponent(name))
        do {
            try DurableFile.syncFolder(directory.path)  // the new file's name is durable before any record in it is referenced
        } catch {
            throw WARCError(code: .io, file: name, detail: error.description)
        }
        nextNumber += 1
        let warcinfoID = WARCFormat.newRecordID()
        let block = WARCFormat.warcinfoBlock(software: software)
        let record = WARCFormat.record(
            fields: [
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", warcinfoID),
                ("WARC-Date", WARCFormat.date(date)),
                ("WARC-Filename", name),
                ("WARC-Block-Digest", WARCFormat.digest(block)),
                ("Content-Type", "application/warc-fields"),
            ],
            block: block
        )
        var file = OpenFile(name: name, handle: handle, warcinfoID: warcinfoID, size: 0, holdsExchanges: false)
        needsSync = true
        try write(Gzip.compressMember(record), to: &file)
        current = file
        return file
    }

    /// Writes at the end of `file`; on failure cuts the file back so no partial member stays.
    private func write(_ bytes: [UInt8], to file: inout OpenFile) throws(WARCError) {
        do {
            try file.handle.write(bytes, at: file.size)
        } catch {
            do {
                try file.handle.truncate(to: file.size)
            } catch {
                unusableReason = "a failed append to \(file.name) could not be undone: \(error.detail)"
            }
            throw error
        }
        file.size += bytes.count
        needsSync = true
    }

    /// Finishes the current file (fsynced, so `sync()` only has the new one left) and forgets it.
    private func rotate() throws(WARCError) {
        guard let file = current else { return }
        try file.handle.sync()
        try file.handle.close()
        current = nil
    }

    private func checkUsable() throws(WARCError) {
        if let unusableReason { throw WARCError(code: .writerUnusable, file: directory.path, detail: unusableReason) }
    }

    // MARK: - Opening

    private static func fileNumbers(in directory: URL) throws(WARCError) -> [Int] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).compactMap(
                WARCFileName.number(of:)
            )
        } catch {
            throw WARCError(code: .io, file: directory.path, detail: "cannot list the WARC directory: \(error)")
        }
    }

    /// The newest file, opened for appending, when its size is the synced size and its `warcinfo` reads back.
    private static func reopen(_ url: URL, syncedSize: Int) -> OpenFile? {
        guard let handle = try? WARCFileDescriptor.openForWriting(url), (try? handle.size()) == syncedSize,
            let warcinfo = try? WARCReader.firstRecord(file: url), warcinfo.type == "warcinfo",
            let warcinfoID = warcinfo.recordID
        else { return nil }
        return OpenFile(
            name: url.lastPathComponent,
            handle: handle,
            warcinfoID: warcinfoID,
            size: syncedSize,
            holdsExchanges: true
        )
    }
}
