import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// The review step of a secret election and its optional check, "Controleer deze stem" (the Benaloh challenge;
/// docs/kiosk.md and docs/record.md, "Checking a ballot: the Benaloh challenge"): the kiosk encrypts the choices and
/// shows the ballot code first, then either casts exactly that encryption or opens it for the resident to check; an
/// opened ballot is spoiled (never cast, the pass stays unused) and the resident chooses again.
extension KioskService {
    /// What the review step shows: the ballot code, and the handle the page sends back to cast or open the ballot.
    package struct SealView: Sendable, Codable, Equatable {
        /// The handle of the sealed ballot (random; kept in memory only).
        package let handle: String
        /// The ballot code: the commitment to the encryption, shown before the resident chooses.
        package let ballotCode: String
    }

    /// An opened (spoiled) ballot as the page shows it.
    package struct OpenedView: Sendable, Codable, Equatable {
        /// The ballot code shown before the check.
        package let ballotCode: String
        /// The choices the encryption holds, in canonical order.
        package let choices: [Choice]
        /// The opening as text, for `buurtstem-verify challenge`.
        package let text: String
        /// The opening as a QR code (an SVG data URL), or nil when it is too long for one.
        package let qr: String?
    }

    /// Encrypts the ballot of pass `code` with `choices` for the review step of a secret election and keeps it.
    package func seal(code: String, choices: [Choice]) async throws(KioskFailure) -> SealView {
        try refuseIfPaused()
        let sealed = try await run { [self] in
            try box.seal(election: election, kiosk: kiosk, code: code, choices: choices)
        }
        return SealView(handle: sealedBallots.keep(sealed), ballotCode: sealed.code)
    }

    /// Casts the sealed ballot `handle` of pass `code`, which must hold `choices`: exactly the encryption whose code
    /// the review step showed.
    package func cast(code: String, choices: [Choice], sealed handle: String) async throws(KioskFailure) -> Receipt {
        try refuseIfPaused()
        guard let sealed = sealedBallots.take(handle) else { throw Self.sealedGone }
        guard Set(sealed.choices) == Set(choices) else { throw Self.sealedGone }
        return try await run { [self] in try box.cast(sealed: sealed, code: code) }
    }

    /// Opens the sealed ballot `handle` of pass `code`: it is forgotten (so it can never be cast) and its choices and
    /// randomness are shown. The pass stays unused; the resident chooses again.
    package func challenge(code: String, sealed handle: String) async throws(KioskFailure) -> OpenedView {
        guard let sealed = sealedBallots.take(handle) else { throw Self.sealedGone }
        // Only the pass that sealed it may see it opened: the handle alone is not enough.
        guard let typed = try? TypeableCode(parsing: code, format: .stempas),
              PassToken.passKey(secret: typed.bytes).publicKey == sealed.pass else { throw Self.sealedGone }
        let opening = sealed.opening
        let text = opening.text
        let qr = (try? QRCode(text)).map { "data:image/svg+xml;base64," + Data($0.svg(pixels: 240, label: "QR-code geopende stem / opened ballot").utf8).base64EncodedString() }
        return OpenedView(ballotCode: opening.code, choices: opening.choices, text: text, qr: qr)
    }

    /// The sealed ballot is no longer kept (cast, opened, replaced by a newer seal, or the kiosk restarted), or it
    /// is not this pass's or these choices'.
    package static let sealedGone = KioskFailure(status: 409, message: KioskMessage(
        code: "sealedGone",
        nl: "Deze versleutelde stem is niet meer beschikbaar. Ga terug naar uw keuze en controleer die opnieuw; er is niets uitgebracht.",
        en: "This encrypted ballot is no longer available. Go back to your choice and review it again; nothing was cast."))
}
