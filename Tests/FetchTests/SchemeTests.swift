import Fetch
import LoopbackServer
import Testing

@Suite("URLs and schemes")
struct SchemeTests {
    @Test(
        "a start URL that is not http or https is refused before any transfer",
        arguments: [
            "file:///etc/passwd", "ftp://127.0.0.1:PORT/file", "gopher://127.0.0.1:PORT/", "FILE:///etc/hosts",
            "mailto:someone@example.org", "dict://127.0.0.1:PORT/d",
        ])
    func refusesScheme(_ template: String) async throws {
        try await withLoopback(handler: { _ in .text("should not be asked") }) { server, client in
            let url = template.replacingPort(with: server.port)
            let error = try #require(await fetchError(client, url))
            #expect(error.code == .unsupportedScheme)
            #expect(error.url == url)
            #expect(error.attempts == 0)
            #expect(error.description.hasPrefix("\(url): unsupported scheme"))
            #expect(server.connections.total == 0)
        }
    }

    @Test(
        "a malformed URL is refused", arguments: ["not a url", "http://", "http://exa mple.org/", "/relative/path", ""])
    func refusesMalformed(_ url: String) async throws {
        let client = HTTPClient(configuration: .testing())
        let error = await fetchError(client, url)
        #expect(error?.code == .invalidURL || error?.code == .unsupportedScheme)
        await client.shutdown()
    }
}

extension String {
    func replacingPort(with port: Int) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: "PORT") {
            result += rest[..<range.lowerBound] + String(port)
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Substring.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
