import Archive
import Crawl
import Dispatch
import Foundation
import Logging

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

/// SIGINT and SIGTERM ask the crawl to stop (after the writes in flight) and cut a sleep between passes short.
final class StopSignals: @unchecked Sendable {
    // Dispatch sources are thread-safe; they are only created in init and cancelled in cancel().
    private let sources: [any DispatchSourceSignal]
    private let wake = AsyncStream<Void>.makeStream()

    init(onStop: @escaping @Sendable () -> Void) {
        let continuation = wake.continuation
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                onStop()
                continuation.yield()
            }
            source.resume()
            return source
        }
    }

    /// Sleeps `seconds`, or until a stop signal.
    func sleep(seconds: Double) async {
        let stream = wake.stream
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: .seconds(seconds)) }
            group.addTask {
                for await _ in stream { return }
            }
            await group.next()
            group.cancelAll()
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        wake.continuation.finish()
    }
}
