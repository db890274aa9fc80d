internal import Foundation

/// `warc/state.json`: the newest WARC file and its size at the last `sync()`, `{"file":…,"size":…}`.
struct WARCWriterState: Codable, Equatable {
    var file: String
    var size: Int

    static func url(in directory: URL) -> URL { directory.appendingPathComponent("state.json") }

    /// The state in `directory`, or `nil` when it is missing or unreadable (then the writer starts a new file).
    static func read(from directory: URL) -> WARCWriterState? {
        guard let data = try? Data(contentsOf: url(in: directory)),
            let state = try? JSONDecoder().decode(WARCWriterState.self, from: data),
            WARCFileName.number(of: state.file) != nil, state.size >= 0
        else { return nil }
        return state
    }

    /// The JSON bytes, keys sorted, with a final newline.
    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a String and an Int cannot fail; fall back to hand-written JSON all the same.
        let data = (try? encoder.encode(self)) ?? Data("{\"file\":\"\(file)\",\"size\":\(size)}".utf8)
        return Array(data) + [10]
    }
}
