#ifndef THREADKEEPER_CZLIB_SHIM_H
#define THREADKEEPER_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 and inflateInit2 are macros over functions that take the library's version and the
// stream size; Swift cannot call the macros.
static inline int tk_deflateInit2(z_streamp stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}

static inline int tk_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
