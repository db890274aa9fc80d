import Hummingbird
import HTTPTypes
import Pages

/// Turns every failure into a page of ours with the right status: unknown paths and missing threads,
/// versions or stories are 404, bad parameters 400, anything else 500 with its one-line cause. Records the
/// request path first when a log is kept.
struct ErrorPages<Context: RequestContext>: RouterMiddleware {
    let pages: ReaderPages
    let log: RequestLog?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        log?.record(request.uri.path)
        do {
            return try await next(request, context)
        } catch let error as ReaderError {
            return page(error.status, error.message)
        } catch let error as PageError {
            return page(error.isNotFound ? .notFound : .internalServerError, error.description)
        } catch let error as any HTTPResponseError {
            let message = error.status == .notFound ? "no page at \(request.uri.path)" : "\(error.status)"
            return page(error.status, message)
        } catch {
            return page(.internalServerError, "\(error)")
        }
    }

    private func page(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response.html(pages.error(status: status.code, message: message), status: status)
    }
}

/// A request the reader refuses, with the status to answer.
struct ReaderError: Error {
    var status: HTTPResponse.Status
    var message: String

    static func badRequest(_ message: String) -> ReaderError { ReaderError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> ReaderError { ReaderError(status: .notFound, message: message) }
}

extension Response {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, type: "text/html; charset=utf-8", status: status)
    }

    static func body(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: type],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
