import Archive
import Crawl
import Dispatch
import Foundation
import Logging
import Synchronization

/// What `crawl` shows while it runs: on a terminal, one status line rewritten in place (failures printed
/// above it); otherwise a log line per stored thread and failure, through swift-log.
enum CrawlOutput {
    static func show(_ progress: CrawlProgress, terminal: Terminal, logger: Logger) {
        if terminal.isTTY {
            var text = "\r\u{1B}[2K"
            if case .failed(let site, let failure) = progress.event {
                text += "threadkeeper: crawl: \(site): \(TerminalText.escaped(failure.description, keepNewlines: false))\n"
            }
            text += String(progress.line.prefix(terminal.width - 1))
            FileHandle.standardError.write(Data(text.utf8))
            return
        }
        switch progress.event {
        case .stored(let site, let outcome):
            logger.info("\(site)\t\(outcomeLine(outcome))")
        case .notModified(let site, let url):
            logger.info("\(site)\tnot modified\t\(url)")
        case .failed(let site, let failure):
            logger.error("\(site): \(failure.description)")
        case nil:
            break
        }
    }

    /// Ends the status line so the report starts on a line of its own.
    static func finishLine(terminal: Terminal) {
        if terminal.isTTY { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

/// SIGINT and SIGTERM ask the crawl to stop (after the writes in flight); a sleep between passes ends early.
final class StopSignals: @unchecked Sendable {
    // Dispatch sources are thread-safe; they are only created in init and cancelled in cancel().
    private let sources: [any DispatchSourceSignal]
    private let flag: Flag

    /// A flag set from the signal handler.
    final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    init(onStop: @escaping @Sendable () -> Void) {
        let stopped = Flag()
        flag = stopped
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                stopped.value.store(true, ordering: .releasing)
                onStop()
            }
            source.resume()
            return source
        }
    }

    /// Sleeps `seconds`, or until a stop signal (checked every 100 ms).
    func sleep(seconds: Double) async {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1_000))
        while !flag.value.load(ordering: .acquiring), ContinuousClock.now < deadline {
            try? await Task.sleep(for: min(.milliseconds(100), deadline - ContinuousClock.now))
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
