internal import CCurl

/// What an attempt amounts to: an HTTP response, or a failure with its cause in words.
enum AttemptResult: Sendable {
    case response(FetchResponse)
    case failure(FetchError.Code, String)
}

extension TransferOutcome {
    /// Maps curl's result and the fetcher's own aborts onto a response or a typed failure.
    func classify(requestedURL: String, limit: Int, stallSeconds: Int) -> AttemptResult {
        let code = CURLcode(rawValue: UInt32(bitPattern: curlCode))
        if code == CURLE_OK || (cutAtLimit && abort == .bodyLimit) {
            return .response(
                FetchResponse(
                    status: status, headers: headers, body: body, requestedURL: requestedURL,
                    finalURL: effectiveURL.isEmpty ? requestedURL : effectiveURL, redirectCount: redirectCount,
                    timings: timings))
        }
        switch abort {
        case .cancelled: return .failure(.cancelled, "cancelled")
        case .shutdown: return .failure(.shutdown, "the HTTP client was shut down")
        case .redirectLoop(let url): return .failure(.redirectLoop, "redirect loop: \(url) was visited twice")
        case .bodyLimit: return bodyTooLarge(limit: limit)
        case .stalled: return .failure(.stalled, "stalled: no data received for \(stallSeconds) seconds")
        case nil: break
        }
        let message = curlMessage
        switch code {
        case CURLE_FILESIZE_EXCEEDED:
            return bodyTooLarge(limit: limit)
        case CURLE_UNSUPPORTED_PROTOCOL:
            if redirectCount > 0 || lastLocation != nil || status >= 300 {
                let target = lastLocation ?? "a non-http URL"
                return .failure(.redirectRefused, "redirect to \(target) refused: only http and https are followed")
            }
            return .failure(.unsupportedScheme, "unsupported scheme: \(message)")
        case CURLE_URL_MALFORMAT:
            if redirectCount > 0 || lastLocation != nil {
                return .failure(.redirectRefused, "redirect to malformed URL \(lastLocation ?? "") refused")
            }
            return .failure(.invalidURL, "invalid URL: \(message)")
        case CURLE_TOO_MANY_REDIRECTS:
            return .failure(.tooManyRedirects, "more than \(redirectCount) redirects")
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            // curl's own message already says "Could not resolve host: NAME".
            let lowered = message.lowercased()
            return .failure(
                .connectFailed, lowered.hasPrefix("could not resolve") ? lowered : "could not resolve host: \(message)")
        case CURLE_COULDNT_CONNECT:
            return .failure(.connectFailed, "connection failed: \(Self.connectMessage(message))")
        case CURLE_GOT_NOTHING:
            return .failure(.connectFailed, "connection closed without a response")
        case CURLE_OPERATION_TIMEDOUT:
            if message.lowercased().contains("too slow") {
                return .failure(.stalled, "stalled: \(message)")
            }
            if !connected {
                return .failure(.timedOut, "connect timed out: \(message)")
            }
            return .failure(.timedOut, "timed out: \(message)")
        case CURLE_PARTIAL_FILE:
            let expected = declaredLength.map { " of \($0)" } ?? ""
            return .failure(.truncated, "truncated: body ended after \(body.count)\(expected) bytes (\(message))")
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            if status > 0 {
                return .failure(.truncated, "truncated after \(body.count) body bytes: \(message)")
            }
            return .failure(.connectFailed, "connection failed: \(message)")
        case CURLE_BAD_CONTENT_ENCODING:
            return .failure(.badContentEncoding, "bad content encoding: \(message)")
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3:
            return .failure(.invalidResponse, "invalid response: \(message)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED:
            return .failure(.tlsFailed, "TLS failed: \(message)")
        case CURLE_ABORTED_BY_CALLBACK:
            return .failure(.cancelled, "cancelled")
        default:
            return .failure(.transferFailed, "transfer failed (curl \(curlCode)): \(message)")
        }
    }

    private func bodyTooLarge(limit: Int) -> AttemptResult {
        let encoding = headers["Content-Encoding"]?.lowercased() ?? "identity"
        if encoding != "identity" && !encoding.isEmpty {
            return .failure(.decompressedTooLarge, "decompressed body exceeds \(limit) bytes (\(encoding))")
        }
        return .failure(.bodyTooLarge, "body exceeds \(limit) bytes")
    }

    /// curl's "Failed to connect to HOST port N after 0 ms: Couldn't connect to server" as
    /// "HOST port N: couldn't connect to server": the time of one attempt says nothing useful (the error
    /// gives the attempts and their time), and the rest reads as one of our lines.
    static func connectMessage(_ message: String) -> String {
        var text = message.replacing(#/ after \d+ ms/#, with: "")
        if text.hasPrefix("Failed to connect to ") { text.removeFirst("Failed to connect to ".count) }
        guard let colon = text.firstRange(of: ": ") else { return text }
        let reason = text[colon.upperBound...]
        return String(text[..<colon.upperBound]) + reason.prefix(1).lowercased() + reason.dropFirst()
    }
}
