import HTML
import Model

/// Reads a listing page (a forum's threads) with a profile's listing rules.
struct ListingExtraction {
    let reader: PageReader
    let rules: ListingRules

    func run() -> Listing {
        var listing = Listing()
        listing.title = reader.string(rules.title)
            ?? reader.string(ThreadExtraction.pageTitle)
        listing.nextPage = reader.link(rules.nextPage)
        for row in reader.nodes(rules.rows) {
            if let exclude = rules.exclude, reader.matches(exclude, at: row) { continue }
            var entry = ListingEntry()
            entry.url = reader.link(rules.url, at: row)
            entry.id = reader.string(rules.id, at: row)
            entry.title = reader.string(rules.threadTitle, at: row)
            entry.author = Author(name: reader.string(rules.author, at: row), url: reader.link(rules.authorURL, at: row))
            entry.counts = reader.counts(rules.counts, at: row)
            entry.lastActivity = reader.timestamp(machine: rules.lastActivity, shown: rules.lastActivityText, at: row)
            if let link = reader.links(rules.story, at: row).first(where: {
                Links.isExternal($0, pageURL: reader.pageURL)
            }), let canonical = Links.canonical(link) {
                entry.story = Story(url: link, canonical: canonical)
            }
            listing.threads.append(entry)
        }
        if let forums = rules.forums {
            listing.forums = ForumExtraction(reader: reader, rules: forums).run()
        }
        return listing
    }
}

/// Reads the forums a listing page names with a profile's `listing.forums` rules.
struct ForumExtraction {
    let reader: PageReader
    let rules: ForumRules

    /// The forum nodes the rules keep.
    func nodes() -> [Node] {
        reader.nodes(rules.node).filter { node in rules.exclude.map { !reader.matches($0, at: node) } ?? true }
    }

    /// The forums in page order; a node without a link is no forum (a heading), and a forum listed twice
    /// (the same link under two headings) is kept once.
    func run() -> [ListingForum] {
        var forums: [ListingForum] = []
        var seen = Set<String>()
        for node in nodes() {
            guard let url = reader.link(rules.url, at: node), seen.insert(url).inserted else { continue }
            var counts = ForumCounts()
            counts.topics = reader.count(rules.counts["topics"], at: node)
            counts.posts = reader.count(rules.counts["posts"], at: node)
            forums.append(
                ListingForum(
                    url: url, title: reader.string(rules.title, at: node),
                    description: reader.runTogether(rules.description, at: node),
                    category: reader.string(rules.category, at: node), counts: counts))
        }
        return forums
    }
}
