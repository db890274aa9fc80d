public import Archive
import Extract
public import Foundation
import Model

extension Pipeline {
    /// The capture of a thread from saved pages (its pages in order, as read from files): each extracted as
    /// if fetched from `url` at `fetchedAt`; a later page's address is the earlier page's next-page link
    /// (or `url#page-N` when it has none).
    public func capture(
        savedPages: [(source: String, bytes: [UInt8])], url: String, fetchedAt: Date, profile: String? = nil
    ) throws(CrawlFailure) -> ThreadCapture {
        var pages: [Discussion] = []
        var responses: [CapturedResponse] = []
        var pageURL = url
        for (index, saved) in savedPages.enumerated() {
            let options = extractionOptions(url: pageURL, fetchedAt: fetchedAt, profile: profile)
            let extracted: ExtractedPage
            do {
                extracted = try extractor.extract(saved.bytes, options: options, source: saved.source)
            } catch {
                throw CrawlFailure(kind: "extraction", error.description)
            }
            guard case .thread(let page) = extracted else {
                throw CrawlFailure(kind: "extraction", "\(saved.source): a listing page, not a thread")
            }
            pages.append(page)
            responses.append(
                CapturedResponse(
                    url: pageURL, status: 200, fetchedAt: fetchedAt,
                    responseHeaders: [HeaderField("Content-Type", "text/html")], body: saved.bytes))
            pageURL = page.pages.next ?? "\(url)#page-\(index + 2)"
        }
        return ThreadCapture(pages: pages, responses: responses, profile: pages.first?.profile, tool: Pipeline.tool)
    }
}
