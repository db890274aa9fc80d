import Archive
import Foundation
import Server

/// `threadkeeper-bench serve --archive DIR [--seconds N] [--connections C]`: requests per second for
/// thread pages of a running reader, measured by `wrk` (Debian's) from outside the process, each request
/// for a thread drawn at random from the archive's first 1,000 threads.
enum ServeBenchmark {
    static func run(arguments: [String]) async throws {
        var archive: String?
        var seconds = 10
        var connections = 16
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--archive": archive = rest.popFirst()
            case "--seconds": seconds = rest.popFirst().flatMap(Int.init) ?? seconds
            case "--connections": connections = rest.popFirst().flatMap(Int.init) ?? connections
            default: throw BenchmarkError("serve: unknown option \(argument)")
            }
        }
        guard let archive else { throw BenchmarkError("serve: --archive DIR is required (e.g. the one `search` generated)") }
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else {
            throw BenchmarkError("serve: wrk not found (apt-get install wrk)")
        }
        let server = try ReaderServer(options: ServerOptions(archive: archive, port: 0))
        let paths = server.reader.states().states.prefix(1000).map { "/t/\($0.threadKey.relativePath)" }
        guard !paths.isEmpty else { throw BenchmarkError("serve: \(archive) holds no threads") }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("threadkeeper-wrk-\(UUID().uuidString).lua")
        let list = paths.map { "\"\($0)\"" }.joined(separator: ",\n")
        try Data("""
            local paths = {\(list)}
            math.randomseed(42)
            request = function()
              return wrk.format("GET", paths[math.random(#paths)])
            end
            """.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }

        let ready = AsyncStream<Int>.makeStream()
        let serving = Task { try await server.run { port in ready.continuation.yield(port) } }
        var ports = ready.stream.makeAsyncIterator()
        guard let port = await ports.next() else { throw BenchmarkError("serve: the server did not start") }
        print("serve: \(paths.count) thread pages of \(archive), wrk -t2 -c\(connections) -d\(seconds)s")
        let output = try runWrk(wrk, ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", script.path, "http://127.0.0.1:\(port)/"])
        serving.cancel()
        for line in output.split(separator: "\n") where line.contains("Requests/sec") || line.contains("Latency") || line.contains("50%") || line.contains("99%") || line.contains("Non-2xx") || line.contains("requests in") {
            print("  " + line.trimmingCharacters(in: .whitespaces))
        }
    }

    private static func runWrk(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
