public import Foundation

/// How the reader's pages are made: where their links point, which time zone they show, and how many
/// threads a page of the index lists.
public struct PageOptions: Sendable {
    /// Server paths (`/t/H/I`) for the web reader, or relative file names for a static export.
    public var linkStyle: LinkStyle
    /// The time zone local times are shown in, beside UTC.
    public var timeZone: TimeZone
    /// Whether post bodies keep remote images (off: loading them tells the forum who reads what).
    public var allowRemoteImages: Bool
    /// Threads per page of the index, hits per page of search results.
    public var pageSize: Int

    public init(
        linkStyle: LinkStyle = .server, timeZone: TimeZone = .current, allowRemoteImages: Bool = false,
        pageSize: Int = 50
    ) {
        self.linkStyle = linkStyle
        self.timeZone = timeZone
        self.allowRemoteImages = allowRemoteImages
        self.pageSize = max(1, pageSize)
    }
}

/// Where the pages' links point.
public enum LinkStyle: Sendable, Hashable {
    /// Absolute server paths: `/`, `/t/H/I?v=2`, `/stories/ID`, with search and feeds.
    case server
    /// Relative file names of a static export: `index.html`, `t/H/I/v-2.html`; no search, no feeds.
    case files
}
