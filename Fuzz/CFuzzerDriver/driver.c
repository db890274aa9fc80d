#include "CFuzzerDriver.h"

// libFuzzer's library entry point and LeakSanitizer's switches; weak, so builds without the sanitizers
// link and see NULL.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*check)(const uint8_t *data, size_t size))
    __attribute__((weak));
extern void __lsan_disable(void) __attribute__((weak));
extern void __lsan_enable(void) __attribute__((weak));

int threadkeeper_fuzz_run_driver(int argc, char **argv, threadkeeper_fuzz_setup setup, threadkeeper_fuzz_check check) {
    if (LLVMFuzzerRunDriver == NULL) {
        return -1;
    }
    if (__lsan_disable != NULL && __lsan_enable != NULL) {
        __lsan_disable();
        setup();
        __lsan_enable();
    } else {
        setup();
    }
    return LLVMFuzzerRunDriver(&argc, &argv, check);
}
