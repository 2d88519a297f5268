import Hummingbird

/// The kiosk page's files, compiled into the binary from `Pages/` (SwiftPM `embedInCode`), so the kiosk needs no
/// resource folder, no network and no CDN: everything the browser loads comes from this server.
enum PageAssets {
    /// The file served at `path`, with its content type, or nil.
    static func asset(_ path: String) -> (contentType: String, bytes: [UInt8])? {
        switch path {
        case "/", "/index.html": ("text/html; charset=utf-8", PackageResources.kiosk_html)
        case "/kiosk.css": ("text/css; charset=utf-8", PackageResources.kiosk_css)
        case "/kiosk.js": ("text/javascript; charset=utf-8", PackageResources.kiosk_js)
        default: nil
        }
    }

    /// The response for `path`, with the page's security headers.
    static func response(_ path: String) -> Response? {
        guard let (contentType, bytes) = asset(path) else { return nil }
        var headers = SecurityHeaders.page
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
