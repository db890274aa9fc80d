import Foundation

/// Why a saved page could not be read.
struct SavedPageError: Error { var reason: String }

/// The bytes of a saved page (`-`: standard input, read to its end), refusing one larger than `limit`.
func readSavedPage(_ file: String, limit: Int) throws(SavedPageError) -> [UInt8] {
    if file == "-" { return try readStandardInput(limit: limit) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
        throw SavedPageError(reason: "no such file")
    }
    if isDirectory.boolValue { throw SavedPageError(reason: "is a directory, not a page") }
    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    if size > limit {
        throw SavedPageError(reason: "page is \(size) bytes, more than the limit of \(limit)")
    }
    guard let handle = FileHandle(forReadingAtPath: file) else {
        throw SavedPageError(reason: "cannot be opened (permission denied?)")
    }
    defer { try? handle.close() }
    do {
        // Read at most one byte past the limit: a file that grew meanwhile still fails cleanly.
        return [UInt8](try handle.read(upToCount: limit + 1) ?? Data())
    } catch {
        throw SavedPageError(reason: "cannot be read: \(error.localizedDescription)")
    }
}

/// Standard input to its end, refusing more than `limit` bytes (it stops reading one byte past the limit).
private func readStandardInput(limit: Int) throws(SavedPageError) -> [UInt8] {
    let bytes: Data
    do {
        bytes = try FileHandle.standardInput.read(upToCount: limit + 1) ?? Data()
    } catch {
        throw SavedPageError(reason: "cannot be read: \(error.localizedDescription)")
    }
    if bytes.count > limit {
        throw SavedPageError(reason: "page is more than the limit of \(limit) bytes")
    }
    return [UInt8](bytes)
}

/// How a saved page is named in messages and errors: `stdin` for `-`, else the path.
func savedPageName(_ file: String) -> String { file == "-" ? "stdin" : file }

/// Reads a time given on the command line: ISO 8601 (with or without seconds' fraction) or Unix seconds.
func parseTime(_ text: String) -> Date? {
    if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
}
