import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("threadkeeper archive verbs: crashes and a second writer")
struct ArchiveCLIConcurrencyTests {
    /// `2025-06-17T08:17:00Z` plus `minutes`.
    private func fetchTime(_ minutes: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: 1_750_148_220 + Double(minutes) * 60))
    }

    @Test(
        "kill -9 at random moments while import writes: verify passes (torn tails aside) and no reported version is lost",
        .timeLimit(.minutes(8)))
    func killNineWhileWriting() async throws {
        let executable = try CLI.executable.get()
        let sandbox = try ArchiveSandbox()
        let pages = [
            try sandbox.write("a.html", bytes: try DUThread.page()),
            try sandbox.write("b.html", bytes: try DUThread.changedPage()),
        ]
        let lockFile = sandbox.path("lock")
        var random = SeededGenerator(seed: 0x5EED_0F_C4A5)
        var reported: [Int: String] = [:]  // version → the fetch time its import printed
        var killed = 0
        var completed = 0
        var failures: [String] = []
        var writePhases: [Duration] = []
        let started = ContinuousClock.now
        for iteration in 0..<30 where ContinuousClock.now - started < .seconds(240) {
            let fetchedAt = fetchTime(iteration)
            let child = try ChildProcess(
                executable.path,
                ["import", pages[iteration % 2], "--url", DUThread.url, "--fetched-at", fetchedAt, "--archive", sandbox.archive],
                in: sandbox.url, environment: CLI.environment)
            // The child's writing starts when it holds the lock (its PID is then in the lock file): kill it a
            // random 0–50 ms after that. Every fifth run is left to finish, so versions pile up between crashes;
            // the last run is killed, like the others.
            let letFinish = iteration % 5 == 2
            let delay = Int.random(in: 0...50, using: &random)
            let waitStart = ContinuousClock.now
            var locked: ContinuousClock.Instant?
            while !child.hasEnded, ContinuousClock.now - waitStart < .seconds(60) {
                let holder = (try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? ""
                if holder == "\(child.pid)\n" {
                    locked = .now
                    break
                }
                try await Task.sleep(for: .milliseconds(1))
            }
            if !letFinish {
                try await Task.sleep(for: .milliseconds(delay))
                child.kill(SIGKILL)
            }
            let ending = await child.wait()
            if letFinish, let locked { writePhases.append(ContinuousClock.now - locked) }
            let output = String(decoding: child.stdout, as: UTF8.self)
            if ending.signalled {
                killed += 1
            } else {
                completed += 1
                if ending.status != 0 {
                    failures.append("run \(iteration) exited \(ending.status): \(String(decoding: child.stderr, as: UTF8.self))")
                }
            }
            for line in output.split(separator: "\n") {
                let columns = line.split(separator: "\t")
                guard columns.count >= 3, columns[0] == "new" || columns[0] == "changed", columns[2].hasPrefix("v"),
                    let version = Int(columns[2].dropFirst())
                else { continue }
                #expect(reported[version] == nil, "version \(version) reported twice")
                reported[version] = fetchedAt
            }
        }
        print("kill -9 test: \(killed) killed, \(completed) finished, \(reported.count) versions reported stored; "
            + "holding the lock to exit took \(writePhases.sorted()) in the runs left to finish")
        #expect(failures.isEmpty, "imports that ended on their own must succeed: \(failures)")
        #expect(killed > 0, "no run was killed")
        #expect(!reported.isEmpty, "no version was reported stored")

        // verify: torn tails (a torn last history line, a torn WARC member at the end of a file) are expected
        // after a kill; anything else is damage.
        let first = try await sandbox.run(["verify"])
        #expect(first.exitedNormally, "\(first)")
        print("kill -9 test: verify after the kills: status \(first.status), \(first.stderrLines)")
        if first.status != 0 {
            for line in first.stderrLines {
                let tornHistory = line.contains("versions.jsonl") && line.contains("torn last record")
                let warcTail = line.contains("/warc/") && line.contains(".warc.gz")
                #expect(tornHistory || warcTail, "verify after kill -9 reports more than a torn tail: \(line)")
            }
            let repair = try await sandbox.run(["verify", "--repair"])
            #expect(repair.exitedNormally && repair.status == 0, "verify --repair: \(repair)")
            #expect(repair.stderr.isEmpty, "verify --repair left problems: \(repair)")
        }
        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 0, "\(verify)")
        #expect(verify.stderr.isEmpty, "\(verify)")

        // Every version an import reported is in the history, with that import's fetch time.
        let history = try await sandbox.run(["history", "--json", DUThread.key])
        #expect(history.exitedNormally && history.status == 0, "\(history)")
        var listed: [Int: String] = [:]
        for line in history.stdoutLines {
            let record = try JSONObject.parse(line)
            if let version = record["version"] as? Int, let time = record["fetchedAt"] as? String { listed[version] = time }
        }
        #expect(listed.keys.sorted() == Array(1...max(1, listed.count)), "versions 1…n: \(listed.keys.sorted())")
        for (version, time) in reported.sorted(by: { $0.key < $1.key }) {
            #expect(listed[version] == time, "version \(version) (fetched \(time)) was reported stored, history has \(listed[version] ?? "nothing")")
        }
        print("kill -9 test: \(listed.count) versions in the history, \(reported.count) of them reported by their import")
        let latest = try await sandbox.run(["show", "--json", DUThread.key])
        #expect(latest.status == 0, "\(latest)")
        #expect(try latest.json()["version"] as? Int == listed.keys.max(), "\(latest)")
    }

    @Test("a second writer waits briefly, then exits 1 naming the lock holder's PID; a dead holder's lock is taken over")
    func secondWriter() async throws {
        let sandbox = try ArchiveSandbox()
        let first = try sandbox.write("a.html", bytes: try DUThread.page())
        let second = try sandbox.write("b.html", bytes: try DUThread.changedPage())
        let stored = try await sandbox.importPages([first])
        try #require(stored.status == 0, "\(stored)")
        let lockFile = sandbox.path("lock")
        let before = stamps(under: sandbox.archive).filter { $0.key != "lock" }

        // Another process takes the lock (an exclusive flock) and writes its PID into the file, like a writer.
        let holder = try ChildProcess(
            "/usr/bin/env",
            ["python3", "-c",
             "import fcntl, os, sys, time\nf = open(sys.argv[1], 'a+')\nfcntl.flock(f, fcntl.LOCK_EX)\nf.seek(0)\nf.truncate()\nf.write('%d\\n' % os.getpid())\nf.flush()\ntime.sleep(30)\n",
             lockFile],
            in: sandbox.url, environment: ProcessInfo.processInfo.environment)
        defer { holder.kill(SIGKILL) }
        let waitStart = ContinuousClock.now
        while (try? String(contentsOfFile: lockFile, encoding: .utf8)) != "\(holder.pid)\n" {
            try #require(!holder.hasEnded, "the lock holder ended: \(String(decoding: holder.stderr, as: UTF8.self))")
            try #require(ContinuousClock.now - waitStart < .seconds(20), "the lock holder did not take the lock")
            try await Task.sleep(for: .milliseconds(20))
        }

        let blocked = try await sandbox.importPages([second], fetchedAt: "2025-06-17T10:17:00Z")
        expectOneLineFailure(blocked, naming: ["\(holder.pid)"])
        #expect(blocked.stderrText.contains("lock"), "\(blocked)")
        #expect(blocked.elapsed < .seconds(15), "waits briefly, not forever: \(blocked.elapsed)")
        #expect(blocked.stdout.isEmpty, "\(blocked)")
        let during = stamps(under: sandbox.archive).filter { $0.key != "lock" }
        #expect(during == before, "nothing was written while another process held the lock")

        // The holder dies without letting go: the kernel drops its flock, and the next writer goes ahead.
        holder.kill(SIGKILL)
        _ = await holder.wait()
        #expect(try String(contentsOfFile: lockFile, encoding: .utf8) == "\(holder.pid)\n", "the dead holder's PID is still in the file")
        let after = try await sandbox.importPages([second], fetchedAt: "2025-06-17T10:17:00Z")
        #expect(after.exitedNormally && after.status == 0, "\(after)")
        #expect(after.stdoutLines == ["changed\t\(DUThread.key)\tv2\t5 posts (+1 ~1 -1)"], "\(after)")
        let verify = try await sandbox.run(["verify"])
        #expect(verify.status == 0, "\(verify)")
    }

    @Test("a crash after a version is appended but before thread.json is replaced: readers, verify and the next writer cope")
    func crashBetweenHistoryAndSnapshot() async throws {
        let sandbox = try ArchiveSandbox()
        let first = try sandbox.write("a.html", bytes: try DUThread.page())
        let second = try sandbox.write("b.html", bytes: try DUThread.changedPage())
        #expect(try await sandbox.importPages([first], fetchedAt: "2025-06-17T08:17:00Z").status == 0)
        let folder = "threads/\(DUThread.key)"
        let oldSnapshot = try sandbox.read(folder + "/thread.json")
        let oldState = try sandbox.read(folder + "/state.json")
        let v2 = try await sandbox.importPages([second], fetchedAt: "2025-06-17T09:17:00Z")
        #expect(v2.stdoutLines.first?.hasPrefix("changed\t\(DUThread.key)\tv2\t") == true, "\(v2)")
        // What a kill -9 right after the version record's append (and fsync) leaves: versions.jsonl holds
        // version 2, thread.json and state.json are still version 1's (each is replaced whole, by rename).
        try Data(oldSnapshot).write(to: URL(fileURLWithPath: sandbox.path(folder + "/thread.json")))
        try Data(oldState).write(to: URL(fileURLWithPath: sandbox.path(folder + "/state.json")))

        let show = try await sandbox.run(["show", "--json", DUThread.key])
        #expect(show.exitedNormally && show.status == 0, "\(show)")
        #expect(try show.json()["version"] as? Int == 2, "show gives the latest version of the history")
        let history = try await sandbox.run(["history", DUThread.key])
        #expect(history.stdoutLines.count == 2, "\(history)")
        let list = try await sandbox.run(["list"])
        #expect(list.status == 0, "\(list)")
        #expect(list.stdoutText.contains("\t2 versions\t"), "list counts the versions of the history: \(list)")

        let verify = try await sandbox.run(["verify"])
        #expect(verify.exitedNormally && verify.status == 0, "a kill -9 at this instant must leave an archive that verifies: \(verify)")

        // The next writer (here finding the discussion unchanged) leaves a consistent archive behind.
        let next = try await sandbox.importPages([second], fetchedAt: "2025-06-17T10:17:00Z")
        #expect(next.exitedNormally && next.status == 0, "\(next)")
        #expect(next.stdoutLines == ["unchanged\t\(DUThread.key)\tv2"], "\(next)")
        let snapshot = try JSONObject.parse(Data(try sandbox.read(folder + "/thread.json")))
        #expect(snapshot["version"] as? Int == 2, "thread.json, the one self-contained latest file, is brought up to date")
        let after = try await sandbox.run(["verify"])
        #expect(after.exitedNormally && after.status == 0, "\(after)")
        #expect(after.stderr.isEmpty, "\(after)")
    }
}
