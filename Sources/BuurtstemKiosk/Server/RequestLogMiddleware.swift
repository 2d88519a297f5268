import Foundation
import Hummingbird
import Logging

/// Logs one line per request: method, path, status and time taken. Never the query string, a header or the body:
/// pass codes and PINs travel in POST bodies, and must not end up in a log. Only the paths of the kiosk's own routes
/// are written as they are; any other path (someone typing a pass code into the address bar, `GET /<code>`) is
/// logged as `(other path)`, since whatever it holds may be a code.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    /// The paths that may be written to the log as they are (`KioskRoutes.paths`).
    let knownPaths: Set<String>

    /// What the log says for `path`.
    func loggedPath(_ path: String) -> String {
        knownPaths.contains(path) ? path : "(other path)"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        let path = loggedPath(request.uri.path)
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
