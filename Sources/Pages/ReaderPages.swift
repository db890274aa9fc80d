public import Archive
import Foundation
import Model

/// The archive as web pages, rendered from Mustache templates: the thread index, stories, a thread as of any
/// version, its history, the diff of two versions, search results and errors. Post bodies always go
/// through `BodySanitizer`; every other value is escaped by the templates.
///
/// The same pages serve the web reader (`LinkStyle.server`) and a static export (`LinkStyle.files`).
public struct ReaderPages: Sendable {
    public let reader: ArchiveReader
    public let options: PageOptions
    /// The stories that have a page (a static export of some threads); nil when every story has one.
    var storyPages: Set<String>?
    /// Posts rendered before, shared by every copy of these pages (the server renders from one).
    package let renderedPosts: RenderedPosts?

    /// Pages of `reader`'s archive; `keepsPosts` keeps rendered posts for pages rendered again (a server).
    public init(reader: ArchiveReader, options: PageOptions = PageOptions(), keepsPosts: Bool = false) {
        self.reader = reader
        self.options = options
        renderedPosts = keepsPosts ? RenderedPosts() : nil
    }

    /// An error page: the status and one line saying what went wrong.
    public func error(status: Int, message: String) -> String {
        let links = links(depth: 0)
        let view = ErrorView(chrome: Chrome(title: "\(status)", links: links), status: status, message: message)
        return PageTemplates.render(view, "error")
    }

    // MARK: - Shared

    func links(depth: Int) -> PageLinks { PageLinks(style: options.linkStyle, depth: depth) }

    var sanitizer: BodySanitizer { BodySanitizer(allowRemoteImages: options.allowRemoteImages) }

    func times() -> TimeText { TimeText(timeZone: options.timeZone) }

    /// `body` with archive errors as page errors.
    func load<T>(_ body: () throws(ArchiveError) -> T) throws(PageError) -> T {
        do {
            return try body()
        } catch {
            throw PageError(.failed, error.description)
        }
    }

    /// How many versions `key` has; not found when it is not archived.
    func versionCount(of key: ThreadKey) throws(PageError) -> Int {
        guard FileManager.default.fileExists(atPath: reader.folder(of: key) + "/versions.jsonl") else {
            throw PageError(.notFound, "\(key): not in the archive")
        }
        return try load { () throws(ArchiveError) in try reader.history(of: key, through: 0).count }
    }

    /// `version` checked against the versions `key` has.
    func check(_ version: Int, of key: ThreadKey, count: Int) throws(PageError) {
        guard version >= 1, version <= count else {
            throw PageError(.notFound, "\(key): no version \(version) (it has \(count))")
        }
    }

    /// A thread's key from the `host/id` a story index or search hit gives.
    static func key(_ text: String) -> ThreadKey {
        guard let slash = text.firstIndex(of: "/") else { return ThreadKey(host: text, id: "") }
        return ThreadKey(host: String(text[..<slash]), id: String(text[text.index(after: slash)...]))
    }

    /// `1 post`, `12 posts`.
    static func plural(_ count: Int, _ word: String) -> String {
        "\(PageText.grouped(count)) \(word)\(count == 1 ? "" : "s")"
    }
}
