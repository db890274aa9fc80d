import Archive
import Foundation
import Model

#if canImport(Glibc)
    import Glibc
#endif

/// Standard output as a terminal: whether it is one, its width, and a pager for long text.
struct Terminal: Sendable {
    var isTTY: Bool
    var width: Int

    static var standardOutput: Terminal { Terminal(fd: STDOUT_FILENO) }
    static var standardError: Terminal { Terminal(fd: STDERR_FILENO) }

    private init(fd: Int32) {
        let tty = isatty(fd) == 1
        var size = winsize()
        let columns = tty && ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        self.init(isTTY: tty, width: min(columns, 100))
    }

    init(isTTY: Bool, width: Int) {
        self.isTTY = isTTY
        self.width = width
    }

    /// Writes `text`: through `$PAGER` (default `less -R`) on a terminal, else straight to standard output.
    func page(_ text: String) {
        guard isTTY else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let pager = ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", pager]
        let pipe = Pipe()
        process.standardInput = pipe
        do {
            try process.run()
        } catch {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        signal(SIGPIPE, SIG_IGN)
        try? pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Whether to colour: `always`, `never`, or `auto` (on a terminal).
    static func colours(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: true
        case .never: false
        case .auto: standardOutput.isTTY
        }
    }
}

/// Prints `value` as canonical JSON (indented when `pretty`) and a newline, with the characters a terminal
/// would act on escaped (`TerminalText.safeJSON`): the same JSON value, harmless on a screen.
func printJSON(_ value: some Encodable, pretty: Bool = false) throws {
    let bytes = pretty ? [UInt8](try CanonicalJSON.encodePretty(value)) : try CanonicalJSON.bytes(value)
    FileHandle.standardOutput.write(Data(TerminalText.safeJSON(bytes) + [0x0A]))
}
