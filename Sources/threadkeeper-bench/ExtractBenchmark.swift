import CLibXML2
import Extract
import Foundation
import HTML
import Model

/// `threadkeeper-bench extract`: the extractor over every corpus page, many times, against the
/// floor of libxml2 alone parsing the same bytes into a tree (`htmlCtxtReadMemory` + free).
/// `--no-fast-path` sends every query to libxml2's XPath instead of `FastPath`'s tree walks, to measure
/// what the walks save.
enum ExtractBenchmark {
    struct Page {
        var file: String
        var bytes: [UInt8]
        var url: String?
        var encoding: String
    }

    static func run(arguments: [String]) throws {
        var iterations = 20
        var perPage = false
        var usesFastPath = true
        var corpus = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--iterations":
                index += 1
                iterations = index < arguments.count ? Int(arguments[index]) ?? iterations : iterations
            case "--per-page":
                perPage = true
            case "--no-fast-path":
                usesFastPath = false
            case "--corpus":
                index += 1
                if index < arguments.count { corpus = arguments[index] }
            default:
                throw BenchmarkError(
                    "extract: unknown argument \(arguments[index])"
                        + " (use --iterations N, --corpus DIR, --per-page, --no-fast-path)")
            }
            index += 1
        }
        let pages = try loadPages(corpus)
        let totalBytes = pages.reduce(0) { $0 + $1.bytes.count }
        let extractor = Extractor(profiles: try ProfileSet.builtIn())
        let fetchedAt = Date(timeIntervalSince1970: 1_750_000_000)
        print(
            "extract benchmark: \(pages.count) pages, \(totalBytes) bytes, \(iterations) iterations",
            "(release build: \(isRelease), fast path: \(usesFastPath ? "on" : "off"))")

        // Warm up both paths once (page cache, lazy globals, compiled regexes).
        _ = floorPass(pages)
        var items = try extractionPass(pages, extractor: extractor, fetchedAt: fetchedAt, usesFastPath: usesFastPath)

        var floorTimes: [Double] = []
        var extractTimes: [Double] = []
        for _ in 0..<iterations {
            floorTimes.append(floorPass(pages))
            let start = ContinuousClock.now
            items = try extractionPass(pages, extractor: extractor, fetchedAt: fetchedAt, usesFastPath: usesFastPath)
            extractTimes.append(seconds(ContinuousClock.now - start))
        }
        let floor = median(floorTimes)
        let extract = median(extractTimes)
        let megabytes = Double(totalBytes) / 1_048_576
        print(String(format: "libxml2 parse floor:  %8.2f ms/pass  %7.1f MB/s", floor * 1000, megabytes / floor))
        print(String(format: "extraction:           %8.2f ms/pass  %7.1f MB/s  %9.0f posts+rows/s",
                     extract * 1000, megabytes / extract, Double(items) / extract))
        print(String(format: "ratio extraction/floor: %.2f× (goal ≤ 1.25×)", extract / floor))
        print("peak memory (VmHWM): \(peakMemory())")
        if perPage {
            print("per page (median of \(iterations)): extraction ms, floor ms, ratio")
            for page in pages {
                var extractTimes: [Double] = []
                var floorTimes: [Double] = []
                for _ in 0..<iterations {
                    floorTimes.append(floorPass([page]))
                    let start = ContinuousClock.now
                    _ = try extractionPass(
                        [page], extractor: extractor, fetchedAt: fetchedAt, usesFastPath: usesFastPath)
                    extractTimes.append(seconds(ContinuousClock.now - start))
                }
                let (e, f) = (median(extractTimes), median(floorTimes))
                print(String(format: "  %-62@ %8.2f %8.2f %6.2f×", page.file as NSString, e * 1000, f * 1000, e / f))
            }
        }
    }

    static var isRelease: Bool {
        #if DEBUG
            return false
        #else
            return true
        #endif
    }

    static func loadPages(_ corpus: String) throws -> [Page] {
        let labelsURL = URL(fileURLWithPath: corpus).appendingPathComponent("labels.json")
        guard let data = try? Data(contentsOf: labelsURL),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let labels = object["pages"] as? [[String: Any]]
        else {
            throw BenchmarkError("extract: cannot read \(labelsURL.path) (pass --corpus DIR)")
        }
        return try labels.compactMap { label in
            guard let file = label["file"] as? String else { return nil }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: corpus).appendingPathComponent(file)))
            // libxml2's own windows-1252 converter (iconv) rejects the code page's five holes and
            // stops; its built-in latin-1 reader never fails, as a plain libxml2 user would choose.
            let detected = Charset.detect(bytes).encoding
            let encoding = detected == "windows-1252" ? "ISO-8859-1" : detected
            return Page(file: file, bytes: bytes, url: label["url"] as? String, encoding: encoding)
        }
    }

    /// Extracts every page once; returns the posts and rows found.
    static func extractionPass(
        _ pages: [Page], extractor: Extractor, fetchedAt: Date, usesFastPath: Bool
    ) throws -> Int {
        var items = 0
        for page in pages {
            var options = ExtractionOptions(url: page.url, fetchedAt: fetchedAt)
            options.usesFastPath = usesFastPath
            switch try extractor.extract(page.bytes, options: options, source: page.file) {
            case .thread(let thread): items += thread.posts.count
            case .listing(let listing): items += listing.threads.count
            }
        }
        return items
    }

    /// libxml2 alone: parse each page into a tree with the same options and encoding, then free it.
    static func floorPass(_ pages: [Page]) -> Double {
        let options = Int32(
            bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
                | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)
        let start = ContinuousClock.now
        for page in pages {
            guard let context = htmlNewParserCtxt() else { continue }
            let document = page.bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        htmlCtxtReadMemory(context, $0, Int32(buffer.count), nil, page.encoding, options)
                    }
                }
            }
            if let document { xmlFreeDoc(document) }
            htmlFreeParserCtxt(context)
        }
        return seconds(ContinuousClock.now - start)
    }
}
