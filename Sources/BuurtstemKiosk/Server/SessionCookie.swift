import Hummingbird

/// The session cookie: `HttpOnly` (the page's script cannot read it), `SameSite=Strict` (no other site's page
/// sends it), for the whole kiosk, and gone when the browser closes.
enum SessionCookie {
    static let name = "buurtstem_session"

    static func cookie(_ id: String) -> Cookie {
        Cookie(name: name, value: id, path: "/", httpOnly: true, sameSite: .strict)
    }
}
