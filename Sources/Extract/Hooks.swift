import HTML
import Model

/// Code steps a profile can name in `hooks`, for what XPath cannot reach.
enum Hooks {
    /// The names a profile may use.
    static let names: Set<String> = [democraticUndergroundReplyTree, RedditState.name]

    /// Runs the hook called `name` over an extracted thread.
    static func apply(_ name: String, document: HTMLDocument, to thread: inout Discussion, reader: PageReader) {
        switch name {
        case democraticUndergroundReplyTree: democraticUndergroundReplyTree(&thread, pageURL: reader.pageURL)
        case RedditState.name: RedditState.apply(document: document, to: &thread, reader: reader)
        default:
            break
        }
    }
}
