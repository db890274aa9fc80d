public import Foundation
public import Testing

/// The real pages of `shared/corpus`, beside the checkout (`../shared/corpus`), and their labels: one
/// place every test target finds them. Pages are read in place, never copied into the repository, and
/// tests that need them skip with `skipReason` when the folder is absent.
public enum Corpus {
    /// `shared/corpus` beside the checkout, found from this file's place in it.
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// Whether the corpus is here: its `labels.json` is readable.
    public static var isAvailable: Bool {
        FileManager.default.isReadableFile(atPath: folder.appendingPathComponent("labels.json").path)
    }

    /// Why a test that needs the corpus did not run.
    public static let skipReason: Comment =
        "../shared/corpus (beside the checkout) is absent: this test reads its real pages"

    /// What a careful person read off one page.
    public struct Label: Decodable, Sendable, CustomTestStringConvertible {
        /// The page's path below `shared/corpus`.
        public var file: String
        public var engine: String
        /// `thread` or `listing`.
        public var kind: String
        public var title: String?
        public var posts: Int
        public var firstAuthor: String?
        public var secondAuthor: String?
        public var firstPublishedText: String?
        public var story: String?
        /// The address the page was fetched from, when known.
        public var url: String?

        public var testDescription: String { file }
    }

    private struct Labels: Decodable { var pages: [Label] }

    /// Every labelled page, in the order of `labels.json`; empty without the corpus.
    public static let labels: [Label] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("labels.json")),
            let labels = try? JSONDecoder().decode(Labels.self, from: data)
        else { return [] }
        return labels.pages
    }()

    /// The address of `file`, a path below `shared/corpus`.
    public static func url(_ file: String) -> URL {
        folder.appendingPathComponent(file)
    }

    /// The file system path of `file`, a path below `shared/corpus`.
    public static func path(_ file: String) -> String {
        url(file).path
    }

    /// Whether `file`, a path below `shared/corpus`, is readable.
    public static func contains(_ file: String) -> Bool {
        FileManager.default.isReadableFile(atPath: path(file))
    }

    /// The bytes of `file`, a path below `shared/corpus`.
    public static func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(file)))
    }
}
