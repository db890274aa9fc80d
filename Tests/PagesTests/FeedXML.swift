import Foundation
// An XML parser independent of the feed writer, as the tests of the feeds' well-formedness. (The sanitiser
// under test uses libxml2 through the HTML module; FoundationXML is only used here, in tests.)
import FoundationXML

/// A feed read back with FoundationXML's `XMLParser`: nil when the document is not well-formed XML.
struct ParsedFeed {
    struct Entry: Equatable {
        var id = ""
        var title = ""
        var updated = ""
        var published: String?
        var author = ""
        var authorURI: String?
        var link = ""
        var content = ""
    }

    var id = ""
    var title = ""
    var updated = ""
    var links: [String: String] = [:]
    var generator = ""
    var entries: [Entry] = []

    init?(_ xml: String) {
        let reader = Reader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        guard parser.parse(), reader.error == nil else { return nil }
        self = reader.feed
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var feed = ParsedFeed(empty: ())
        var path: [String] = []
        var text = ""
        var entry: Entry?
        var error: (any Error)?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            path.append(elementName)
            text = ""
            if elementName == "entry" { entry = Entry() }
            if elementName == "link", let rel = attributes["rel"], let href = attributes["href"] {
                if entry != nil { entry?.link = href } else { feed.links[rel] = href }
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            let parent = path.dropLast().last ?? ""
            path.removeLast()
            if elementName == "entry", let done = entry {
                feed.entries.append(done)
                entry = nil
                return
            }
            if entry != nil {
                switch (parent, elementName) {
                case ("entry", "id"): entry?.id = text
                case ("entry", "title"): entry?.title = text
                case ("entry", "updated"): entry?.updated = text
                case ("entry", "published"): entry?.published = text
                case ("entry", "content"): entry?.content = text
                case ("author", "name"): entry?.author = text
                case ("author", "uri"): entry?.authorURI = text
                default: break
                }
            } else {
                switch elementName {
                case "id": feed.id = text
                case "title": feed.title = text
                case "updated": feed.updated = text
                case "generator": feed.generator = text
                default: break
                }
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = parseError }
    }

    private init(empty: Void) {}
}
