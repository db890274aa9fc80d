import Foundation
import FuzzSupport

/// libFuzzer's entry point (`-sanitize=fuzzer`): one input as `config.json`.
@_cdecl("LLVMFuzzerTestOneInput")
public func configFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.run(data, size, check: ConfigCheck.run)
    return 0
}

#if FUZZING
/// The executable's entry point under libFuzzer: SwiftPM links `main` to it.
@_cdecl("ConfigFuzzer_main")
public func configFuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc: argc, argv: argv, setup: { ConfigCheck.warmUp() }, check: configFuzzerTestOneInput)
}
#else
/// Without libFuzzer: replays saved inputs (a crash file, a corpus folder) through the same check.
@main
enum ConfigFuzzerMain {
    static func main() {
        exit(FuzzReplay.run(Array(CommandLine.arguments.dropFirst()), tool: "ConfigFuzzer", check: ConfigCheck.run))
    }
}
#endif
