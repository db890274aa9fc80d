/// When to try again, and how long to wait first.
struct RetryPolicy: Sendable {
    /// Statuses worth another attempt (RFC 9110: the request may succeed later).
    static let retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    var retries: Int
    var base: Duration
    var maxBackoff: Duration
    var maxRetryAfter: Duration

    /// The wait before attempt `attempt + 1`, after `attempt` attempts (1-based) failed.
    ///
    /// Exponential backoff with "equal jitter": half of `base · 2^(attempt-1)` is fixed and the other half
    /// random, capped at `maxBackoff`. A `Retry-After` (already cut to `maxRetryAfter`) wins when longer.
    func delay(
        afterAttempt attempt: Int,
        retryAfter: Duration? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let full = min(base * (1 << exponent), maxBackoff)
        let half = full / 2
        let jitterFraction = Double.random(in: 0...1, using: &generator)
        let backoff = half + half * jitterFraction
        guard let retryAfter else { return backoff }
        return max(backoff, min(retryAfter, maxRetryAfter))
    }

    /// Whether a response with `status` should be retried after `attempt` attempts.
    func shouldRetry(status: Int, afterAttempt attempt: Int) -> Bool {
        attempt <= retries && Self.retryableStatuses.contains(status)
    }

    /// Whether a failure with `code` should be retried after `attempt` attempts.
    func shouldRetry(_ code: FetchError.Code, afterAttempt attempt: Int) -> Bool {
        attempt <= retries && code.isRetryable
    }
}

/// The wait a `Retry-After` header asks for (RFC 9110 §10.2.3).
enum RetryAfter {
    /// Parses delta-seconds or an HTTP-date relative to `now` (seconds since 1970); nil when malformed.
    /// A date in the past means no wait.
    static func delay(from value: String, now: Double) -> Duration? {
        let text = value.trimmingASCIIWhitespace()
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let seconds = Int(text.prefix(9)) else { return nil }
            return .seconds(seconds)
        }
        guard let date = HTTPDate.secondsSince1970(text) else { return nil }
        let wait = Double(date) - now
        return wait > 0 ? .milliseconds(Int64((wait * 1000).rounded(.up))) : .zero
    }
}
