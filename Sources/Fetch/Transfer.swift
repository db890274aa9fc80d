internal import CCurl
import Synchronization

/// One attempt in flight: owns its easy handle, body buffer, header list and error buffer.
///
/// Created by the calling task, then touched only by the owner thread of `CurlMultiLoop` (the inbox
/// mutex orders the hand-over), except `isCancellationRequested`, which is atomic.
final class Transfer: @unchecked Sendable {
    let spec: TransferSpec
    /// Set from any thread when the calling task is cancelled.
    let isCancellationRequested = Atomic<Bool>(false)
    /// Resumed exactly once, by the owner thread.
    var continuation: CheckedContinuation<TransferOutcome, Never>?

    // Owner-thread state.
    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var retained: Unmanaged<Transfer>?
    private var body: [UInt8] = []
    private var headers = HTTPHeaders()
    private var visitedURLs: Set<String> = []
    private var lastLocation: String?
    private var abort: TransferAbort?
    private var cutAtLimit = false
    private var reservedBody = false
    /// When the last byte (header or body) arrived, or the transfer started; for the stall timeout.
    private var lastProgress = ContinuousClock.now

    init(spec: TransferSpec) {
        self.spec = spec
        errorBuffer = .allocate(capacity: Int(tk_error_size))
        errorBuffer.initialize(repeating: 0, count: Int(tk_error_size))
    }

    deinit {
        errorBuffer.deallocate()
    }

    /// Creates and configures the easy handle and adds it to `multi`. On failure returns a message.
    func start(in multi: UnsafeMutableRawPointer) -> String? {
        guard let easy = curl_easy_init() else { return "curl_easy_init failed" }
        lastProgress = .now
        self.easy = easy
        let opaque = Unmanaged.passRetained(self)
        retained = opaque
        var failure: String?
        func set(_ code: CURLcode, _ what: String) {
            if code != CURLE_OK, failure == nil {
                failure = "\(what): \(String(cString: curl_easy_strerror(code)))"
            }
        }
        let me = opaque.toOpaque()
        set(tk_easy_setopt_pointer(easy, CURLOPT_PRIVATE, me), "PRIVATE")
        set(tk_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        set(tk_easy_setopt_pointer(easy, CURLOPT_URL, spec.url), "URL")
        set(tk_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        set(tk_easy_setopt_pointer(easy, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        set(tk_easy_setopt_pointer(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "REDIR_PROTOCOLS_STR")
        // An empty string asks for every encoding this curl decodes (deflate, gzip, br, zstd here).
        set(tk_easy_setopt_pointer(easy, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        set(tk_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, spec.maxRedirects > 0 ? 1 : 0), "FOLLOWLOCATION")
        set(tk_easy_setopt_long(easy, CURLOPT_MAXREDIRS, spec.maxRedirects), "MAXREDIRS")
        set(tk_easy_setopt_long(easy, CURLOPT_AUTOREFERER, 1), "AUTOREFERER")
        set(tk_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, spec.connectTimeout.milliseconds), "CONNECTTIMEOUT")
        set(tk_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, spec.timeout.milliseconds), "TIMEOUT")
        // The stall timeout: the progress callback aborts when no byte arrived for stallTimeout. curl's own
        // low-speed check stays as a backstop (it averages over several seconds, so alone it reacts late)
        // and makes curl wake the transfer every second even when the socket is silent.
        set(tk_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1), "LOW_SPEED_LIMIT")
        set(tk_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, spec.stallTimeout.wholeSeconds)), "LOW_SPEED")
        set(tk_easy_setopt_long(easy, CURLOPT_NOPROGRESS, 0), "NOPROGRESS")
        set(
            tk_easy_setopt_xferinfo_callback(easy) { context, _, _, _, _ in
                guard let context else { return 0 }
                return Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().checkProgress()
            }, "XFERINFOFUNCTION")
        set(tk_easy_setopt_pointer(easy, CURLOPT_XFERINFODATA, me), "XFERINFODATA")
        if !spec.truncatesAtLimit {
            // Refuses early when Content-Length already says too much; the write callback checks the rest.
            set(tk_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(spec.maxBodyBytes)), "MAXFILESIZE")
        }
        set(tk_easy_setopt_pointer(easy, CURLOPT_USERAGENT, spec.userAgent), "USERAGENT")
        if !spec.usesEnvironmentProxy {
            set(tk_easy_setopt_pointer(easy, CURLOPT_PROXY, ""), "PROXY")
        }
        for line in spec.headerLines {
            guard let list = curl_slist_append(headerList, line) else {
                failure = failure ?? "out of memory"
                break
            }
            headerList = list
        }
        if let headerList {
            set(tk_easy_setopt_pointer(easy, CURLOPT_HTTPHEADER, headerList), "HTTPHEADER")
        }
        set(
            tk_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
            }, "WRITEFUNCTION")
        set(tk_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), "WRITEDATA")
        set(
            tk_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
            }, "HEADERFUNCTION")
        set(tk_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me), "HEADERDATA")
        if failure == nil {
            let added = curl_multi_add_handle(multi, easy)
            if added != CURLM_OK {
                failure = "curl_multi_add_handle: \(String(cString: curl_multi_strerror(added)))"
            }
        }
        if failure != nil {
            freeResources()
        }
        return failure
    }

    /// Marks the transfer as stopped by the fetcher (the next callback returns an error).
    func stop(_ reason: TransferAbort) {
        if abort == nil { abort = reason }
    }

    /// Reads the results, removes the handle from `multi`, frees everything and releases the C reference.
    func finish(in multi: UnsafeMutableRawPointer, code: CURLcode) -> TransferOutcome {
        var outcome = TransferOutcome()
        outcome.curlCode = Int32(bitPattern: code.rawValue)
        outcome.abort = abort
        outcome.lastLocation = lastLocation
        outcome.cutAtLimit = cutAtLimit
        if code != CURLE_OK {
            let buffered = String(cString: errorBuffer)
            outcome.curlMessage = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
        }
        if let easy {
            var status = 0
            _ = tk_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            outcome.status = status
            var redirects = 0
            _ = tk_easy_getinfo_long(easy, CURLINFO_REDIRECT_COUNT, &redirects)
            outcome.redirectCount = redirects
            var url: UnsafeMutablePointer<CChar>?
            if tk_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK, let url {
                outcome.effectiveURL = String(cString: url)
            }
            var length: curl_off_t = -1
            if tk_easy_getinfo_off(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK, length >= 0 {
                outcome.declaredLength = Int(length)
            }
            var total: curl_off_t = 0
            var connect: curl_off_t = 0
            var firstByte: curl_off_t = 0
            _ = tk_easy_getinfo_off(easy, CURLINFO_TOTAL_TIME_T, &total)
            _ = tk_easy_getinfo_off(easy, CURLINFO_CONNECT_TIME_T, &connect)
            _ = tk_easy_getinfo_off(easy, CURLINFO_STARTTRANSFER_TIME_T, &firstByte)
            outcome.timings = FetchTimings(
                total: .microseconds(total), connect: .microseconds(connect),
                timeToFirstByte: .microseconds(firstByte))
            outcome.connected = connect > 0 || status > 0
            curl_multi_remove_handle(multi, easy)
        }
        outcome.headers = headers
        outcome.body = body
        body = []
        freeResources()
        return outcome
    }

    /// Frees the easy handle and header list, then drops the reference held for C.
    private func freeResources() {
        if let easy {
            curl_easy_cleanup(easy)
            self.easy = nil
        }
        if let headerList {
            curl_slist_free_all(headerList)
            self.headerList = nil
        }
        retained?.release()
        retained = nil
    }

    // MARK: callbacks (owner thread, inside curl_multi_perform)

    /// Non-zero aborts the transfer (`CURLE_ABORTED_BY_CALLBACK`).
    private func checkProgress() -> Int32 {
        if abort != nil { return 1 }
        if isCancellationRequested.load(ordering: .relaxed) {
            abort = .cancelled
            return 1
        }
        if ContinuousClock.now - lastProgress >= spec.stallTimeout {
            abort = .stalled
            return 1
        }
        return 0
    }

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if abort != nil { return 0 }
        lastProgress = .now
        if !reservedBody {
            reservedBody = true
            if let easy {
                var length: curl_off_t = -1
                if tk_easy_getinfo_off(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK, length > 0 {
                    body.reserveCapacity(min(Int(length), spec.maxBodyBytes))
                }
            }
        }
        let room = spec.maxBodyBytes - body.count
        if bytes.count > room {
            if spec.truncatesAtLimit {
                body.append(contentsOf: bytes.prefix(max(0, room)))
                cutAtLimit = true
            }
            abort = .bodyLimit
            return 0  // a short count makes curl stop with CURLE_WRITE_ERROR
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    private func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        if abort != nil { return 0 }
        lastProgress = .now
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        if line.starts(with: "HTTP/".utf8) {
            // A new response (after a redirect or a 1xx): forget the previous one.
            headers = HTTPHeaders()
            body = []
            reservedBody = false
            if noteResponse(statusLine: line) { return bytes.count }
            return 0
        }
        guard let first = line.first else { return bytes.count }  // the blank line ending the head
        if first == 0x20 || first == 0x09 {
            headers.continueLastValue(with: String(decoding: line, as: UTF8.self).trimmingASCIIWhitespace())
        } else if let colon = line.firstIndex(of: 0x3A) {
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingASCIIWhitespace()
            headers.append(name: name, value: value)
            if colon == 8, name.lowercased() == "location" { lastLocation = value }
        }
        return bytes.count
    }

    /// Records the URL of each final (non-1xx) response; false when one comes round again (a redirect loop).
    ///
    /// Only redirects need remembering, so the common single response costs no lookup.
    private func noteResponse(statusLine: UnsafeRawBufferPointer) -> Bool {
        // "HTTP/1.1 302 Found": the status is the three digits after the first space.
        guard let space = statusLine.firstIndex(of: 0x20), space + 3 < statusLine.count else { return true }
        let status = statusLine[(space + 1)..<(space + 4)].reduce(0) { $0 * 10 + Int($1) - 48 }
        let isRedirect = (300..<400).contains(status)
        guard isRedirect || (status >= 200 && !visitedURLs.isEmpty), let easy else { return true }
        var pointer: UnsafeMutablePointer<CChar>?
        guard tk_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &pointer) == CURLE_OK, let pointer else {
            return true
        }
        let current = String(cString: pointer)
        if visitedURLs.contains(current) {
            abort = .redirectLoop(current)
            return false
        }
        if isRedirect { visitedURLs.insert(current) }
        return true
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded up, for curl options.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }

    /// The duration in whole seconds, rounded up.
    var wholeSeconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }

    /// The duration in seconds as a `Double`.
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
