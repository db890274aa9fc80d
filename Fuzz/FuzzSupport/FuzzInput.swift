import Foundation

/// One input handed over by libFuzzer, checked within a budget of CPU time.
package enum FuzzInput {
    /// The most CPU time one input may take: longer counts as a hang.
    ///
    /// Measured as this thread's CPU time, not wall time, so a busy machine does not make a fast input
    /// look hung; an input that never returns is caught by libFuzzer's `-timeout` instead.
    package static let cpuLimit = 1.0

    /// Runs `check` on the `size` bytes at `data` and stops the process when it took over `cpuLimit`.
    package static func run(_ data: UnsafePointer<UInt8>?, _ size: Int, check: ([UInt8]) -> Void) {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        let start = threadCPUSeconds()
        check(bytes)
        let used = threadCPUSeconds() - start
        if used > cpuLimit {
            FuzzReplay.fail("hang: one input took \(used) s of CPU time (limit \(cpuLimit) s)")
        }
    }

    /// The CPU time this thread has used, in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
