// swift-tools-version: 6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "threadkeeper",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "threadkeeper", targets: ["threadkeeper"]),
        .executable(name: "threadkeeper-bench", targets: ["threadkeeper-bench"]),
        .library(name: "Fetch", targets: ["Fetch"]),
        .library(name: "Extract", targets: ["Extract"]),
        .library(name: "Archive", targets: ["Archive"]),
        .library(name: "Crawl", targets: ["Crawl"]),
        .library(name: "Search", targets: ["Search"]),
        .library(name: "Pages", targets: ["Pages"]),
        .library(name: "Server", targets: ["Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C libraries, reached only through Fetch (CCurl) and HTML (CLibXML2).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // Domain value types every layer may import.
        .target(name: "Model", swiftSettings: swiftSettings),
        // A lock every concurrent part uses, one that ThreadSanitizer can check (see `Locked`).
        .target(name: "Locking", swiftSettings: swiftSettings),
        // HTTP client on curl's multi interface.
        .target(name: "Fetch", dependencies: ["CCurl", "Model", "Locking"], swiftSettings: swiftSettings),
        // Safe Swift layer over libxml2's HTML parser and XPath.
        .target(name: "HTML", dependencies: ["CLibXML2", "Locking"], swiftSettings: swiftSettings),
        // Site profiles, structured data, dates, counts, story links.
        .target(
            name: "Extract",
            dependencies: ["HTML", "Model", "Locking"],
            resources: [.copy("Profiles")],
            swiftSettings: swiftSettings
        ),
        // config.json: typed, validated.
        .target(name: "Config", dependencies: ["Model"], swiftSettings: swiftSettings),
        // The versioned thread store: snapshots, history, WARC captures, diff, verify.
        .target(
            name: "Archive",
            dependencies: ["Model", "CZlib", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The pipeline as a library: config → one client → listings and threads → extract → archive.
        .target(
            name: "Crawl",
            dependencies: ["Model", "Fetch", "Extract", "Config", "Archive", "Locking"],
            swiftSettings: swiftSettings
        ),
        // Full-text search over the archive: a derived SQLite FTS5 index (GRDB), rebuilt whenever in doubt.
        .target(
            name: "Search",
            dependencies: ["Model", "Archive", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The archive as web pages: templates, sanitised post bodies, Atom feeds, static export.
        .target(
            name: "Pages",
            dependencies: ["Model", "Archive", "HTML", "Search", "Locking", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings
        ),
        // `threadkeeper serve`: the pages, search and feeds over HTTP (Hummingbird), read-only on the archive.
        .target(
            name: "Server",
            dependencies: [
                "Model", "Archive", "Search", "Pages", "Locking",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "threadkeeper",
            dependencies: [
                "Model", "Fetch", "HTML", "Extract", "Config", "Archive", "Crawl", "Search", "Pages", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // A misbehaving HTTP/1.1 server on 127.0.0.1, for tests and the benchmark.
        .target(
            name: "LoopbackServer",
            dependencies: [
                "Locking",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/LoopbackServer",
            swiftSettings: swiftSettings
        ),
        // The real pages of `../shared/corpus` and their labels, for every test target that reads them.
        .target(name: "CorpusSupport", path: "Tests/CorpusSupport", swiftSettings: swiftSettings),
        // What several test targets share: a seeded random number generator.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .executableTarget(
            name: "threadkeeper-bench",
            dependencies: [
                "Fetch", "HTML", "Extract", "Model", "Archive", "Search", "Pages", "Server", "CLibXML2", "LoopbackServer",
                "Locking",
            ],
            swiftSettings: swiftSettings
        ),

        // libFuzzer targets (`scripts/fuzz`): the parse path, config.json loading, robots.txt parsing. Built
        // normally they replay saved inputs; `scripts/fuzz` builds them with `-sanitize=fuzzer,address`.
        .target(name: "CFuzzerDriver", path: "Fuzz/CFuzzerDriver"),
        .target(
            name: "FuzzSupport", dependencies: ["CFuzzerDriver"], path: "Fuzz/FuzzSupport",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "ParseFuzzer", dependencies: ["Extract", "Model", "FuzzSupport"], path: "Fuzz/ParseFuzzer",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "ConfigFuzzer", dependencies: ["Config", "Extract", "FuzzSupport"], path: "Fuzz/ConfigFuzzer",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "RobotsFuzzer", dependencies: ["Fetch", "FuzzSupport"], path: "Fuzz/RobotsFuzzer",
            swiftSettings: swiftSettings),

        .testTarget(name: "LockingTests", dependencies: ["Locking"], swiftSettings: swiftSettings),
        .testTarget(name: "ModelTests", dependencies: ["Model", "TestSupport"], exclude: ["Golden"], swiftSettings: swiftSettings),
        .testTarget(name: "FetchTests", dependencies: ["Fetch", "LoopbackServer", "TestSupport", "Locking"], swiftSettings: swiftSettings),
        .testTarget(name: "HTMLTests", dependencies: ["HTML", "CorpusSupport", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ExtractTests",
            dependencies: ["Extract", "HTML", "Model", "CorpusSupport", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ConfigTests", dependencies: ["Config"], swiftSettings: swiftSettings),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "Model", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CrawlTests",
            dependencies: ["Crawl", "Archive", "Config", "Extract", "Model", "LoopbackServer", "Locking"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SearchTests", dependencies: ["Search", "Archive", "Model"], swiftSettings: swiftSettings),
        .testTarget(name: "PagesTests", dependencies: ["Pages", "Search", "Archive", "Model", "HTML"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Search", "Pages", "Archive", "Model",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ThreadkeeperCLITests",
            // The executable: the tests run the built `threadkeeper` as a subprocess.
            dependencies: ["threadkeeper", "LoopbackServer", "CorpusSupport", "TestSupport", "Locking"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
