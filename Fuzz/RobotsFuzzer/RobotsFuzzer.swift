import Foundation
import FuzzSupport

/// libFuzzer's entry point (`-sanitize=fuzzer`): one input as a robots.txt body.
@_cdecl("LLVMFuzzerTestOneInput")
public func robotsFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.run(data, size, check: RobotsCheck.run)
    return 0
}

#if FUZZING
/// The executable's entry point under libFuzzer: SwiftPM links `main` to it.
@_cdecl("RobotsFuzzer_main")
public func robotsFuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc: argc, argv: argv, setup: { RobotsCheck.warmUp() }, check: robotsFuzzerTestOneInput)
}
#else
/// Without libFuzzer: replays saved inputs (a crash file, a corpus folder) through the same check.
@main
enum RobotsFuzzerMain {
    static func main() {
        exit(FuzzReplay.run(Array(CommandLine.arguments.dropFirst()), tool: "RobotsFuzzer", check: RobotsCheck.run))
    }
}
#endif
