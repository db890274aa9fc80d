import ArgumentParser

/// How bad usage is reported: one line naming the verb's own help, and the exit statuses every help page ends
/// with.
enum Usage {
    /// The section appended to every help page.
    static let exitStatusHelp = """

        EXIT STATUS:
          0  success
          1  failure: one line on stderr names the URL or file and the cause
          2  bad usage: one line on stderr, then see --help
        """

    /// The verb `arguments` (the process's, program name first) run, when the first argument names one.
    static func verb(in arguments: [String]) -> String? {
        guard let first = arguments.dropFirst().first else { return nil }
        let names = Threadkeeper.configuration.subcommands.map { $0.configuration.commandName }
        return names.contains(first) ? first : nil
    }

    /// `threadkeeper: parse: missing expected argument '<files> ...' (see 'threadkeeper parse --help')`: the
    /// first line of ArgumentParser's message (or ours), starting lower case like every other message.
    static func line(_ message: String, verb: String?) -> String {
        let first = message.split(separator: "\n").first.map(String.init) ?? ""
        let prefix = verb.map { "threadkeeper: \($0): " } ?? "threadkeeper: "
        let help = verb.map { "threadkeeper \($0) --help" } ?? "threadkeeper --help"
        return "\(prefix)\(lowercasingFirst(first)) (see '\(help)')"
    }

    /// `Missing expected argument` → `missing expected argument`; `URL…` and `--url` stay as they are.
    static func lowercasingFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase else { return text }
        let second = text.dropFirst().first
        if let second, second.isUppercase { return text }
        return first.lowercased() + text.dropFirst()
    }
}
