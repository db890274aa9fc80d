import Foundation
import Testing
import Locking

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `threadkeeper` executable, run as a subprocess the way a person runs it.
///
/// The test target depends on the executable target, so `swift test` builds it into the same products
/// folder as the test bundle (`<scratch path>/<triple>/debug/`), whatever `--scratch-path` says.
enum CLI {
    /// Where the executable is, or nil (with the places looked at) when it was not built.
    static let executable: Result<URL, LocateError> = locate()

    struct LocateError: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the threadkeeper executable was not found; looked in: \(searched.joined(separator: ", "))"
        }
    }

    /// Candidate products folders, most specific first: the test bundle's folder (on Linux the running
    /// `…PackageTests.xctest` executable lives there; on macOS the bundle does), then the running
    /// executable's folder, then the default scratch path beside this source file.
    private static func locate() -> Result<URL, LocateError> {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["THREADKEEPER_EXECUTABLE"], !explicit.isEmpty {
            return .success(URL(fileURLWithPath: explicit))
        }
        var folders: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if Bundle.main.bundleURL.pathExtension == "xctest" {
            folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        if let first = CommandLine.arguments.first, first.contains("/") {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        #if os(Linux)
            if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                folders.append(URL(fileURLWithPath: running).deletingLastPathComponent())
            }
        #endif
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        folders.append(repository.appendingPathComponent(".build/debug"))

        var searched: [String] = []
        for folder in folders {
            let candidate = folder.appendingPathComponent("threadkeeper")
            if searched.contains(folder.path) { continue }
            searched.append(folder.path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return .success(candidate)
            }
        }
        return .failure(LocateError(searched: searched))
    }

    /// The environment the tool runs with: ours, without proxies (curl honours `http_proxy`; every test
    /// talks to 127.0.0.1 only and must never go through anything else).
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        for name in ["http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
            environment[name] = nil
        }
        environment["no_proxy"] = "127.0.0.1,localhost"
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        return environment
    }()

    /// Runs `threadkeeper arguments…` in `directory` (a temporary folder, so the repository's
    /// `config.json` is never picked up), with `stdin` on standard input (empty when nil), and waits for it,
    /// killing it after `timeout`.
    static func run(
        _ arguments: [String], in directory: URL, stdin: Data? = nil, timeout: Duration = .seconds(30)
    ) async throws -> Outcome {
        let executable = try executable.get()
        let capture = FileManager.default.temporaryDirectory
            .appendingPathComponent("threadkeeper-cli-capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let stdoutURL = capture.appendingPathComponent("stdout")
        let stderrURL = capture.appendingPathComponent("stderr")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        if let stdin {
            let stdinURL = capture.appendingPathComponent("stdin")
            try stdin.write(to: stdinURL)
            process.standardInput = try FileHandle(forReadingFrom: stdinURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = stdout
        process.standardError = stderr

        let state = RunState()
        let start = ContinuousClock.now
        let ending: (status: Int32, signalled: Bool) = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                state.finish()
                continuation.resume(returning: (finished.terminationStatus, finished.terminationReason == .uncaughtSignal))
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            state.watchdog = Task {
                try? await Task.sleep(for: timeout)
                if state.claimTimeout() { kill(pid, SIGKILL) }
            }
        }
        state.cancelWatchdog()
        return Outcome(
            arguments: arguments,
            status: ending.status,
            signalled: ending.signalled,
            timedOut: state.timedOut,
            elapsed: ContinuousClock.now - start,
            stdout: (try? Data(contentsOf: stdoutURL)) ?? Data(),
            stderr: (try? Data(contentsOf: stderrURL)) ?? Data())
    }
}

/// Whether the process ended, and whether the watchdog had to kill it.
private final class RunState: Sendable {
    private struct Flags {
        var finished = false
        var timedOut = false
        var watchdog: Task<Void, Never>?
    }

    private let flags = Locked(Flags())

    var watchdog: Task<Void, Never>? {
        get { flags.withLock { $0.watchdog } }
        set { flags.withLock { $0.watchdog = newValue } }
    }

    var timedOut: Bool { flags.withLock { $0.timedOut } }

    func finish() { flags.withLock { $0.finished = true } }

    /// True when the process is still running: the caller kills it (and it counts as timed out).
    func claimTimeout() -> Bool {
        flags.withLock { flags in
            guard !flags.finished else { return false }
            flags.timedOut = true
            return true
        }
    }

    func cancelWatchdog() { flags.withLock { $0.watchdog?.cancel() } }
}

/// What one run of the tool did.
struct Outcome: Sendable, CustomStringConvertible {
    var arguments: [String]
    /// The exit status (or the signal number when `signalled`).
    var status: Int32
    /// Killed by a signal: a crash (or the watchdog).
    var signalled: Bool
    var timedOut: Bool
    var elapsed: Duration
    var stdout: Data
    var stderr: Data

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// The lines of stdout, without the final newline's empty remainder.
    var stdoutLines: [String] { lines(stdoutText) }
    /// The lines of stderr, without the final newline's empty remainder.
    var stderrLines: [String] { lines(stderrText) }

    /// Ended on its own, by `exit`, not by a crash or the watchdog.
    var exitedNormally: Bool { !signalled && !timedOut }

    var description: String {
        let shownOut = stdoutText.count > 600 ? String(stdoutText.prefix(600)) + "…" : stdoutText
        return """
            threadkeeper \(arguments.joined(separator: " "))
              status \(status)\(signalled ? " (signal)" : "")\(timedOut ? " (timed out)" : ""), \(elapsed)
              stdout: \(shownOut.debugDescription)
              stderr: \(stderrText.debugDescription)
            """
    }

    private func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The stdout as one JSON object.
    func json() throws -> [String: Any] {
        try JSONObject.parse(stdout)
    }
}

enum JSONObject {
    struct NotAnObject: Error {}

    static func parse(_ data: Data) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NotAnObject()
        }
        return object
    }

    static func parse(_ line: String) throws -> [String: Any] {
        try parse(Data(line.utf8))
    }
}

/// Expects a clean failure: the tool exited (no crash, no hang) with `status`, wrote exactly one line on
/// stderr, and that line contains every string of `naming` (the file or URL, and the cause).
func expectOneLineFailure(
    _ outcome: Outcome, status: Int32 = 1, naming: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(outcome.exitedNormally, "crashed or hung: \(outcome)", sourceLocation: sourceLocation)
    #expect(outcome.status == status, "exit status: \(outcome)", sourceLocation: sourceLocation)
    #expect(outcome.stderrLines.count == 1, "stderr is not one line: \(outcome)", sourceLocation: sourceLocation)
    let line = outcome.stderrLines.first ?? ""
    for part in naming {
        #expect(line.contains(part), "stderr does not name \(part.debugDescription): \(outcome)", sourceLocation: sourceLocation)
    }
}

/// Expects bad usage: exit status 2 (no crash, nothing on stdout), and a first stderr line that says what
/// is wrong and contains every string of `naming`. ArgumentParser follows that line with the usage, which
/// is allowed for usage errors.
func expectBadUsage(
    _ outcome: Outcome, naming: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(outcome.exitedNormally, "crashed or hung: \(outcome)", sourceLocation: sourceLocation)
    #expect(outcome.status == 2, "exit status: \(outcome)", sourceLocation: sourceLocation)
    #expect(outcome.stdout.isEmpty, "wrote to stdout: \(outcome)", sourceLocation: sourceLocation)
    let line = outcome.stderrLines.first ?? ""
    for part in naming {
        #expect(line.contains(part), "first stderr line does not name \(part.debugDescription): \(outcome)", sourceLocation: sourceLocation)
    }
}

/// Whether this process runs as root (where file permissions do not deny reading).
var runningAsRoot: Bool { geteuid() == 0 }
