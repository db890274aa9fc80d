import HTTPTypes
import Hummingbird

/// Headers on every response, errors included: a Content-Security-Policy under which a page's own markup
/// can run no script but ours and load nothing from elsewhere (so even a sanitiser bug runs nothing), no
/// MIME sniffing, no referrer, no framing.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    let policy: String

    /// The policy: everything from this server only; remote images too when `allowRemoteImages`.
    init(allowRemoteImages: Bool) {
        policy = Self.policy(allowRemoteImages: allowRemoteImages)
    }

    static func policy(allowRemoteImages: Bool) -> String {
        [
            "default-src 'self'",
            allowRemoteImages ? "img-src 'self' data: https: http:" : "img-src 'self' data:",
            "script-src 'self'",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)  // never throws: `ErrorPages` inside answers every failure
        response.headers[.contentSecurityPolicy] = policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }
}
