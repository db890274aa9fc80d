import Foundation
import Testing

@testable import Archive

/// warcio (webrecorder's reference reader, `pip install warcio`) reads and checks what we write.
@Suite("WARC files checked by warcio")
struct WARCInteropTests: WARCFixtures {
    @Test("warcio check passes every digest; warcio index lists our records at our offsets")
    func warcioReadsOurFiles() throws {
        let warcio = try #require(
            warcioCommand(),
            "warcio is not installed: run `pip install warcio` (CI installs it); these tests need an independent reader"
        )
        try withTemporaryDirectory { directory in
            let writer = try WARCWriter(directory: directory, software: "threadkeeper/0.1")
            let html = Array("<html><body><p>Erster Beitrag — ✓</p></body></html>".utf8)
            let page = try writer.writeExchange(
                sampleCapture(
                    url: "https://forum.example/t/42",
                    body: html,
                    extraHeaders: [WARCHeaderField(name: "X-Note", value: "Grüße ✓")]
                )
            )
            let big = try writer.writeExchange(
                sampleCapture(
                    url: "https://forum.example/big.bin",
                    body: pseudoRandomBytes(count: 1_300_000, seed: 5),
                    contentType: "application/octet-stream"
                )
            )
            let empty = try writer.writeExchange(
                sampleCapture(url: "https://forum.example/empty", body: [], status: 204)
            )
            let revisit = try writer.writeRevisit(
                sampleCapture(url: "https://forum.example/t/42", body: html, minutes: 30),
                original: page,
                originalURL: "https://forum.example/t/42",
                originalDate: fetchDate()
            )
            try writer.close()
            let file = directory.appendingPathComponent(page.file).path

            let check = try run(warcio + ["check", "-v", file])
            #expect(check.status == 0, "warcio check failed:\n\(check.standardOutput)\(check.standardError)")
            #expect(!check.standardOutput.contains("failed"), "\(check.standardOutput)")
            // Every record but the revisit carries a digest warcio verified.
            #expect(
                check.standardOutput.components(separatedBy: "digest pass").count - 1 == 8,
                "\(check.standardOutput)"
            )

            let index = try run(warcio + ["index", "-f", "offset,warc-type,warc-target-uri,http:status", file])
            #expect(index.status == 0, "warcio index failed: \(index.standardError)")
            let entries = try index.standardOutput.split(separator: "\n").map { line in
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            }
            let rows = entries.map { entry in
                ["offset", "warc-type", "warc-target-uri", "http:status"].map { "\(entry[$0] ?? "-")" }
                    .joined(separator: " ")
            }
            #expect(entries.first?["warc-type"] as? String == "warcinfo")
            #expect(rows.contains("\(page.offset) response https://forum.example/t/42 200"), "\(rows)")
            #expect(rows.contains("\(big.offset) response https://forum.example/big.bin 200"), "\(rows)")
            #expect(rows.contains("\(empty.offset) response https://forum.example/empty 204"), "\(rows)")
            #expect(rows.contains("\(revisit.offset) revisit https://forum.example/t/42 200"), "\(rows)")
            #expect(rows.filter { $0.contains(" request ") }.count == 4, "\(rows)")
            #expect(entries.count == 9)

            let payload = try run(warcio + ["extract", "--payload", file, String(page.offset)])
            #expect(payload.status == 0, "warcio extract failed: \(payload.standardError)")
            #expect(Array(payload.standardOutput.utf8) == html)

            let headers = try run(warcio + ["extract", "--headers", file, String(page.offset)])
            #expect(headers.standardOutput.contains("X-Note: Grüße ✓"), "\(headers.standardOutput)")
            #expect(headers.standardOutput.contains("WARC-Payload-Digest: \(page.payloadDigest)"))
        }
    }
}
