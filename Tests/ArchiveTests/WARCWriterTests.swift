import Foundation
import Testing

@testable import Archive

@Suite("WARC writer and reader")
struct WARCWriterTests: WARCFixtures {
    @Test("exchanges and a revisit read back: payload, status, headers")
    func roundTrip() throws {
        try withTemporaryDirectory { root in
            let directory = root.appendingPathComponent("warc")
            let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1 (tests)")
            let html = Array("<html><body>Post one — ünïcödé</body></html>".utf8)
            let binary = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let first = try writer.writeExchange(
                sampleCapture(
                    url: "https://forum.example/t/42?page=2",
                    body: html,
                    extraHeaders: [WARCHeaderField(name: "X-Title", value: "Grüße aus Köln — 東京 ✓")]
                )
            )
            let image = try writer.writeExchange(
                sampleCapture(url: "http://forum.example:8080/a.png", body: binary, contentType: "image/png")
            )
            let empty = try writer.writeExchange(
                sampleCapture(url: "https://forum.example/gone", body: [], minutes: 1, status: 404)
            )
            let revisit = try writer.writeRevisit(
                sampleCapture(url: "https://forum.example/t/42?page=2", body: html, minutes: 60),
                original: first,
                originalURL: "https://forum.example/t/42?page=2",
                originalDate: fetchDate()
            )
            try writer.close()

            #expect(first.file == "threadkeeper-00001.warc.gz")
            #expect([image.file, empty.file, revisit.file].allSatisfy { $0 == first.file })
            #expect(revisit.payloadDigest == first.payloadDigest)
            #expect(first.payloadDigest.hasPrefix("sha1:") && first.payloadDigest.count == 37)

            let page = try WARCReader.record(in: directory, at: first)
            #expect(page.type == "response")
            #expect(page.payload == html)
            #expect(page.httpStatus == 200)
            #expect(page.targetURI == "https://forum.example/t/42?page=2")
            #expect(page.date == fetchDate())
            #expect(page.header("WARC-Date") == "2025-06-17T08:17:00Z")
            #expect(page.recordID == first.recordID)
            #expect(page.header("Content-Type") == "application/http;msgtype=response")
            #expect(page.httpHeader("Content-Type") == "text/html; charset=utf-8")
            #expect(page.httpHeader("X-Title") == "Grüße aus Köln — 東京 ✓")
            #expect(page.httpHeader("Content-Length") == String(html.count))
            #expect(page.httpHeader("Content-Encoding") == nil)
            #expect(page.httpHeader("Transfer-Encoding") == nil)
            #expect(page.httpHeader("X-Threadkeeper-Original-Content-Encoding") == "gzip")
            #expect(page.httpHeaders.filter { $0.name.lowercased() == "content-length" }.count == 1)
            #expect(page.httpStartLine == "HTTP/1.1 200 OK")

            let picture = try WARCReader.record(in: directory, at: image)
            #expect(picture.payload == binary)
            #expect(picture.httpHeader("Content-Type") == "image/png")

            let missing = try WARCReader.record(in: directory, at: empty)
            #expect(missing.payload.isEmpty)
            #expect(missing.httpStatus == 404)
            #expect(missing.httpHeader("Content-Length") == "0")

            let again = try WARCReader.record(in: directory, at: revisit)
            #expect(again.type == "revisit")
            #expect(again.payload.isEmpty)
            #expect(again.httpStatus == 200)
            #expect(again.header("WARC-Refers-To") == first.recordID)
            #expect(again.header("WARC-Refers-To-Target-URI") == "https://forum.example/t/42?page=2")
            #expect(again.header("WARC-Refers-To-Date") == "2025-06-17T08:17:00Z")
            #expect(again.header("WARC-Date") == "2025-06-17T09:17:00Z")
            #expect(again.header("WARC-Profile") == "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
            #expect(again.header("WARC-Payload-Digest") == first.payloadDigest)

            let scan = WARCReader.scan(file: directory.appendingPathComponent(first.file))
            #expect(scan.problem == nil)
            #expect(scan.validLength == scan.fileSize)
            #expect(
                scan.records.map(\.type) == ["warcinfo"]
                    + Array(repeating: ["request", "response"], count: 3).flatMap { $0 } + ["request", "revisit"]
            )
            #expect(scan.records.first { $0.offset == image.offset }?.targetURI == "http://forum.example:8080/a.png")
            #expect(scan.records.first { $0.offset == revisit.offset }?.length == revisit.length)
        }
    }

    @Test("request records carry the request line, Host and our headers; records are linked")
    func requestRecord() throws {
        try withTemporaryDirectory { directory in
            let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            let ref = try writer.writeExchange(
                sampleCapture(url: "http://forum.example:8080/t/1?x=%20y#frag", body: [1])
            )
            try writer.close()
            let file = directory.appendingPathComponent(ref.file)
            let scan = WARCReader.scan(file: file)
            let request = try record(in: file, at: try #require(scan.records.first { $0.type == "request" }))
            let response = try WARCReader.record(in: directory, at: ref)
            #expect(request.httpStartLine == "GET /t/1?x=%20y HTTP/1.1")
            #expect(request.httpHeader("Host") == "forum.example:8080")
            #expect(request.httpHeader("User-Agent") == "threadkeeper-tests/1.0")
            #expect(request.payload.isEmpty)
            #expect(request.targetURI == "http://forum.example:8080/t/1?x=%20y#frag")
            #expect(request.header("Content-Type") == "application/http;msgtype=request")
            #expect(request.header("WARC-Concurrent-To") == response.recordID)
            #expect(response.header("WARC-Concurrent-To") == request.recordID)
            #expect(request.header("WARC-Warcinfo-ID") == response.header("WARC-Warcinfo-ID"))
            #expect(response.header("WARC-IP-Address") == nil)
        }
    }

    @Test("a body over 1 MiB is written and read back, and scanned through the bounded buffer")
    func largeBody() throws {
        try withTemporaryDirectory { directory in
            let body = pseudoRandomBytes(count: (3 << 20) + 123, seed: 1)
            let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            let ref = try writer.writeExchange(sampleCapture(url: "https://forum.example/big", body: body))
            let after = try writer.writeExchange(sampleCapture(url: "https://forum.example/after", body: [42]))
            try writer.close()
            #expect(ref.length > WARCReader.chunkSize)
            #expect(try WARCReader.record(in: directory, at: ref).payload == body)
            #expect(try WARCReader.record(in: directory, at: after).payload == [42])
            let scan = WARCReader.scan(file: directory.appendingPathComponent(ref.file))
            #expect(scan.problem == nil)
            #expect(scan.records.count == 5)
            #expect(scan.records.contains { $0.offset == ref.offset && $0.length == ref.length })
        }
    }

    @Test("files rotate at maxFileBytes, each starting with a warcinfo record")
    func rotation() throws {
        try withTemporaryDirectory { directory in
            let writer = try WARCWriter(directory: directory, maxFileBytes: 8_000, software: "threadkeeper/0.1")
            var refs: [WARCRecordRef] = []
            for index in 0..<12 {
                let body = pseudoRandomBytes(count: 1_500, seed: UInt64(index))
                refs.append(
                    try writer.writeExchange(sampleCapture(url: "https://forum.example/t/\(index)", body: body))
                )
                if index % 5 == 4 { try writer.sync() }
            }
            try writer.close()

            let files = try warcFiles(in: directory)
            #expect(files.count >= 3)
            #expect(
                files.map(\.lastPathComponent).prefix(3) == [
                    "threadkeeper-00001.warc.gz", "threadkeeper-00002.warc.gz", "threadkeeper-00003.warc.gz",
                ]
            )
            for file in files {
                let scan = WARCReader.scan(file: file)
                #expect(scan.problem == nil, "\(file.lastPathComponent): \(String(describing: scan.problem))")
                #expect(scan.records.first?.type == "warcinfo")
                #expect(scan.records.filter { $0.type == "warcinfo" }.count == 1)
                #expect(scan.fileSize <= 8_000 || scan.records.count == 3)
                let warcinfo = try WARCReader.firstRecord(file: file)
                #expect(warcinfo.header("WARC-Filename") == file.lastPathComponent)
                let info = String(decoding: warcinfo.block, as: UTF8.self)
                #expect(info.contains("software: threadkeeper/0.1"))
                #expect(info.contains("format: WARC File Format 1.1"))
                // Every record in a file names that file's warcinfo.
                let ids = Set(
                    try scan.records.dropFirst().map { try record(in: file, at: $0).header("WARC-Warcinfo-ID") }
                )
                #expect(ids == [warcinfo.recordID])
            }
            for (index, ref) in refs.enumerated() {
                let record = try WARCReader.record(in: directory, at: ref)
                #expect(record.payload == pseudoRandomBytes(count: 1_500, seed: UInt64(index)))
                #expect(record.targetURI == "https://forum.example/t/\(index)")
            }
            let state = try JSONDecoder().decode(
                [String: WARCStateValue].self,
                from: Data(contentsOf: directory.appendingPathComponent("state.json"))
            )
            #expect(state["file"] == .string(files.last?.lastPathComponent ?? ""))
            #expect(state["size"] == .int(try fileBytes(try #require(files.last)).count))
        }
    }

    @Test("a new writer appends to the last file when state.json matches it")
    func reopenAppends() throws {
        try withTemporaryDirectory { directory in
            let first = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            let one = try first.writeExchange(sampleCapture(url: "https://forum.example/1", body: [1]))
            try first.close()
            let size = try fileBytes(directory.appendingPathComponent(one.file)).count

            let second = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            let two = try second.writeExchange(sampleCapture(url: "https://forum.example/2", body: [2]))
            try second.close()
            #expect(two.file == one.file)
            #expect(two.offset > size)
            let scan = WARCReader.scan(file: directory.appendingPathComponent(one.file))
            #expect(scan.problem == nil)
            #expect(scan.records.filter { $0.type == "warcinfo" }.count == 1)
            #expect(try WARCReader.record(in: directory, at: one).payload == [1])
            #expect(try WARCReader.record(in: directory, at: two).payload == [2])
        }
    }

    @Test("a writer that writes nothing creates no file")
    func noEmptyFiles() throws {
        try withTemporaryDirectory { directory in
            let writer = try WARCWriter(directory: directory.appendingPathComponent("warc"), software: "t")
            try writer.sync()
            try writer.close()
            #expect(try warcFiles(in: directory.appendingPathComponent("warc")).isEmpty)
        }
    }

    @Test("odd response headers from a server are made safe, not refused")
    func oddResponseHeaders() throws {
        try withTemporaryDirectory { directory in
            let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            var capture = sampleCapture(
                url: "https://forum.example/odd",
                body: [1, 2],
                extraHeaders: [
                    WARCHeaderField(name: "X-Split", value: "a\r\nWARC-Type: metadata"),
                    WARCHeaderField(name: "Bad Name", value: "dropped"),
                    WARCHeaderField(name: "Content-Encoding", value: "br"),
                ]
            )
            capture.reason = "Fine\r\nX-Injected: 1"
            let ref = try writer.writeExchange(capture)
            try writer.close()
            let record = try WARCReader.record(in: directory, at: ref)
            #expect(record.type == "response")
            #expect(record.httpHeader("X-Split") == "a  WARC-Type: metadata")
            #expect(record.httpHeader("X-Injected") == nil)
            #expect(record.httpHeaders.allSatisfy { $0.name != "Bad Name" })
            #expect(record.httpHeader("X-Threadkeeper-Original-Content-Encoding") == "gzip, br")
            #expect(record.httpStartLine == "HTTP/1.1 200 Fine  X-Injected: 1")
            #expect(record.payload == [1, 2])
        }
    }

    @Test("dates are UTC to the second; digests are sha1 in base32")
    func formats() {
        #expect(WARCFormat.date(Date(timeIntervalSince1970: 1_750_148_220.999)) == "2025-06-17T08:17:00Z")
        #expect(WARCFormat.date(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(WARCFormat.parseDate("2025-06-17T08:17:00Z") == fetchDate())
        #expect(WARCFormat.parseDate("2025-06-17T08:17:00.250Z") == Date(timeIntervalSince1970: 1_750_148_220.25))
        // The well-known digest of an empty payload.
        #expect(WARCFormat.digest([]) == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")
        #expect(WARCFormat.digest("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", matches: []) == true)
        #expect(WARCFormat.digest("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709", matches: []) == true)
        #expect(
            WARCFormat.digest("sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", matches: []) == true
        )
        #expect(WARCFormat.digest("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", matches: [0]) == false)
        #expect(WARCFormat.digest("md5:1B2M2Y8AsgTpgAmY7PhCfg==", matches: []) == nil)
    }

    @Test("bad captures and references are refused before anything is written")
    func refusals() throws {
        try withTemporaryDirectory { directory in
            let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            var injected = sampleCapture(url: "https://forum.example/x", body: [])
            injected.requestHeaders.append(WARCHeaderField(name: "X-Bad", value: "a\r\nWARC-Type: response"))
            #expect(throws: WARCError.self) { try writer.writeExchange(injected) }
            var badName = sampleCapture(url: "https://forum.example/x", body: [])
            badName.requestHeaders.append(WARCHeaderField(name: "X Bad:", value: "1"))
            #expect(throws: WARCError.self) { try writer.writeExchange(badName) }
            let spaced = sampleCapture(url: "https://forum.example/a b", body: [])
            #expect(throws: WARCError.self) { try writer.writeExchange(spaced) }
            let lineBreak = sampleCapture(url: "https://forum.example/a\nWARC-Type: x", body: [])
            #expect(throws: WARCError.self) { try writer.writeExchange(lineBreak) }
            #expect(try warcFiles(in: directory).isEmpty)

            let original = try writer.writeExchange(sampleCapture(url: "https://forum.example/y", body: [1, 2, 3]))
            let different = #expect(throws: WARCError.self) {
                try writer.writeRevisit(
                    sampleCapture(url: "https://forum.example/y", body: [1, 2, 4]),
                    original: original,
                    originalURL: "https://forum.example/y",
                    originalDate: fetchDate()
                )
            }
            #expect(different?.code == .notIdentical)
            try writer.close()
            #expect(throws: WARCError.self) {
                try writer.writeExchange(sampleCapture(url: "https://f.example/", body: []))
            }

            for name in ["../state.json", "/etc/passwd", "threadkeeper-1.warc.gz", "threadkeeper-00001.warc.gz/..", ""]
            {
                var ref = original
                ref.file = name
                let error = #expect(throws: WARCError.self) { try WARCReader.record(in: directory, at: ref) }
                #expect(error?.code == .invalidReference, "\(name)")
            }
            var stale = original
            stale.payloadDigest = "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            let mismatch = #expect(throws: WARCError.self) { try WARCReader.record(in: directory, at: stale) }
            #expect(mismatch?.code == .digestMismatch)
        }
    }
}

/// A value of state.json, decoded without knowing the writer's type.
enum WARCStateValue: Decodable, Equatable {
    case string(String)
    case int(Int)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
}
