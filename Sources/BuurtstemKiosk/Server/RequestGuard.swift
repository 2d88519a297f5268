import Foundation
import HTTPTypes
import Hummingbird

/// Refuses requests that did not come from the kiosk's own page.
///
/// - Every request: the `Host` must be the address the server is bound to (or `localhost`/`127.0.0.1` with its port
///   when bound to the loopback), which stops DNS-rebinding pages; a query string is refused outright, so a pass code
///   can never travel in a URL (and so in a log or the browser's history).
/// - State-changing requests (`POST`): an `Origin` or `Sec-Fetch-Site` header, when the browser sends one, must be
///   this server's own; the body must be JSON (a cross-site HTML form cannot send that); and the `X-CSRF-Token`
///   header must match the token of the session in the `buurtstem_session` cookie (which is `SameSite=Strict`,
///   `HttpOnly`).
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    let allowedHosts: AllowedHosts
    let sessions: SessionStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let host = request.head.authority?.lowercased(), allowedHosts.contains(host) else {
            return JSONReply.failure(Self.forbidden("host", nl: "Onbekend adres.", en: "Unknown host."))
        }
        if request.uri.query != nil {
            return JSONReply.failure(KioskFailure(status: 400, message: KioskMessage(
                code: "queryString", nl: "Deze stemzuil neemt geen gegevens in het adres aan.",
                en: "This kiosk takes no data in the address (no query strings).")))
        }
        guard request.method == .post else {
            // The page's own GETs (the status it polls) carry the cookie: the session is in use, and is kept.
            if let session = request.cookies[SessionCookie.name]?.value { _ = await sessions.session(session) }
            return try await next(request, context)
        }
        if let origin = request.headers[.origin], !allowedHosts.contains(where: { origin.lowercased() == "http://\($0)" }) {
            return JSONReply.failure(Self.forbidden("origin", nl: "Verzoek van een andere website geweigerd.", en: "Request from another site refused."))
        }
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site != "same-origin", site != "none" {
            return JSONReply.failure(Self.forbidden("origin", nl: "Verzoek van een andere website geweigerd.", en: "Request from another site refused."))
        }
        guard Self.isJSON(request.headers[.contentType]) else {
            return JSONReply.failure(KioskFailure(status: 415, message: KioskMessage(
                code: "contentType", nl: "Verkeerd soort verzoek.", en: "Requests must be JSON.")))
        }
        let session = request.cookies[SessionCookie.name]?.value
        guard await sessions.verify(id: session, token: request.headers[HTTPField.Name("X-CSRF-Token")!]) else {
            return JSONReply.failure(Self.forbidden("session", nl: "De sessie is verlopen. Laad de pagina opnieuw.",
                                                    en: "The session has expired. Reload the page."))
        }
        return try await next(request, context)
    }

    /// Whether a `Content-Type` header says JSON: exactly `application/json`, optionally with `charset=utf-8`
    /// (any case, spaces around `;` and `=`, the charset optionally quoted); nothing else (`application/jsonx`,
    /// another charset, other parameters) passes.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.lowercased().split(separator: ";", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first == "application/json" else { return false }
        switch parts.count {
        case 1:
            return true
        case 2:
            let parameter = parts[1].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            return parameter.count == 2 && parameter[0] == "charset" && ["utf-8", "\"utf-8\""].contains(parameter[1])
        default:
            return false
        }
    }

    static func forbidden(_ code: String, nl: String, en: String) -> KioskFailure {
        KioskFailure(status: 403, message: KioskMessage(code: code, nl: nl, en: en))
    }
}
