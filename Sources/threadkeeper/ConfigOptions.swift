import Archive
import ArgumentParser
import Config
import Crawl
import Extract
import Foundation
import Search

/// `--config PATH`, shared by the verbs that read config.json.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: ./config.json when present).")
    var config: String?

    /// The configuration (nil when there is none) and the pipeline over it (its profiles loaded); a failure
    /// of either is reported as one line for `verb` and ends the command with status 1.
    func loadPipeline(for verb: String) throws -> (config: ThreadkeeperConfig?, pipeline: Pipeline) {
        do {
            let config = try load()
            return (config, try Pipeline(config: config))
        } catch let error as ConfigError {
            report(verb, error.description)
        } catch let error as ExtractError {
            report(verb, error.description)
        }
        throw ExitCode.failure
    }

    /// The configuration: `--config` (which must exist), else ./config.json when present, else none.
    func load() throws(ConfigError) -> ThreadkeeperConfig? {
        if let config { return try ThreadkeeperConfig.load(from: config) }
        guard FileManager.default.fileExists(atPath: ThreadkeeperConfig.defaultPath) else { return nil }
        return try ThreadkeeperConfig.load(from: ThreadkeeperConfig.defaultPath)
    }
}

/// `--archive PATH` (and `--config`), shared by the verbs that use the archive.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: "The archive folder (default: config.json's \"archive\", else ./archive).")
    var archive: String?

    @OptionGroup var options: ConfigOptions

    /// The archive folder: `--archive`, else the configuration's, else `archive`.
    func path(for verb: String) throws -> String {
        if let archive { return archive }
        do {
            return try options.load()?.archive ?? "archive"
        } catch {
            report(verb, error.description)
            throw ExitCode.failure
        }
    }

    /// The archive, opened for reading.
    func reader(for verb: String) throws -> ArchiveReader {
        let path = try path(for: verb)
        return try orFail(verb) { () throws(ArchiveError) in try ArchiveReader(root: path) }
    }

    /// The archive, opened for writing (its lock taken). When the archive has a search index, each new
    /// version is indexed as it is stored; an index that fails is reported once and caught up when next opened.
    func writer(for verb: String) throws -> ArchiveWriter {
        let path = try path(for: verb)
        let writer = try orFail(verb) { () throws(ArchiveError) in try ArchiveWriter(root: path, software: Crawl.Pipeline.tool) }
        do {
            if let index = try SearchIndex.existing(archive: writer.reader) {
                var reported = false
                writer.onNewVersion = { snapshot in
                    do {
                        try index.update(snapshot)
                    } catch {
                        if !reported { report(verb, "search index not updated (it catches up when next opened): \(error)") }
                        reported = true
                    }
                }
            }
        } catch {
            report(verb, "search index not updated (it is rebuilt when next opened): \(error)")
        }
        return writer
    }
}

/// Runs `body`; an `ArchiveError` is reported as one line for `verb` and ends the command with status 1.
func orFail<T>(_ verb: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ArchiveError {
        report(verb, error.description)
        throw ExitCode.failure
    }
}

/// A thread named on the command line, resolved in `reader`.
func resolve(_ reference: String, in reader: ArchiveReader, verb: String) throws -> ThreadKey {
    try orFail(verb) { () throws(ArchiveError) in try reader.resolve(reference) }
}

/// One line describing what storing a thread did: `new host/id v1: 5 posts (+5 ~0 -0)`.
func outcomeLine(_ outcome: StoreOutcome) -> String {
    switch outcome {
    case .new(let key, let summary):
        return "new\t\(key)\tv1\t\(summary.posts) posts (+\(summary.added) ~\(summary.edited) -\(summary.removed))"
    case .changed(let key, let version, let summary):
        let fields = summary.changedFields.isEmpty ? "" : ", " + summary.changedFields.joined(separator: ", ")
        return "changed\t\(key)\tv\(version)\t\(summary.posts) posts (+\(summary.added) ~\(summary.edited) -\(summary.removed)\(fields))"
    case .unchanged(let key, let version):
        return "unchanged\t\(key)\tv\(version)"
    }
}
