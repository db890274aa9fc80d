import Foundation
import FuzzSupport

/// libFuzzer's entry point (`-sanitize=fuzzer`): one input through the whole parse path.
@_cdecl("LLVMFuzzerTestOneInput")
public func parseFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzInput.run(data, size, check: ParseCheck.run)
    return 0
}

#if FUZZING
/// The executable's entry point under libFuzzer: SwiftPM links `main` to it.
@_cdecl("ParseFuzzer_main")
public func parseFuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    FuzzDriver.run(argc: argc, argv: argv, setup: { ParseCheck.warmUp() }, check: parseFuzzerTestOneInput)
}
#else
/// Without libFuzzer: replays saved inputs (a crash file, a corpus folder) through the same check.
@main
enum ParseFuzzerMain {
    static func main() {
        exit(FuzzReplay.run(Array(CommandLine.arguments.dropFirst()), tool: "ParseFuzzer", check: ParseCheck.run))
    }
}
#endif
