import Foundation
import HTML
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses `html` as UTF-8 bytes.
func parse(_ html: String, charset: String? = nil) throws -> HTMLDocument {
    try HTMLDocument(bytes: Array(html.utf8), declaredCharset: charset)
}

/// Parses raw bytes.
func parse(_ bytes: [UInt8], charset: String? = nil) throws -> HTMLDocument {
    try HTMLDocument(bytes: bytes, declaredCharset: charset)
}

/// The text of the page's `<body>`.
func bodyText(_ document: HTMLDocument) throws -> String {
    try #require(try document.nodes("//body").first).text
}

/// One byte per scalar (each must be ≤ U+00FF): how a test writes a page in a single-byte encoding,
/// so `"caf\u{E9}"` is the four bytes 63 61 66 E9.
func bytes(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar in
        precondition(scalar.value <= 0xFF, "bytes(_:) takes only scalars up to U+00FF")
        return UInt8(scalar.value)
    }
}

/// `text` as UTF-16 code units, little- or big-endian.
func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { unit -> [UInt8] in
        let high = UInt8(unit >> 8)
        let low = UInt8(unit & 0xFF)
        return bigEndian ? [high, low] : [low, high]
    }
}

/// Signs of text decoded in the wrong encoding: UTF-8 read as latin-1/windows-1252, or replacement characters.
let mojibakeMarkers = ["Ã©", "Ã¨", "Ã", "â€", "Â", "\u{FFFD}"]

func hasMojibake(_ text: String) -> Bool {
    mojibakeMarkers.contains { text.contains($0) }
}

/// Runs `body` with file descriptor 2 pointed at a temporary file; returns what was written there.
/// Only one caller at a time (the suites that use it are serialised, and only they use it).
func capturingStandardError(_ body: () throws -> Void) throws -> String {
    var template = Array("/tmp/htmltests-stderr-XXXXXX".utf8CString)
    let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    try #require(file >= 0, "mkstemp failed")
    let path = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
    defer {
        close(file)
        unlink(path)
    }
    fflush(nil)
    let saved = dup(2)
    try #require(saved >= 0, "dup(2) failed")
    dup2(file, 2)
    do {
        try body()
    } catch {
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        throw error
    }
    fflush(nil)
    dup2(saved, 2)
    close(saved)
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    lseek(file, 0, SEEK_SET)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        output.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: output, as: UTF8.self)
}

/// Writes `line` straight to file descriptor 2, as C code would.
func writeToStandardError(_ line: String) {
    let bytes = Array(line.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// The lines of captured stderr that are not Swift Testing's own progress output
/// (other suites run in parallel and report through the same descriptor).
func foreignLines(_ captured: String) -> [String] {
    captured.split(separator: "\n").map(String.init).filter { line in
        !(line.contains("Test ") || line.contains("Suite ") || line.contains("test run")
            || line.hasPrefix("\u{1B}") || line.trimmingCharacters(in: .whitespaces).isEmpty)
    }
}
