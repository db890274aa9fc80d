#ifndef THREADKEEPER_CCURL_SHIM_H
#define THREADKEEPER_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic and
// cannot be called from Swift. One typed wrapper per argument kind.

/// `curl_global_init(CURL_GLOBAL_ALL)`; the flag is a macro expression Swift does not import.
static inline CURLcode tk_global_init(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

/// The size `CURLOPT_ERRORBUFFER` needs.
static const size_t tk_error_size = CURL_ERROR_SIZE;

/// Sets an option that takes a `long`.
static inline CURLcode tk_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes a `curl_off_t`.
static inline CURLcode tk_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes a string or an object pointer (copied by curl for strings).
static inline CURLcode tk_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets a write or header callback (`CURLOPT_WRITEFUNCTION`, `CURLOPT_HEADERFUNCTION`).
static inline CURLcode tk_easy_setopt_write_callback(CURL *handle, CURLoption option,
                                                     size_t (*callback)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(handle, option, callback);
}

/// Sets a transfer progress callback (`CURLOPT_XFERINFOFUNCTION`).
static inline CURLcode tk_easy_setopt_xferinfo_callback(CURL *handle,
                                                        int (*callback)(void *, curl_off_t, curl_off_t,
                                                                        curl_off_t, curl_off_t)) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/// Reads a `long` transfer property.
static inline CURLcode tk_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Reads a `curl_off_t` transfer property.
static inline CURLcode tk_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Reads a `double` transfer property.
static inline CURLcode tk_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Reads a string transfer property (owned by curl; valid until the handle changes).
static inline CURLcode tk_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Reads the private pointer stored with `CURLOPT_PRIVATE`.
static inline CURLcode tk_easy_getinfo_private(CURL *handle, void **value) {
    return curl_easy_getinfo(handle, CURLINFO_PRIVATE, value);
}

/// Sets a multi-handle option that takes a `long`.
static inline CURLMcode tk_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

/// The easy handle a `CURLMsg` is about (Swift cannot reach into its union).
static inline CURL *tk_msg_easy_handle(CURLMsg *message) {
    return message->easy_handle;
}

/// Whether a `CURLMsg` says a transfer finished.
static inline int tk_msg_is_done(CURLMsg *message) {
    return message->msg == CURLMSG_DONE;
}

/// The result of a finished transfer.
static inline CURLcode tk_msg_result(CURLMsg *message) {
    return message->data.result;
}

#endif
