import Config
import Foundation
import Testing

/// Inputs the config fuzzer (`scripts/fuzz`) found, kept in Tests/Fixtures/fuzz-regressions/config.
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions/config")

    /// A key spelled with a JSON escape for a control character ("\fetch" is a form feed and "etch") made
    /// the error two lines; the path now quotes and escapes such a key.
    @Test func controlCharacterInAKeyStaysOnOneLine() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("control-character-in-key.json"))
        let description = try #require(Self.failure(data, source: "fuzz.json"))
        #expect(!description.contains { $0.isNewline })
        #expect(description.hasPrefix(#"fuzz.json: $["\u000cetch"]: unknown key"#))
    }

    @Test(arguments: [
        ("{\"a\\nb\": 1}", #"$["a\nb"]"#),
        ("{\"say \\\"hi\\\"\": 1}", #"$["say \"hi\""]"#),
        ("{\"\": 1}", #"$[""]"#),
        ("{\"\\u2028\": 1}", #"$["\u2028"]"#),
        ("{\"sites\": [{\"näme\": 1}]}", "$.sites[0].näme"),
    ])
    func unusualKeysAreQuoted(json: String, path: String) throws {
        let description = try #require(Self.failure(Data(json.utf8), source: "c.json"))
        #expect(description.hasPrefix("c.json: \(path): "), "\(description)")
        #expect(!description.contains { $0.isNewline })
    }

    /// The description of the error decoding `data` gives, or nil when it decodes.
    static func failure(_ data: Data, source: String) -> String? {
        do {
            _ = try ThreadkeeperConfig.decode(data, source: source)
            return nil
        } catch {
            return error.description
        }
    }
}
