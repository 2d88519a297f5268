import Foundation
import Hummingbird
import Logging

/// Logs one line per request: method, path, status and time taken. Never the query string, a header or the body:
/// pass codes and PINs travel in POST bodies, and must not end up in a log.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        let path = request.uri.path
        do {
            let response = try await next(request, context)
            logger.info("\(method) \(path) \(response.status.code) \(Self.milliseconds(since: start)) ms")
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            logger.info("\(method) \(path) \(status) \(Self.milliseconds(since: start)) ms")
            throw error
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = (ContinuousClock.now - start).components
        return Int(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000)
    }
}
