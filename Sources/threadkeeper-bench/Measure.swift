import Foundation

// What every benchmark measures with: durations, medians, the process's memory, errors.

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func milliseconds(_ duration: Duration) -> Double {
    seconds(duration) * 1_000
}

/// The middle value (the upper of the two middles); 0 for none.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// The process's peak resident memory, from /proc/self/status.
func peakMemory() -> String {
    processStatus("VmHWM")
}

/// A field of /proc/PID/status (this process's without a pid), such as `VmHWM` (peak resident) or `VmRSS`.
func processStatus(_ field: String, pid: Int32? = nil) -> String {
    let path = pid.map { "/proc/\($0)/status" } ?? "/proc/self/status"
    guard let status = try? String(contentsOfFile: path, encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") })
    else { return "unknown" }
    return String(line.dropFirst(field.count + 1).drop { $0 == " " || $0 == "\t" })
}

/// The kilobytes of a `processStatus` value ("63456 kB"), nil when unknown.
func kilobytes(_ value: String) -> Int? {
    Int(value.split(separator: " ").first ?? "")
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
