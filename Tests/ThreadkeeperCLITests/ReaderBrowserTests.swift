import Foundation
import LoopbackServer
import Testing

/// The web reader in a real browser (Debian's chromium, headless): the XSS corpus, imported as posts of a
/// phpBB thread, renders inert on the thread page and the search page. A payload that ran would set
/// `data-xss` on the `<html>` element or ask the marker server for `/xss-marker/NAME`; a control page
/// without our sanitiser and policy proves this browser would have shown both.
@Suite("Reader in a browser", .serialized, .enabled(if: Chromium.installed != nil, "chromium is not installed (scripts/install-deps installs it)"))
struct ReaderBrowserTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/xss-forum")

    @Test func xssCorpusRendersInert() async throws {
        let chromium = try #require(Chromium.installed)
        let control = """
            <html><body><p>control</p><script>
            document.documentElement.setAttribute('data-xss', 'control');
            new Image().src = '/xss-marker/control';
            </script></body></html>
            """
        try await withServer(handler: { request in
            request.path == "/control" ? .text(control) : .text("", status: 204)
        }) { marker in
            // The control: this browser runs a page's script and its requests reach the marker server.
            let controlDOM = try await chromium.dumpDOM(marker.url("/control"))
            #expect(Chromium.rootTag(controlDOM).contains("data-xss"), "the control page's script did not run: \(controlDOM.prefix(300))")
            #expect(marker.requestCount("/xss-marker/control") == 1)

            let folder = try TemporaryFolder()
            var pages: [String] = []
            for name in ["topic-9001.html"] + (2...6).map({ "topic-9001-\($0).html" }) {
                let page = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
                pages.append(try folder.write(name, page.replacingOccurrences(of: "{{MARKER}}", with: marker.url("/xss-marker"))))
            }
            let archive = folder.path("archive")
            let imported = try await CLI.run(
                ["import"] + pages + ["--url", "http://127.0.0.1:8080/viewtopic.php?t=9001", "--archive", archive], in: folder.url)
            #expect(imported.status == 0, "\(imported)")

            let serve = try BackgroundServe(["--archive", archive], in: folder.url)
            defer { serve.stop() }
            let index = try await chromium.dumpDOM(serve.baseURL + "/")
            let link = try #require(index.firstMatch(of: /href="(\/t\/[^"]+)"/)?.1, "no thread on the index: \(index.prefix(500))")
            let thread = try await chromium.dumpDOM(serve.baseURL + String(link))
            let search = try await chromium.dumpDOM(serve.baseURL + "/search?q=xss")
            let whole = try await chromium.dumpDOM(serve.baseURL + "/search?q=before+OR+cell+OR+words")

            for (name, dom) in [("index", index), ("thread", thread), ("search", search), ("search for payload words", whole)] {
                #expect(dom.contains("</html>"), "\(name) page did not load: \(dom.prefix(300))")
                #expect(!Chromium.rootTag(dom).contains("data-xss"), "a payload ran on the \(name) page: \(Chromium.rootTag(dom))")
            }
            // The thread page shows all 96 posts, so every payload was in front of the browser.
            #expect(thread.components(separatedBy: "id=\"p-").count - 1 == 96, "posts on the thread page")
            #expect(whole.contains("<mark>"), "the search page found no payload: \(whole.prefix(500))")
            let reached = marker.requests.map(\.target).filter { $0.hasPrefix("/xss-marker/") && $0 != "/xss-marker/control" }
            #expect(reached.isEmpty, "payloads reached the marker server: \(reached)")
        }
    }
}
