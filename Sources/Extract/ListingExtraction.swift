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
        return listing
    }
}
