internal import CCurl

/// `curl_global_init`, run once (a `let` global is initialised lazily and exactly once) before any handle.
let curlGlobalInitialisation: Int32 = Int32(bitPattern: tk_global_init().rawValue)
