import Testing

/// Every crawl suite runs inside this one, one test at a time: the tests measure request timing at a
/// loopback server, which other crawls running at once on a small machine would disturb.
@Suite("Crawl", .serialized)
struct CrawlSuite {}
