internal import CLibXML2

/// `xmlInitParser` once per process, before any document or XPath expression.
let libxml2Initialised: Bool = {
    xmlInitParser()
    return true
}()

/// A parsed HTML page. Owns its libxml2 tree; nodes and query results keep it alive.
///
/// Not `Sendable`: parse, extract values, and drop the document in one synchronous call.
public final class HTMLDocument {
    let pointer: xmlDocPtr
    /// One XPath context for every query on this document, made on first use: a context per query
    /// costs more than a short relative query itself.
    var xpathContext: xmlXPathContextPtr?
    /// Set when the tree changed after `xmlXPathOrderDocElems` numbered its elements.
    var elementOrderIsStale = false
    /// The elements by name, for `FastPath` queries; made on first use, dropped when the tree changes.
    var elementIndex: FastPath.ElementIndex?
    /// Whether queries given as strings may run as `FastPath` walks (the default); false sends them all
    /// to libxml2, which gives the same results: the benchmark's `--no-fast-path` measures what the walks save.
    package var usesFastPath = true
    /// The encoding the bytes were read in, and what decided it.
    public let charset: Charset.Detection
    /// The page's address, used to resolve relative links.
    public let url: String?

    /// The largest input accepted by default (the fetcher's body cap).
    public static let defaultMaximumBytes = 20 * 1024 * 1024

    /// Parses `bytes` as HTML.
    /// - Parameters:
    ///   - declaredCharset: the charset of the HTTP `Content-Type`, which wins over everything in the page.
    ///   - url: the page's address.
    ///   - maximumBytes: inputs larger than this fail with `.tooLarge`.
    public init(
        bytes: [UInt8], declaredCharset: String? = nil, url: String? = nil,
        maximumBytes: Int = HTMLDocument.defaultMaximumBytes
    ) throws(HTMLError) {
        precondition(libxml2Initialised)
        guard bytes.count <= maximumBytes else {
            throw HTMLError(.tooLarge, "page is \(bytes.count) bytes, more than the limit of \(maximumBytes)")
        }
        guard bytes.contains(where: { !ByteClass.isHTMLSpace($0) }) else {
            throw HTMLError(.empty, "empty page (no content)")
        }
        let detection = Charset.detect(bytes, declared: declaredCharset)
        if let kind = Self.binaryKind(bytes, encoding: detection.encoding) {
            throw HTMLError(.binary, "not an HTML page: \(kind)")
        }
        guard let input = Charset.decode(bytes, as: detection.encoding) else {
            throw HTMLError(.unsupportedEncoding, "unsupported character encoding \"\(detection.encoding)\"")
        }
        guard input.contains(where: { !ByteClass.isHTMLSpace($0) }) else {
            throw HTMLError(.empty, "empty page (only whitespace in \(detection.encoding))")
        }
        guard input.count < Int(Int32.max) else {
            throw HTMLError(.tooLarge, "page is \(input.count) bytes once decoded to UTF-8, more than libxml2 takes")
        }
        // The bytes are now well-formed UTF-8 whatever the page said, so libxml2 must not switch encodings
        // on a <meta> (IGNORE_ENC). NODEFDTD: no made-up doctype in the tree. HUGE lifts the depth limit of 256: without it libxml2 silently drops
        // everything after the 256th unclosed element, and the tree code used here is not recursive.
        let options = Int32(
            bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
                | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue
        )
        guard let context = htmlNewParserCtxt() else {
            throw HTMLError(.unparseable, "out of memory creating a parser")
        }
        defer { htmlFreeParserCtxt(context) }
        let document = input.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    htmlCtxtReadMemory(context, chars, Int32(buffer.count), url, "UTF-8", options)
                }
            }
        }
        guard let document else {
            throw HTMLError(.unparseable, "libxml2 could not build a tree from the page")
        }
        Self.mergeStartTagAttributes(into: document, from: input)
        // Numbers the elements once so XPath sorts node sets and compares positions without walking the tree.
        xmlXPathOrderDocElems(document)
        self.pointer = document
        self.charset = detection
        self.url = url
    }

    deinit {
        if let xpathContext { xmlXPathFreeContext(xpathContext) }
        xmlFreeDoc(pointer)
    }

    /// Numbers the elements in document order again if the tree changed since they were numbered:
    /// libxml2's XPath sorts node sets and compares positions by that numbering when it is present.
    func refreshElementOrder() {
        guard elementOrderIsStale else { return }
        xmlXPathOrderDocElems(pointer)
        elementOrderIsStale = false
        elementIndex = nil
    }

    /// The root element (`<html>`), if the page has one.
    public var root: Node? {
        xmlDocGetRootElement(pointer).map { Node(document: self, pointer: $0) }
    }

    /// What kind of binary data `bytes` hold, if they are not text: a known file signature, or NUL bytes
    /// (which text never has, except in UTF-16).
    private static func binaryKind(_ bytes: [UInt8], encoding: String) -> String? {
        let signatures: [(String, [UInt8])] = [
            ("a PNG image", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ("a GIF image", Array("GIF87a".utf8)), ("a GIF image", Array("GIF89a".utf8)),
            ("a JPEG image", [0xFF, 0xD8, 0xFF]),
            ("a PDF document", Array("%PDF-".utf8)),
            ("a ZIP archive", [0x50, 0x4B, 0x03, 0x04]),
            ("gzip-compressed data", [0x1F, 0x8B]),
            ("zstd-compressed data", [0x28, 0xB5, 0x2F, 0xFD]),
            ("a WebAssembly module", [0x00, 0x61, 0x73, 0x6D]),
        ]
        for (kind, signature) in signatures where bytes.starts(with: signature) {
            return kind
        }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) {
            return "a WebP image"
        }
        if !encoding.hasPrefix("UTF-16") {
            let sample = bytes.prefix(8192)
            if sample.contains(0) {
                return "binary data (NUL bytes in the first \(sample.count) bytes)"
            }
        }
        return nil
    }
}
