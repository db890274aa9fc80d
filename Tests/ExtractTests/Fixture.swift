import CorpusSupport
import Extract
import Foundation
import Model

/// The pages one engine's tests read: the synthetic ones in `Fixtures/<engine>/` and the real ones of
/// the corpus (`Corpus`), extracted with the built-in profiles at one fetch time, so relative times
/// ("17 hrs ago", "Today") resolve the same way on every run.
///
/// A suite keeps one in a file-private constant, e.g. `private let phpBB = Fixture("phpbb")`, and
/// reads `try phpBB.thread("phpbb33-prosilver-topic.html")` or `try phpBB.thread(corpus: "phpbb/…")`.
struct Fixture: Sendable {
    /// The fetch time of most fixtures: 2025-06-15T15:06:40Z.
    static let standardFetchedAt = Date(timeIntervalSince1970: 1_750_000_000)

    /// The corpus alone: its pages by their path below `shared/corpus`, fetched at the standard time.
    static let corpus = Fixture(folder: Corpus.folder, fetchedAt: standardFetchedAt)

    /// A page that extracted to the other kind (a listing where a thread was wanted, or the reverse).
    struct WrongKind: Error, CustomStringConvertible {
        var source: String
        var expected: String
        var description: String { "\(source) did not extract to a \(expected)" }
    }

    /// The built-in profiles, loaded once for every test.
    private static let builtIn = Result { () throws(ExtractError) in try ProfileSet.builtIn() }

    /// An extractor with the built-in profiles.
    static func extractor() throws -> Extractor {
        Extractor(profiles: try builtIn.get())
    }

    /// `Fixtures/<engine>/` (or the corpus folder).
    let folder: URL
    /// When the pages were fetched, unless a call says otherwise.
    let fetchedAt: Date

    /// The fixtures in `Fixtures/<engine>/`, fetched at `fetchedAt`.
    init(_ engine: String, fetchedAt: Date = Fixture.standardFetchedAt) {
        self.init(
            folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures").appendingPathComponent(engine),
            fetchedAt: fetchedAt)
    }

    private init(folder: URL, fetchedAt: Date) {
        self.folder = folder
        self.fetchedAt = fetchedAt
    }

    /// The bytes of `file` in the engine's folder.
    func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
    }

    /// Extracts `bytes`; `source` names the page in errors. `fetchedAt` nil: the fixture's.
    func page(_ bytes: [UInt8], source: String, url: String? = nil, fetchedAt: Date? = nil) throws
        -> ExtractedPage
    {
        try Self.extractor().extract(
            bytes, options: ExtractionOptions(url: url, fetchedAt: fetchedAt ?? self.fetchedAt), source: source)
    }

    /// Extracts `file` of the engine's folder.
    func page(_ file: String, url: String? = nil, fetchedAt: Date? = nil) throws -> ExtractedPage {
        try page(bytes(file), source: file, url: url, fetchedAt: fetchedAt)
    }

    /// Extracts `file` of the corpus (a path below `shared/corpus`).
    func page(corpus file: String, url: String? = nil, fetchedAt: Date? = nil) throws -> ExtractedPage {
        try page(Corpus.bytes(file), source: file, url: url, fetchedAt: fetchedAt)
    }

    /// The thread `file` of the engine's folder extracts to.
    func thread(_ file: String, url: String? = nil, fetchedAt: Date? = nil) throws -> Discussion {
        try Self.thread(page(file, url: url, fetchedAt: fetchedAt), source: file)
    }

    /// The thread `file` of the corpus extracts to.
    func thread(corpus file: String, url: String? = nil, fetchedAt: Date? = nil) throws -> Discussion {
        try Self.thread(page(corpus: file, url: url, fetchedAt: fetchedAt), source: file)
    }

    /// The listing `file` of the engine's folder extracts to.
    func listing(_ file: String, url: String? = nil, fetchedAt: Date? = nil) throws -> Listing {
        try Self.listing(page(file, url: url, fetchedAt: fetchedAt), source: file)
    }

    /// The listing `file` of the corpus extracts to.
    func listing(corpus file: String, url: String? = nil, fetchedAt: Date? = nil) throws -> Listing {
        try Self.listing(page(corpus: file, url: url, fetchedAt: fetchedAt), source: file)
    }

    private static func thread(_ page: ExtractedPage, source: String) throws -> Discussion {
        guard case .thread(let thread) = page else { throw WrongKind(source: source, expected: "thread") }
        return thread
    }

    private static func listing(_ page: ExtractedPage, source: String) throws -> Listing {
        guard case .listing(let listing) = page else { throw WrongKind(source: source, expected: "listing") }
        return listing
    }
}
