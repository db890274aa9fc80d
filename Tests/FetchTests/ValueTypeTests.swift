import LoopbackServer
import Testing

@testable import Fetch

@Suite("Errors, URLs, media types and the test server's encoders")
struct ValueTypeTests {
    @Test("an error describes itself in one line with the URL and the cause")
    func errorDescription() {
        let error = FetchError(
            code: .bodyTooLarge, url: "http://127.0.0.1:8080/big", detail: "body exceeds 20971520 bytes", attempts: 1)
        #expect(error.description == "http://127.0.0.1:8080/big: body exceeds 20971520 bytes")
        let retried = FetchError(code: .connectFailed, url: "http://h/", detail: "refused\nreally", attempts: 4)
        #expect(retried.description == "http://h/: refused really (after 4 attempts)")
        let timed = FetchError(
            code: .connectFailed, url: "http://h/", detail: "refused", attempts: 4, elapsed: .milliseconds(4_040))
        #expect(timed.description == "http://h/: refused (after 4 attempts in 4.0 s)")
        #expect(FetchError.Code.redirectLoop.description == "redirectLoop")
        #expect(FetchError.Code.timedOut != .stalled)
    }

    @Test("a URL without a scheme is invalid and says so; an unsupported scheme is named", arguments: [
        ("example.com", true), ("example.com:8080/x", true), ("127.0.0.1:9/page", true), ("/tmp/page.html", true),
        ("mailto:someone@example.org", false), ("ftp://example.org/", false),
    ])
    func missingScheme(_ url: String, _ lacksScheme: Bool) {
        #expect(FetchTarget.lacksScheme(url) == lacksScheme)
        do {
            _ = try FetchTarget(parsing: url)
            Issue.record("\(url) parsed")
        } catch {
            #expect(error.code == (lacksScheme ? .invalidURL : .unsupportedScheme), "\(error)")
            #expect(error.description.contains("the scheme is missing") == lacksScheme, "\(error)")
        }
    }

    @Test("curl's connect message loses the time of one attempt and reads as one of our lines")
    func connectMessage() {
        #expect(
            TransferOutcome.connectMessage("Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server")
                == "127.0.0.1 port 9: couldn't connect to server")
        #expect(TransferOutcome.connectMessage("Connection refused") == "Connection refused")
    }

    @Test("URLs are parsed the way curl reads them")
    func targets() throws {
        let target = try FetchTarget(parsing: "HTTP://Example.ORG/a/b?c=d#frag")
        #expect(target.scheme == "http")
        #expect(target.host == "example.org")
        #expect(target.port == 80)
        #expect(target.pathAndQuery == "/a/b?c=d")
        #expect(target.hostKey == "example.org:80")
        #expect(target.origin == "http://example.org:80")
        #expect(target.robotsURL == "http://example.org/robots.txt")
        let https = try FetchTarget(parsing: "https://127.0.0.1:8443")
        #expect(https.port == 8443)
        #expect(https.pathAndQuery == "/")
        #expect(https.robotsURL == "https://127.0.0.1:8443/robots.txt")
        #expect(FetchTarget.scheme(of: "mailto:x@y") == "mailto")
        #expect(FetchTarget.scheme(of: "/path:x") == nil)
    }

    @Test(
        "Content-Type yields the media type and the declared charset, raw",
        arguments: [
            ("text/html; charset=ISO-8859-1", "text/html", "ISO-8859-1"),
            ("Text/HTML;Charset=\"Windows-1252\"", "text/html", "Windows-1252"),
            ("text/html", "text/html", nil),
            ("application/xhtml+xml ; q=1 ; charset = utf-8", "application/xhtml+xml", "utf-8"),
            ("text/html; charset=", "text/html", nil),
        ] as [(String, String, String?)])
    func mediaTypes(_ value: String, _ essence: String, _ charset: String?) throws {
        let type = try #require(MediaType(parsing: value))
        #expect(type.essence == essence)
        #expect(type.charset == charset)
    }

    @Test("the CRC of a run of zeros matches the byte-by-byte CRC")
    func crcOfZeros() {
        for count in [0, 1, 7, 258, 1000, 65_537] {
            #expect(CRC32.checksumOfZeros(count: count) == CRC32.checksum([UInt8](repeating: 0, count: count)))
        }
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("HTTP-date formatting round-trips through the fetcher's parser")
    func httpDateFormat() {
        for seconds in [0, 784_111_777, 1_750_087_020, 1_835_438_400, 4_102_444_799] {
            let text = HTTPDateFormat.string(secondsSince1970: seconds)
            #expect(HTTPDate.secondsSince1970(text) == seconds)
        }
        #expect(HTTPDateFormat.string(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
