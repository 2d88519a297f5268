import BuurtstemRecord
import Foundation
import Hummingbird

/// The kiosk's HTTP routes: the page, and a small JSON API over `KioskService`.
///
/// | route | what |
/// | --- | --- |
/// | `GET /`, `/kiosk.css`, `/kiosk.js` | the page |
/// | `GET /api/session` | a new session: sets the cookie, returns the CSRF token and the page's settings |
/// | `GET /api/status` | whether a voter can start now |
/// | `POST /api/pass` `{"code"}` | checks a pass; returns the ballot |
/// | `POST /api/cast` `{"code", "choices": [{"project", "value"}], "sealed"?}` | casts (with `sealed`: exactly the ballot sealed at review); returns the receipt |
/// | `POST /api/seal` `{"code", "choices"}` | a secret election's review step: encrypts and returns the ballot code and a handle |
/// | `POST /api/challenge` `{"code", "sealed"}` | opens the sealed ballot ("Controleer deze stem"); it is spoiled, never cast |
/// | `POST /api/staff/login` `{"pin"}` | unlocks the staff screen for this session |
/// | `POST /api/staff/status`, `open`, `pause`, `checkpoint`, `close`, `logout` | the staff screen |
struct KioskRoutes {
    let service: KioskService
    let sessions: SessionStore
    let pins: PinGuard
    let settings: KioskServer.PageSettings

    /// The files of the page.
    static let pagePaths = ["/", "/index.html", "/kiosk.css", "/kiosk.js"]
    /// The staff actions, each at `/api/staff/ACTION`.
    static let staffActions = ["status", "open", "pause", "checkpoint", "close"]
    /// Every path the kiosk answers: the only ones the request log writes as they are.
    static let paths: Set<String> = Set(pagePaths + ["/api/session", "/api/status", "/api/pass", "/api/cast", "/api/seal", "/api/challenge", "/api/staff/login", "/api/staff/logout"]
        + staffActions.map { "/api/staff/\($0)" })

    struct CodeInput: Decodable { let code: String }
    struct CastInput: Decodable { let code: String; let choices: [Choice]; let sealed: String? }
    struct ChallengeInput: Decodable { let code: String; let sealed: String }
    struct PinInput: Decodable { let pin: String }
    struct SessionReply: Encodable { let csrfToken: String; let settings: KioskServer.PageSettings }

    func add(to router: Router<BasicRequestContext>) {
        for path in Self.pagePaths {
            router.get(RouterPath(path)) { _, _ in PageAssets.response(path)! }
        }
        router.get("/api/session") { _, _ in
            let session = await sessions.create()
            var response = JSONReply.ok(SessionReply(csrfToken: session.csrfToken, settings: settings))
            response.setCookie(SessionCookie.cookie(session.id))
            return response
        }
        router.get("/api/status") { _, _ in
            do {
                return JSONReply.ok(try await service.status())
            } catch {
                return JSONReply.failure(.internalError)
            }
        }
        router.post("/api/pass") { request, _ in
            await reply(request, CodeInput.self) { input in try await service.admit(code: input.code) }
        }
        router.post("/api/cast") { request, _ in
            await reply(request, CastInput.self) { input in
                if let sealed = input.sealed { return try await service.cast(code: input.code, choices: input.choices, sealed: sealed) }
                return try await service.cast(code: input.code, choices: input.choices)
            }
        }
        router.post("/api/seal") { request, _ in
            await reply(request, CastInput.self) { input in try await service.seal(code: input.code, choices: input.choices) }
        }
        router.post("/api/challenge") { request, _ in
            await reply(request, ChallengeInput.self) { input in try await service.challenge(code: input.code, sealed: input.sealed) }
        }
        router.post("/api/staff/login") { request, _ in
            await reply(request, PinInput.self) { input in
                switch await pins.attempt(input.pin) {
                case .accepted:
                    if let id = request.cookies[SessionCookie.name]?.value { await sessions.setStaff(id, true) }
                    return ["unlocked": true]
                case let .refused(remaining):
                    throw KioskFailure(status: 401, message: KioskMessage(
                        code: "wrongPin", nl: "Onjuiste pincode. Nog \(remaining) \(remaining == 1 ? "poging" : "pogingen") voordat het scherm even op slot gaat.",
                        en: "Wrong PIN. \(remaining) \(remaining == 1 ? "attempt" : "attempts") left before the screen locks for a while."))
                case let .locked(seconds):
                    throw KioskFailure(status: 429, message: KioskMessage(
                        code: "pinLocked", nl: "Te vaak een onjuiste pincode. Probeer het over \(seconds) seconden opnieuw.",
                        en: "Too many wrong PINs. Try again in \(seconds) seconds."))
                }
            }
        }
        staff(router, "status") { try await service.staffStatus() }
        staff(router, "open") { try await service.open(); return try await service.staffStatus() }
        staff(router, "pause") { service.pause(); return try await service.staffStatus() }
        staff(router, "checkpoint") { try await service.checkpoint(); return try await service.staffStatus() }
        staff(router, "close") { try await service.close(); return try await service.staffStatus() }
        router.post("/api/staff/logout") { request, _ in
            if let id = request.cookies[SessionCookie.name]?.value { await sessions.setStaff(id, false) }
            return JSONReply.ok(["unlocked": false])
        }
    }

    /// A staff action: only for a session unlocked with the PIN.
    private func staff(_ router: Router<BasicRequestContext>, _ action: String,
                       _ body: @escaping @Sendable () async throws -> StaffStatus) {
        precondition(Self.staffActions.contains(action), "a staff route missing from KioskRoutes.staffActions (and so from the log's paths)")
        router.post(RouterPath("/api/staff/\(action)")) { request, _ in
            guard await sessions.isStaff(request.cookies[SessionCookie.name]?.value) else {
                return JSONReply.failure(KioskFailure(status: 401, message: KioskMessage(
                    code: "staffLocked", nl: "Voer eerst de pincode in.", en: "Enter the PIN first.")))
            }
            do {
                return JSONReply.ok(try await body())
            } catch let failure as KioskFailure {
                return JSONReply.failure(failure)
            } catch {
                return JSONReply.failure(.internalError)
            }
        }
    }

    /// Decodes the JSON body as `Input` (at most 64 KiB; an object with a key twice is refused, since the decoder
    /// would silently keep the last) and answers with `body`'s value or its refusal.
    private func reply<Input: Decodable, Output: Encodable>(
        _ request: Request, _: Input.Type, _ body: (Input) async throws -> Output
    ) async -> Response {
        var request = request
        let input: Input
        do {
            let bytes = [UInt8](try await request.collectBody(upTo: 64 * 1024).readableBytesView)
            if DuplicateKeyScan.firstDuplicate(in: bytes) != nil {
                return JSONReply.failure(KioskFailure(status: 400, message: KioskMessage(
                    code: "duplicateKey", nl: "Het verzoek noemt een gegeven twee keer en is geweigerd.",
                    en: "The request names a field twice and was refused.")))
            }
            input = try JSONDecoder().decode(Input.self, from: Data(bytes))
        } catch {
            return JSONReply.failure(KioskFailure(status: 400, message: KioskMessage(
                code: "badRequest", nl: "Het verzoek kon niet worden gelezen.", en: "The request could not be read.")))
        }
        do {
            return JSONReply.ok(try await body(input))
        } catch let failure as KioskFailure {
            return JSONReply.failure(failure)
        } catch {
            return JSONReply.failure(.internalError)
        }
    }
}
