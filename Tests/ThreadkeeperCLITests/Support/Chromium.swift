import Foundation

/// Debian's `chromium`, headless, cut off from every host but 127.0.0.1: it loads a page, runs its scripts
/// for a while of virtual time, and prints the DOM as it then is.
struct Chromium {
    let executable: String

    /// The browser, when one is installed (`scripts/install-deps` installs it).
    static let installed: Chromium? = {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return Chromium(executable: path)
        }
        return nil
    }()

    /// The DOM of `url` after its scripts had `budget` of virtual time to run.
    func dumpDOM(_ url: String, budget: Duration = .seconds(2)) async throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("threadkeeper-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let milliseconds = budget.components.seconds * 1000 + budget.components.attoseconds / 1_000_000_000_000_000
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
            "--disable-extensions", "--no-pings", "--user-data-dir=\(profile.path)",
            // Every name resolves to nothing: the browser can reach 127.0.0.1 and nothing else.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--virtual-time-budget=\(milliseconds)", "--dump-dom", url,
        ]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = CLI.environment
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice  // dbus and GPU complaints of a headless machine
        try process.run()
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(60))
            if process.isRunning { process.terminate() }
        }
        let dom = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return String(decoding: dom, as: UTF8.self)
    }

    /// The start tag of the document's `<html>` element in a dumped DOM: where the corpus's payloads set
    /// their marker attribute if they ran.
    static func rootTag(_ dom: String) -> String {
        guard let start = dom.range(of: "<html") else { return "" }
        return String(dom[start.lowerBound...].prefix { $0 != ">" })
    }
}
