#ifndef THREADKEEPER_CFUZZERDRIVER_H
#define THREADKEEPER_CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// The check libFuzzer runs on each input.
typedef int (*threadkeeper_fuzz_check)(const uint8_t *data, size_t size);

/// One-time setup run before the first input (loading profiles, compiling patterns).
typedef void (*threadkeeper_fuzz_setup)(void);

/// Runs `setup`, then libFuzzer's driver (command-line flags in argv) over `check`. SwiftPM links an
/// executable's `main` to its module's entry point, so the fuzzers call libFuzzer from there instead of
/// using libFuzzer's `main`. What `setup` allocates and never frees (globals, and what Swift's Regex
/// leaks while compiling one) is not reported as a leak of the first input. Returns -1 when libFuzzer is
/// not linked in (a build without `-sanitize=fuzzer`).
int threadkeeper_fuzz_run_driver(int argc, char **argv, threadkeeper_fuzz_setup setup, threadkeeper_fuzz_check check);

#endif
