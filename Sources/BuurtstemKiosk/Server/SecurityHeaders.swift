import HTTPTypes
import Hummingbird

/// Headers on every page file: nothing but this server's own files may load (no CDN, no inline script), the page
/// cannot be framed, no referrer leaves it, and the camera is for this page only (QR scanning).
enum SecurityHeaders {
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "media-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static let page: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!: contentSecurityPolicy,
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("Permissions-Policy")!: "camera=(self), microphone=(), geolocation=()",
        .cacheControl: "no-store",
    ]
}
