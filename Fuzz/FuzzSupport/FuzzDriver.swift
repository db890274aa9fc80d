internal import CFuzzerDriver

/// Hands the process to libFuzzer, in the builds `scripts/fuzz` makes.
package enum FuzzDriver {
    /// Runs `setup` once, then libFuzzer with the command line `argc`/`argv` over `check`; returns its exit
    /// status. What `setup` allocates for good (globals) is not counted as a leak.
    ///
    /// SwiftPM points an executable's `main` at its module's entry point (`<Module>_main`), so a fuzzer
    /// defines that symbol and calls this rather than relying on libFuzzer's own `main`.
    package static func run(
        argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, setup: @convention(c) () -> Void,
        check: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32 {
        let status = threadkeeper_fuzz_run_driver(argc, argv, setup, check)
        if status == -1 {
            FuzzReplay.fail("libFuzzer is not linked in: build with -sanitize=fuzzer (see scripts/fuzz)")
        }
        return status
    }
}
