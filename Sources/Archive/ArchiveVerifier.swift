import Model
import Foundation

/// One problem `verify` found, with the file (and version) it is in, and whether `--repair` mended it.
public struct VerifyProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var repaired: Bool
    /// What a store cut short by a crash leaves (thread.json or state.json behind the history): nothing is
    /// lost, the next store or `--repair` brings them up to date. Reported, but no failure.
    public var isLeftover: Bool

    init(file: String, message: String, repaired: Bool, isLeftover: Bool = false) {
        self.file = file
        // Errors from reading a file already name it.
        self.message = message.hasPrefix(file + ": ") ? String(message.dropFirst(file.count + 2)) : message
        self.repaired = repaired
        self.isLeftover = isLeftover
    }

    public var description: String { "\(file): \(message)\(repaired ? " (repaired)" : "")" }
}

/// What `verify` looked at.
public struct VerifyReport: Sendable {
    public var threads = 0
    public var versions = 0
    public var captures = 0
    public var warcFiles = 0
    public var warcRecords = 0
    public var problems: [VerifyProblem] = []

    /// Problems neither repaired nor mere leftovers of a crash.
    public var failures: [VerifyProblem] { problems.filter { !$0.repaired && !$0.isLeftover } }
}

extension ArchiveReader {
    /// Replays every thread's history checking every version's hash, compares thread.json and state.json
    /// with the replay, reads back every raw capture a version references (checking its digest), and walks
    /// every WARC file. With `repair` (the caller holds the writer lock): a torn last history line or WARC
    /// record is cut off, and a thread.json or state.json that disagrees with the history is rewritten from it.
    public func verify(repair: Bool) -> VerifyReport {
        var report = VerifyReport()
        var checkedCaptures = Set<WARCLocation>()
        for folder in threadFolders() {
            report.threads += 1
            verifyThread(in: folder, repair: repair, report: &report, checked: &checkedCaptures)
        }
        verifyWARCFiles(repair: repair, report: &report)
        return report
    }

    private func verifyThread(
        in folder: String, repair: Bool, report: inout VerifyReport, checked: inout Set<WARCLocation>
    ) {
        let file = folder + "/versions.jsonl"
        func problem(_ file: String, _ message: String, repaired: Bool = false, leftover: Bool = false) {
            report.problems.append(VerifyProblem(file: file, message: message, repaired: repaired, isLeftover: leftover))
        }
        let history: History
        do {
            guard let bytes = try DurableFile.read(file) else {
                problem(folder, "no versions.jsonl")
                return
            }
            history = try History(bytes: bytes, file: file)
        } catch {
            problem(file, error.description)
            return
        }
        if history.tornTail > 0 {
            let repaired = repair && (try? DurableFile.truncate(file, to: history.validLength)) != nil
            problem(file, "torn last record (\(history.tornTail) bytes after line \(history.records.count))", repaired: repaired)
        }
        var latest: ThreadSnapshot?
        do {
            try history.replay(file: file) { snapshot throws(ArchiveError) in
                report.versions += 1
                for page in snapshot.provenance.pages {
                    guard let location = page.warc, checked.insert(location).inserted else { continue }
                    report.captures += 1
                    do {
                        _ = try body(of: page)
                    } catch {
                        problem(file, "version \(snapshot.version): \(error)")
                    }
                }
                latest = snapshot
                return true
            }
        } catch {
            problem(file, "\(error)")
            return
        }
        guard let latest, let threadKey = Self.parseKey(latest.key) else { return }
        let snapshotFile = folder + "/thread.json"
        let expected = (try? CanonicalJSON.bytes(latest)).map { $0 + [0x0A] }
        let actual = try? DurableFile.read(snapshotFile)
        if let expected, actual != expected {
            let repaired = repair && (try? DurableFile.replace(snapshotFile, with: expected, scratch: scratchFolder)) != nil
            // Behind the history (a crash between the two writes) is a leftover; anything else is damage.
            let behind = (actual.flatMap { $0 }).flatMap { try? JSONDecoder().decode(ThreadSnapshot.self, from: Data($0)) }
                .map { $0.version < latest.version } ?? (actual.flatMap { $0 } == nil)
            problem(
                snapshotFile, behind ? "behind the history (version \(latest.version)): a store was cut short"
                    : "does not match version \(latest.version) of the history",
                repaired: repaired, leftover: behind)
        }
        let stateFile = folder + "/state.json"
        let state = (try? DurableFile.read(stateFile)).flatMap { $0 }
            .flatMap { try? JSONDecoder().decode(ThreadState.self, from: Data($0)) }
        if state == nil || state?.versions != latest.version || state?.key != threadKey.description {
            var rebuilt = Self.state(of: latest, key: threadKey, observed: state?.observed)
            rebuilt.schedule = state?.schedule
            rebuilt.historyBytes = history.validLength
            let repaired = repair
                && (try? CanonicalJSON.bytes(rebuilt)).map { bytes in
                    (try? DurableFile.replace(stateFile, with: bytes + [0x0A], scratch: scratchFolder)) != nil
                } == true
            problem(stateFile, "missing or behind the history: a store was cut short", repaired: repaired, leftover: true)
        }
    }

    private func verifyWARCFiles(repair: Bool, report: inout VerifyReport) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: warcFolder)) ?? [])
            .filter { $0.hasSuffix(".warc.gz") }.sorted()
        for name in names {
            report.warcFiles += 1
            let path = "\(warcFolder)/\(name)"
            let scan = WARCReader.scan(file: URL(fileURLWithPath: path))
            report.warcRecords += scan.records.count
            for item in scan.problems {
                let repaired = repair && scan.canRepairByTruncating && item.offset >= scan.validLength
                    && (try? DurableFile.truncate(path, to: scan.validLength)) != nil
                report.problems.append(VerifyProblem(file: path, message: item.description, repaired: repaired))
            }
        }
    }
}
