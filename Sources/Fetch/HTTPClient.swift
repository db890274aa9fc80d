import Synchronization

/// An HTTP(S) client on libcurl's multi interface, polite by default, safe to call from many tasks at once.
///
/// Each `fetch` checks robots.txt (when on), waits for a slot under the global and per-host caps and the
/// per-host delay, runs the transfer on the client's own curl thread, and retries retryable failures with
/// exponential backoff. Redirects are followed by curl within one attempt; politeness, robots.txt and the
/// host's `HostPolicy` apply to the requested URL's host, not to the hosts redirects lead to. Waits and
/// cache lifetimes are measured on the client's `FetchClock`.
///
/// Call `shutdown()` before dropping the client: it ends the curl thread. Nothing is cleaned up in `deinit`.
public final class HTTPClient: Sendable {
    /// The settings the client runs with (minimums applied).
    public let configuration: FetchConfiguration

    private let loop: CurlMultiLoop
    private let scheduler: HostScheduler
    private let robotsCache: RobotsCache
    private let clock: any FetchClock
    private let isShutDown = Atomic<Bool>(false)

    /// The size of the robots.txt prefix read (RFC 9309 asks for at least 500 KiB).
    static let robotsMaxBytes = 512 * 1024
    /// Redirects followed for robots.txt (RFC 9309 §2.3.1.2 asks for at least five).
    static let robotsMaxRedirects = 5

    /// Creates a client and starts its curl thread; `clock` is the time its waits and caches go by.
    public init(configuration: FetchConfiguration = FetchConfiguration(), clock: any FetchClock = SystemFetchClock()) {
        let configuration = configuration.sanitized
        self.configuration = configuration
        self.clock = clock
        // curl's per-host connection cap is one number for all hosts: the largest, as a safety net under
        // the scheduler, which holds each host to its own cap.
        loop = CurlMultiLoop(
            maxTotalConnections: configuration.maxConcurrent, maxHostConnections: configuration.largestPerHost)
        scheduler = HostScheduler(
            maxConcurrent: configuration.maxConcurrent, perHost: configuration.perHost, delay: configuration.delay,
            clock: clock)
        robotsCache = RobotsCache(clock: clock)
    }

    /// Fetches `request.url` with a GET, following redirects and retrying as configured.
    ///
    /// Returns the final response whatever its status (see `FetchResponse`); throws `FetchError` when no
    /// usable response came back, when robots.txt forbids the URL, or when the task is cancelled (which
    /// stops the transfer).
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        guard !isShutDown.load(ordering: .acquiring) else {
            throw FetchError(code: .shutdown, url: request.url, detail: "the HTTP client was shut down")
        }
        let target = try FetchTarget(parsing: request.url)
        let headerLines = try Self.headerLines(for: request)
        if Task.isCancelled {
            throw FetchError(code: .cancelled, url: request.url, detail: "cancelled")
        }
        let settings = configuration.settings(forHost: target.host, port: target.port)
        if request.respectsRobots ?? settings.robots {
            guard let policy = await robotsPolicy(for: target, settings: settings) else {
                throw FetchError(code: .cancelled, url: request.url, detail: "cancelled")
            }
            if let refusal = policy.refusal(for: target.pathAndQuery) {
                throw FetchError(code: refusal.code, url: request.url, detail: refusal.detail)
            }
        }
        let spec = TransferSpec(
            url: target.url, headerLines: headerLines, userAgent: configuration.userAgent,
            connectTimeout: settings.connectTimeout, timeout: settings.timeout,
            stallTimeout: settings.stallTimeout, maxBodyBytes: settings.maxBodyBytes,
            truncatesAtLimit: false, maxRedirects: settings.maxRedirects,
            usesEnvironmentProxy: configuration.usesEnvironmentProxy)
        return try await run(spec, hostKey: target.hostKey, settings: settings, requestedURL: request.url)
    }

    /// Stops every transfer and waiter (they fail with `shutdown`), then ends the curl thread.
    public func shutdown() async {
        isShutDown.store(true, ordering: .releasing)
        await scheduler.shutdown()
        await loop.shutdown()
    }

    /// Runs attempts until one gives a response that needs no retry, or the host's retries run out.
    private func run(_ spec: TransferSpec, hostKey: String, settings: HostSettings, requestedURL: String)
        async throws(FetchError) -> FetchResponse
    {
        let retryPolicy = RetryPolicy(
            retries: settings.retries, base: configuration.backoffBase, maxBackoff: configuration.maxBackoff,
            maxRetryAfter: configuration.maxRetryAfter)
        var generator = SystemRandomNumberGenerator()
        var earliest: ContinuousClock.Instant?
        var attempt = 0
        let started = clock.now
        while true {
            attempt += 1
            switch await scheduler.acquire(hostKey, limits: settings.limits, earliest: earliest) {
            case .success:
                break
            case .failure(.cancelled):
                throw FetchError(code: .cancelled, url: requestedURL, detail: "cancelled", attempts: attempt - 1)
            case .failure(.shutdown):
                throw FetchError(
                    code: .shutdown, url: requestedURL, detail: "the HTTP client was shut down",
                    attempts: attempt - 1)
            }
            let outcome = await loop.perform(spec)
            await scheduler.release(hostKey)
            switch outcome.classify(
                requestedURL: requestedURL, limit: spec.maxBodyBytes, stallSeconds: spec.stallTimeout.wholeSeconds)
            {
            case .response(var response):
                response.attempts = attempt
                guard retryPolicy.shouldRetry(status: response.status, afterAttempt: attempt), !Task.isCancelled
                else { return response }
                let retryAfter = response.headers["Retry-After"].flatMap {
                    RetryAfter.delay(from: $0, now: clock.secondsSince1970)
                }
                let wait = retryPolicy.delay(afterAttempt: attempt, retryAfter: retryAfter, using: &generator)
                if let retryAfter {
                    // The server asked everyone to wait: hold the whole host, not only this request.
                    await scheduler.hold(hostKey, until: clock.now + min(retryAfter, configuration.maxRetryAfter))
                }
                earliest = clock.now + wait
            case .failure(let code, let detail):
                guard retryPolicy.shouldRetry(code, afterAttempt: attempt), !Task.isCancelled else {
                    throw FetchError(
                        code: code, url: requestedURL, detail: detail, attempts: attempt, elapsed: clock.now - started)
                }
                earliest = clock.now + retryPolicy.delay(afterAttempt: attempt, using: &generator)
            }
        }
    }

    /// The robots.txt policy of `target`'s origin, fetched once and cached; nil if cancelled.
    private func robotsPolicy(for target: FetchTarget, settings: HostSettings) async -> RobotsPolicy? {
        await robotsCache.policy(for: target.origin) { [self] in
            let policy = await loadRobots(for: target, settings: settings)
            let lifetime: Duration
            switch policy {
            case .disallowAll, .unreachable: lifetime = configuration.robotsRetryAfterError
            case .rules, .allowAll: lifetime = configuration.robotsLifetime
            }
            if let delay = policy.crawlDelay {
                await scheduler.setDelay(min(delay, settings.maxCrawlDelay), for: target.hostKey)
            }
            return (policy, lifetime)
        }
    }

    /// Fetches and interprets robots.txt per RFC 9309 §2.3.1, with the host's timeouts and retries.
    private func loadRobots(for target: FetchTarget, settings: HostSettings) async -> RobotsPolicy {
        let url = target.robotsURL
        let spec = TransferSpec(
            url: url, headerLines: [], userAgent: configuration.userAgent,
            connectTimeout: settings.connectTimeout, timeout: settings.timeout,
            stallTimeout: settings.stallTimeout, maxBodyBytes: Self.robotsMaxBytes, truncatesAtLimit: true,
            maxRedirects: Self.robotsMaxRedirects, usesEnvironmentProxy: configuration.usesEnvironmentProxy)
        do {
            let response = try await run(spec, hostKey: target.hostKey, settings: settings, requestedURL: url)
            switch response.status {
            case 200..<300:
                var body = response.body[...]
                if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
                let text = String(decoding: body, as: UTF8.self)
                return .rules(RobotsRules(parsing: text, productToken: configuration.productToken))
            case 429, 500...:
                return .disallowAll("\(url) unavailable (HTTP \(response.status))")
            default:
                return .allowAll
            }
        } catch {
            switch error.code {
            case .tooManyRedirects, .redirectLoop, .redirectRefused:
                return .allowAll
            case .connectFailed, .timedOut, .stalled, .tlsFailed:
                return .unreachable(error.code, "robots.txt unreachable (\(url)): \(error.detail)\(error.retries)")
            default:
                return .disallowAll("\(url) unreachable: \(error.detail)")
            }
        }
    }

    /// The request header lines for curl, checked so no value can inject another header.
    private static func headerLines(for request: FetchRequest) throws(FetchError) -> [String] {
        var lines: [String] = []
        if let etag = request.etag { lines.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { lines.append("If-Modified-Since: \(lastModified)") }
        for header in request.headers {
            let tokenCharacters = Set("!#$%&'*+-.^_`|~".utf8)
            let nameIsToken =
                !header.name.isEmpty
                && header.name.utf8.allSatisfy {
                    ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                        || tokenCharacters.contains($0)
                }
            guard nameIsToken else {
                throw FetchError(code: .invalidRequest, url: request.url, detail: "bad header name '\(header.name)'")
            }
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        for line in lines where line.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) {
            let name = line.prefix { $0 != ":" && $0 != ";" }
            throw FetchError(code: .invalidRequest, url: request.url, detail: "header \(name) contains CR, LF or NUL")
        }
        return lines
    }
}
