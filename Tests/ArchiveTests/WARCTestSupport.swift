import Foundation
import Testing

@testable import Archive

/// Helpers for the WARC and Gzip suites, as members so they never clash with other suites' helpers.
protocol WARCFixtures {}

extension WARCFixtures {
    /// A fresh directory under the system's temporary directory, removed when `body` returns.
    func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("warc-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// 2025-06-17T08:17:00Z plus `minutes`.
    func fetchDate(minutes: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_750_148_220 + Double(minutes * 60))
    }

    /// A GET capture with typical headers.
    func sampleCapture(
        url: String,
        body: [UInt8],
        minutes: Int = 0,
        status: Int = 200,
        contentType: String = "text/html; charset=utf-8",
        extraHeaders: [WARCHeaderField] = []
    ) -> WARCCapture {
        WARCCapture(
            url: url,
            date: fetchDate(minutes: minutes),
            requestHeaders: [
                WARCHeaderField(name: "User-Agent", value: "threadkeeper-tests/1.0"),
                WARCHeaderField(name: "Accept-Encoding", value: "gzip, br"),
            ],
            status: status,
            responseHeaders: [
                WARCHeaderField(name: "Content-Type", value: contentType),
                WARCHeaderField(name: "Content-Encoding", value: "gzip"),
                WARCHeaderField(name: "Content-Length", value: "12"),
                WARCHeaderField(name: "Transfer-Encoding", value: "chunked"),
            ] + extraHeaders,
            body: body
        )
    }

    /// The bytes of a file.
    func fileBytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// Replaces the bytes of a file.
    func writeFileBytes(_ bytes: [UInt8], to url: URL) throws { try Data(bytes).write(to: url) }

    /// The WARC files in a directory, sorted by name.
    func warcFiles(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".warc.gz") }
            .sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// How to run warcio here: the `warcio` script on `PATH`, else `python3 -m warcio.cli`; `nil` when neither works.
    func warcioCommand() -> [String]? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/warcio"
            if FileManager.default.isExecutableFile(atPath: candidate),
                let output = try? run(["/usr/bin/env", candidate, "--version"]), output.status == 0
            {
                return [candidate]
            }
        }
        if let output = try? run(["/usr/bin/env", "python3", "-c", "import warcio.cli"]), output.status == 0 {
            return ["python3", "-m", "warcio.cli"]
        }
        return nil
    }

    /// Runs `arguments` (the first found through `/usr/bin/env`) and waits, collecting its output through files.
    func run(_ arguments: [String]) throws -> WARCProcessOutput {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("warc-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments.first == "/usr/bin/env" ? Array(arguments.dropFirst()) : arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return WARCProcessOutput(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// The record a scan entry points at, parsed with the same checks as `WARCReader`.
    func record(in file: URL, at entry: WARCScan.Entry) throws -> WARCRecord {
        let bytes = try fileBytes(file)
        let member = try Gzip.decompressMember(Array(bytes[entry.offset..<(entry.offset + entry.length)]))
        return try WARCRecord(parsing: member.decoded)
    }

    /// Bytes that do not compress (a 64-bit LCG), so compressed sizes are predictable.
    func pseudoRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        var bytes = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 56)
        }
        return bytes
    }
}

/// What a finished subprocess printed.
struct WARCProcessOutput {
    var status: Int32
    var standardOutput: String
    var standardError: String
}
