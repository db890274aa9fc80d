import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `threadkeeper serve` running in the background on a free loopback port, stopped with SIGTERM.
final class BackgroundServe {
    let process = Process()
    let port: Int
    private let output: Pipe

    /// Starts `threadkeeper serve --port 0 arguments…` in `directory` and waits (up to `timeout`) for the
    /// line that names the address it listens on.
    init(_ arguments: [String], in directory: URL, timeout: Duration = .seconds(60)) throws {
        output = Pipe()
        process.executableURL = try CLI.executable.get()
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        process.environment = CLI.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()

        let deadline = ContinuousClock.now + timeout
        var seen = ""
        let reader = output.fileHandleForReading
        while ContinuousClock.now < deadline {
            let chunk = reader.availableData  // blocks until data or end of file
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let port = Self.port(in: seen) {
                self.port = port
                return
            }
        }
        process.terminate()
        process.waitUntilExit()
        throw StartFailure(output: seen, status: process.terminationStatus)
    }

    struct StartFailure: Error, CustomStringConvertible {
        var output: String
        var status: Int32
        var description: String { "serve did not say where it listens (status \(status)): \(output.debugDescription)" }
    }

    /// `http://127.0.0.1:PORT` of the running server.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The port in `serving … at http://127.0.0.1:PORT/ …`.
    static func port(in text: String) -> Int? {
        guard let range = text.range(of: "at http://127.0.0.1:") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        guard text[range.upperBound...].dropFirst(digits.count).first == "/" else { return nil }
        return Int(digits)
    }

    /// Stops the server (SIGTERM, as Ctrl-C or systemd would) and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
