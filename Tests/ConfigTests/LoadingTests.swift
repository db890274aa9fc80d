import Config
import Foundation
import Testing

@Suite("Loading from a file")
struct LoadingTests {
    /// A fresh folder for one test, removed afterwards.
    private static func withTemporaryFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("threadkeeper-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    @Test func missingFile() throws {
        try Self.withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("config.json").path
            #expect(throws: ConfigError.unreadable(path, reason: "No such file or directory")) {
                _ = try ThreadkeeperConfig.load(from: path)
            }
            let error = try #require(throws: ConfigError.self) { _ = try ThreadkeeperConfig.load(from: path) }
            #expect(error.description == "\(path): cannot read: No such file or directory")
        }
    }

    @Test func folderInsteadOfFile() throws {
        try Self.withTemporaryFolder { folder in
            #expect(throws: ConfigError.unreadable(folder.path, reason: "Is a directory")) {
                _ = try ThreadkeeperConfig.load(from: folder.path)
            }
        }
    }

    @Test func errorsNameTheFileAsGiven() throws {
        try Self.withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("mine.json")
            try Data(#"{"politeness": {"perHost": 0}}"#.utf8).write(to: url)
            let error = try #require(throws: ConfigError.self) { _ = try ThreadkeeperConfig.load(from: url.path) }
            #expect(error.description == "\(url.path): $.politeness.perHost: expected an integer ≥ 1, found 0")
        }
    }

    @Test func notJSONFile() throws {
        try Self.withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("config.json")
            try Data("archive = \"archive\"\n".utf8).write(to: url)
            let error = try #require(throws: ConfigError.self) { _ = try ThreadkeeperConfig.load(from: url.path) }
            #expect(error.code == .notJSON)
            #expect(error.description == "\(url.path): not valid JSON: line 1, column 1: unexpected 'a', expected a value")
        }
    }

    @Test func validFileLoads() throws {
        try Self.withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("config.json")
            try Data("\u{FEFF}{\"archive\": \"elsewhere\"}".utf8).write(to: url)
            let config = try ThreadkeeperConfig.load(from: url.path)
            #expect(config.archive == "elsewhere")
            #expect(config.source == url.path)
        }
    }
}
