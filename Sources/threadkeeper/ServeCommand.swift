import ArgumentParser
import Archive
import Foundation
import Server

/// `threadkeeper serve`: the archive in a browser, read-only.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Read the archive in a browser: threads, stories, versions, diffs, search, Atom feeds.",
        discussion: """
            Serves the archive read-only on 127.0.0.1 unless --bind names another address (anyone who can \
            reach that address can then read the archive). Builds or updates the search index first when it \
            is missing, damaged or behind the archive. Post images stay links unless --remote-images: \
            loading them would tell their forums who reads what. Stops on Ctrl-C.
            """
    )

    @OptionGroup var archive: ArchiveOptions

    @Option(help: "The address to listen on.")
    var bind = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Flag(name: .customLong("remote-images"), help: "Load post images from their forums instead of showing links.")
    var remoteImages = false

    @Option(help: "The search index file (default: ARCHIVE/index/search.sqlite).")
    var index: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        guard !bind.isEmpty else { throw ValidationError("--bind needs an address") }
    }

    func run() async throws {
        let path = try archive.path(for: "serve")
        let options = ServerOptions(
            archive: path, host: bind, port: port, allowRemoteImages: remoteImages, indexPath: index)
        let server = try orFail("serve") { () throws(ArchiveError) in try ReaderServer(options: options) }
        if let problem = server.searchProblem { report("serve", "search is off: \(problem)") }
        if !options.isLoopback {
            report("serve", "listening on \(bind): anyone who can reach this address can read the archive")
        }
        do {
            try await server.run { port in
                let host = bind.contains(":") ? "[\(bind)]" : bind
                print("serving \(path) at http://\(host):\(port)/ (read-only; Ctrl-C stops)")
                fflush(nil)
            }
        } catch {
            report("serve", "\(bind):\(port): \(error)")
            throw ExitCode.failure
        }
    }
}
