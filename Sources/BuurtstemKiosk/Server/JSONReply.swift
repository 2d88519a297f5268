import Foundation
import Hummingbird

/// JSON responses, never cached.
enum JSONReply {
    static func ok(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A refusal: `{"error": {"code": ..., "nl": ..., "en": ...}}` with the failure's status.
    static func failure(_ failure: KioskFailure) -> Response {
        ok(["error": failure.message], status: HTTPResponse.Status(code: failure.status))
    }

    private static let headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
