public import Foundation
import HTML
public import Model

/// What the extractor needs to know about a page besides its bytes.
public struct ExtractionOptions: Sendable {
    /// The page's address (resolves relative links; helps recognise the site).
    public var url: String?
    /// When the page was fetched: relative times ("17 hrs ago") resolve against it.
    public var fetchedAt: Date
    /// The charset of the HTTP `Content-Type`, when the page came over HTTP.
    public var declaredCharset: String?
    /// The site's time zone, overriding the profile's.
    public var timeZone: TimeZone?
    /// Use this profile instead of detecting one.
    public var profile: String?
    /// Larger pages are refused.
    public var maximumBytes: Int
    /// Whether queries of the shapes `FastPath` knows run as tree walks (the default) rather than through
    /// libxml2's XPath; the results are the same. For the benchmark's `--no-fast-path`.
    package var usesFastPath = true

    /// The default size limit: the fetcher's default body cap, 20 MiB.
    public static let defaultMaximumBytes = Defaults.maxBodyBytes

    public init(
        url: String? = nil, fetchedAt: Date = Date(), declaredCharset: String? = nil, timeZone: TimeZone? = nil, profile: String? = nil,
        maximumBytes: Int = ExtractionOptions.defaultMaximumBytes
    ) {
        self.url = url
        self.fetchedAt = fetchedAt
        self.declaredCharset = declaredCharset
        self.timeZone = timeZone
        self.profile = profile
        self.maximumBytes = maximumBytes
    }
}

/// Turns the bytes of a thread or listing page into the thread JSON of DESIGN.md, with the
/// profile that recognises the page (or the one named), filling gaps from schema.org markup.
public struct Extractor: Sendable {
    /// The profiles to choose from.
    public let profiles: ProfileSet

    public init(profiles: ProfileSet) {
        self.profiles = profiles
    }

    /// Extracts one page.
    /// - Parameter source: the file or URL named in errors.
    public func extract(_ bytes: [UInt8], options: ExtractionOptions, source: String) throws(ExtractError)
        -> ExtractedPage
    {
        let document = try parse(bytes, options: options, source: source)
        let pageURL = options.url ?? Self.declaredURL(of: document)
        let structured = StructuredData.read(document, pageURL: pageURL)
        guard let profile = try chooseProfile(for: document, options: options, source: source) else {
            if let structured, !structured.posts.isEmpty {
                return .thread(genericThread(structured, options: options, pageURL: pageURL))
            }
            throw ExtractError(
                .unknownEngine, source: source,
                "no profile recognises this page and it has no schema.org discussion markup "
                    + "(profiles: \(profiles.names.joined(separator: ", ")))")
        }
        let reader = PageReader(
            document: document, profile: profile,
            timeZone: options.timeZone ?? profile.timeZone.flatMap(TimeZone.init(identifier:)) ?? .gmt,
            fetchedAt: options.fetchedAt, pageURL: pageURL)
        if isListing(reader, profile: profile), let rules = profile.listing {
            let listing = ListingExtraction(reader: reader, rules: rules).run()
            guard !listing.threads.isEmpty || !listing.forums.isEmpty else {
                throw ExtractError(
                    .nothingFound, source: source, "profile \(profile.name) found no thread rows or forums")
            }
            var result = listing
            result.profile = profile.name
            result.url = options.url ?? result.url ?? pageURL
            result.site = SiteName.of(result.url)
            return .listing(result)
        }
        guard let rules = profile.thread else {
            throw ExtractError(.nothingFound, source: source, "profile \(profile.name) has no thread rules")
        }
        var thread = ThreadExtraction(reader: reader, rules: rules).run()
        for hook in profile.hooks {
            Hooks.apply(hook, document: document, to: &thread, reader: reader)
        }
        if let structured {
            thread.fill(from: structured)
        }
        guard !thread.posts.isEmpty else {
            throw ExtractError(.nothingFound, source: source, "profile \(profile.name) found no posts")
        }
        thread.profile = profile.name
        thread.url = options.url ?? thread.url ?? pageURL
        thread.site = SiteName.of(thread.url)
        return .thread(thread)
    }

    /// Parses the bytes, mapping HTML-layer failures to one line about the source.
    func parse(_ bytes: [UInt8], options: ExtractionOptions, source: String) throws(ExtractError) -> HTMLDocument {
        do {
            let document = try HTMLDocument(
                bytes: bytes, declaredCharset: options.declaredCharset, url: options.url,
                maximumBytes: options.maximumBytes)
            document.usesFastPath = options.usesFastPath
            return document
        } catch {
            throw ExtractError(.unreadable, source: source, error.detail, htmlCode: error.code)
        }
    }

    /// The named profile, or the one whose URL patterns and markers fit the page best.
    func chooseProfile(for document: HTMLDocument, options: ExtractionOptions, source: String) throws(ExtractError)
        -> Profile?
    {
        if let name = options.profile {
            guard let profile = profiles.profile(named: name) else {
                throw ExtractError(
                    .unknownProfile, source: source,
                    "unknown profile \"\(name)\" (known: \(profiles.names.joined(separator: ", ")))")
            }
            return profile
        }
        return ProfileDetector(profiles: profiles).best(for: document, url: options.url)?.profile
    }

    func isListing(_ reader: PageReader, profile: Profile) -> Bool {
        guard let listing = profile.listing else { return false }
        if profile.detect.listing.contains(where: { reader.matches($0) }) { return true }
        guard let thread = profile.thread else { return true }
        let hasPosts = thread.posts.contains { !reader.nodes($0.node).isEmpty }
        guard !hasPosts else { return false }
        // A board index lists forums and no threads.
        return !reader.nodes(listing.rows).isEmpty
            || listing.forums.map { !ForumExtraction(reader: reader, rules: $0).nodes().isEmpty } ?? false
    }

    /// A thread read only from schema.org markup, for pages no profile knows.
    func genericThread(_ structured: StructuredThread, options: ExtractionOptions, pageURL: String?) -> Discussion {
        var thread = Discussion(profile: "schema.org", url: options.url ?? pageURL)
        thread.fill(from: structured)
        thread.site = SiteName.of(thread.url)
        thread.story = thread.story ?? ThreadExtraction.story(of: thread, pageURL: pageURL)
        return thread
    }

    /// The page's own address from `<link rel=canonical>` or `og:url`, for pages read from files.
    static func declaredURL(of document: HTMLDocument) -> String? {
        for xpath in declaredURLQueries {
            if let value = xpath.evaluate(in: document)?.string.trimmingCharacters(in: .whitespaces),
                value.hasPrefix("http://") || value.hasPrefix("https://")
            {
                return value
            }
        }
        return nil
    }

    private static let declaredURLQueries = [
        "string(//link[@rel='canonical']/@href)", "string(//meta[@property='og:url']/@content)", "string(//base/@href)",
    ].map(CompiledXPath.shared)
}

extension Discussion {
    /// Fills what the profile left empty from schema.org markup: title, address, counts and story;
    /// all posts when the profile found none; otherwise, when the markup describes the same posts
    /// (same number, and no author or time that disagrees), each post's missing author, times, body
    /// and counts.
    mutating func fill(from structured: StructuredThread) {
        if title == nil { title = structured.title }
        if url == nil { url = structured.url }
        counts = counts.filling(from: structured.counts)
        if story == nil, let link = structured.story, let canonical = Links.canonical(link) {
            story = Story(url: link, canonical: canonical)
        }
        if posts.isEmpty {
            posts = structured.posts
            return
        }
        guard structured.posts.count == posts.count,
            zip(posts, structured.posts).allSatisfy({ Self.describeSamePost($0, $1) })
        else { return }
        for index in posts.indices {
            posts[index].fill(from: structured.posts[index])
        }
    }

    /// Whether a post the profile read and one the markup describes can be the same post: their
    /// authors (when both name one) match, and their times (when both have one) lie within a day.
    /// Keeps a page-2 markup block that describes the opening post from filling page 2's first reply.
    static func describeSamePost(_ read: Post, _ marked: Post) -> Bool {
        if let name = read.author.name, let other = marked.author.name,
            name.compare(other, options: [.caseInsensitive, .diacriticInsensitive]) != .orderedSame
        {
            return false
        }
        if let iso = read.published.iso, let other = marked.published.iso,
            let date = DateReaderCache.utc.date(from: iso, fetchedAt: Date())?.date,
            let otherDate = DateReaderCache.utc.date(from: other, fetchedAt: Date())?.date,
            abs(date.timeIntervalSince(otherDate)) > 86_400
        {
            return false
        }
        return true
    }
}

extension Post {
    /// Takes what this post lacks from the same post as schema.org markup describes it.
    mutating func fill(from marked: Post) {
        if author.name == nil { author.name = marked.author.name }
        if author.url == nil { author.url = marked.author.url }
        if author.postCount == nil { author.postCount = marked.author.postCount }
        if published.iso == nil, marked.published.iso != nil {
            published.iso = marked.published.iso
            published.isApproximate = marked.published.isApproximate
            if published.text == nil { published.text = marked.published.text }
        }
        if edited.iso == nil, edited.text == nil { edited = marked.edited }
        if text == nil, html == nil {
            text = marked.text
            html = marked.html
            if links.isEmpty { links = marked.links }
        }
        counts = counts.filling(from: marked.counts)
    }
}
