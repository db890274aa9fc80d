public import Foundation
import Model

extension ThreadkeeperConfig {
    /// Reads and validates the configuration file at `path` (relative to the current directory).
    ///
    /// Every failure is one `ConfigError` naming `path`: unreadable file, JSON syntax with line and column,
    /// or the JSON path of the first unknown key or bad value and what was expected there.
    public static func load(from path: String) throws(ConfigError) -> ThreadkeeperConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path, reason: readFailureReason(error))
        }
        return try decode(data, source: path)
    }

    /// Validates configuration bytes; `source` names them in errors (a file path, or `"--config-json"`).
    public static func decode(_ data: Data, source: String) throws(ConfigError) -> ThreadkeeperConfig {
        do {
            try JSONSyntaxChecker.check(data)
        } catch {
            switch error {
            case .malformed(let reason):
                throw .notJSON(source, reason: reason)
            case .duplicateKey(let path, let firstLine):
                throw .invalidValue(source, path: jsonPath(path), reason: "duplicate key (first given on line \(firstLine))")
            }
        }
        do {
            var config = try JSONDecoder().decode(ThreadkeeperConfig.self, from: data)
            config.source = source
            return config
        } catch let error as DecodingError {
            throw invalidValue(error, source: source)
        } catch {
            throw .notJSON(source, reason: String(describing: error))
        }
    }

    /// The `DecodingError` as a `ConfigError`, its path split off the one-line summary.
    private static func invalidValue(_ error: DecodingError, source: String) -> ConfigError {
        let codingPath: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            codingPath = context.codingPath
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath + [key]
        @unknown default:
            codingPath = []
        }
        let path = jsonPath(codingPath)
        let summary = error.summary
        let reason = summary.hasPrefix(path + ": ") ? String(summary.dropFirst(path.count + 2)) : summary
        return .invalidValue(source, path: path, reason: reason)
    }

    /// The operating system's words for why a file could not be read ("No such file or directory").
    private static func readFailureReason(_ error: any Error) -> String {
        let posix = error as? POSIXError ?? (error as NSError).userInfo[NSUnderlyingErrorKey] as? POSIXError
        if let posix {
            return String(cString: strerror(posix.code.rawValue))
        }
        return error.localizedDescription
    }
}
