public import Fetch
import Foundation
import Locking

/// Requests, bytes, 304s and failures per host, counted from any task.
public final class TrafficCounter: Sendable {
    private let hosts = Locked<[String: HostReport]>([:])

    public init() {}

    /// Counts one request to `url`: its response, or nil when none came back.
    public func record(_ url: String, response: FetchResponse?) {
        let host = URLComponents(string: url)?.host?.lowercased() ?? "(no host)"
        hosts.withLock { hosts in
            var report = hosts[host] ?? HostReport(host: host)
            report.requests += 1
            if let response {
                report.bytes += response.body.count
                if response.isNotModified { report.notModified += 1 }
                if response.status >= 400 { report.errors += 1 }
            } else {
                report.errors += 1
            }
            hosts[host] = report
        }
    }

    /// Every host counted, by name.
    public var reports: [HostReport] {
        hosts.withLock { $0.values.sorted { $0.host < $1.host } }
    }
}
