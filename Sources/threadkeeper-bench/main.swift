import Foundation

/// `threadkeeper-bench BENCHMARK [OPTIONS]`: performance is measured here, never by timed tests.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "fetch":
        try await FetchBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "extract":
        try ExtractBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "large":
        try LargePageBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "archive":
        try ArchiveBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "crawl":
        try await CrawlBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "search":
        try SearchBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "pages":
        try PagesBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "serve":
        try await ServeBenchmark.run(arguments: Array(arguments.dropFirst()))
    default:
        FileHandle.standardError.write(
            Data("threadkeeper-bench: unknown benchmark '\(arguments.first ?? "")' (try: fetch, extract, large, archive, crawl, search, pages, serve)\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("threadkeeper-bench: \(error)\n".utf8))
    exit(1)
}
