import Foundation
import Testing

/// The real pages in `../shared/corpus` and their labels. Tests that need them skip when the
/// folder is absent.
enum Corpus {
    /// `shared/corpus`, beside the checkout.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("labels.json").path)
    }

    static let skipReason: Comment = "../shared/corpus is absent: the corpus conformance tests need its real pages"

    /// What a careful person read off one page.
    struct Label: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var engine: String
        var kind: String
        var title: String?
        var posts: Int
        var firstAuthor: String?
        var secondAuthor: String?
        var firstPublishedText: String?
        var story: String?
        var url: String?

        var testDescription: String { file }
    }

    private struct Labels: Decodable { var pages: [Label] }

    static let labels: [Label] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("labels.json")),
            let labels = try? JSONDecoder().decode(Labels.self, from: data)
        else { return [] }
        return labels.pages
    }()

    static func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
    }
}
