import Buurtstem
import BuurtstemCrypto

/// The voter-facing message for every reason a pass or ballot is refused, and the HTTP status that goes with it.
///
/// Each `CastError` case has its own message; a mistyped code says what kind of typing error it is (a wrong check
/// character, a wrong length, a character that cannot occur), because the voter can fix each of them differently.
/// Messages name areas and elections as residents know them (`areaName`, `electionTitle`), never by their codes.
package enum CastMessages {
    /// The message and HTTP status for `error` as `BallotBox` threw it; `areaName` gives an area's name for its
    /// code, `electionTitle` an election's title for its id (nil: not known here).
    package static func message(for error: CastError, areaName: (String) -> String = { $0 },
                               electionTitle: (String) -> String? = { _ in nil }) -> (status: Int, message: KioskMessage) {
        switch error {
        case let .mistyped(typo):
            return (400, mistyped(typo.kind))
        case .unknownPass:
            return (404, KioskMessage(
                code: "unknownPass",
                nl: "Deze code is geen stempas voor deze stemming. Controleer of u de code van de goede brief hebt overgenomen.",
                en: "This code is not a voting pass for this election. Check that you copied the code from the right letter."))
        case let .otherElection(election):
            let named = electionTitle(election).map { " (‘\($0)’)" } ?? ""
            return (403, KioskMessage(
                code: "otherElection",
                nl: "Deze stempas hoort bij een andere stemming\(named). Met deze stempas kunt u hier niet stemmen.",
                en: "This voting pass belongs to another election\(named). You cannot vote with it here."))
        case let .wrongArea(pass, kiosk):
            let (passArea, kioskArea) = (areaName(pass), areaName(kiosk))
            return (403, KioskMessage(
                code: "wrongArea",
                nl: "Deze stempas is voor een ander gebied (\(passArea)); deze stemzuil is voor \(kioskArea). Stem bij een stemzuil voor uw wijk, of vraag een medewerker.",
                en: "This voting pass is for another area (\(passArea)); this kiosk is for \(kioskArea). Vote at a kiosk for your area, or ask a member of staff."))
        case .alreadyUsed:
            return (409, KioskMessage(
                code: "alreadyUsed",
                nl: "Met deze stempas is al gestemd. Met elke stempas kunt u één keer stemmen. Hebt u zelf niet gestemd? Meld het bij een medewerker.",
                en: "This voting pass has already been used. Each pass votes once. If you did not vote, please tell a member of staff."))
        case .revoked:
            return (410, KioskMessage(
                code: "revoked",
                nl: "Deze stempas is vervangen en is niet meer geldig. Stem met de code op de nieuwe brief die u bij de balie kreeg, of vraag een medewerker.",
                en: "This voting pass was replaced and is no longer valid. Vote with the code on the new letter you got at the desk, or ask a member of staff."))
        case let .invalidBallot(reason):
            return (422, KioskMessage(
                code: "invalidBallot",
                nl: "Deze keuze is niet geldig: ze past niet bij de regels boven de projecten. Pas uw keuze aan en probeer het opnieuw.",
                en: "This choice is not valid: \(reason). Change your choice and try again."))
        case .pollsNotOpen:
            return (503, KioskMessage(
                code: "pollsNotOpen",
                nl: "De stemming is nog niet geopend. U kunt nog niet stemmen; vraag een medewerker hoe laat de stemming begint.",
                en: "The polls are not open yet. You cannot vote yet; ask a member of staff when voting starts."))
        case .pollsClosed:
            return (503, KioskMessage(
                code: "pollsClosed",
                nl: "De stemming is gesloten. Er kan niet meer gestemd worden.",
                en: "The polls are closed. No more votes can be cast."))
        }
    }

    /// The message for a code that does not read as a stempas code, saying what kind of typo it is.
    static func mistyped(_ kind: CodeError.Kind) -> KioskMessage {
        switch kind {
        case .checkMismatch:
            return KioskMessage(
                code: "mistyped",
                nl: "Deze code bevat een typefout. Vergelijk elk teken met de code op uw stempas en verbeter het.",
                en: "This code contains a typing error. Compare each character with the code on your voting pass and correct it.")
        case let .wrongLength(found, expected):
            return KioskMessage(
                code: "mistyped",
                nl: "Deze code heeft \(found) tekens, maar een stempascode heeft er \(expected). Kijk of u een teken hebt overgeslagen of te veel hebt getypt.",
                en: "This code has \(found) characters, but a voting pass code has \(expected). Check for a missing or extra character.")
        case let .invalidCharacter(character, position):
            return KioskMessage(
                code: "mistyped",
                nl: "Het teken ‘\(character)’ op plaats \(position) komt niet voor in stempascodes. Codes bestaan alleen uit cijfers en letters, zonder de U.",
                en: "The character ‘\(character)’ at position \(position) does not occur in pass codes. Codes use only digits and letters, without U.")
        }
    }

    /// Shown while staff have paused this kiosk.
    package static let paused = KioskMessage(
        code: "kioskPaused",
        nl: "Deze stemzuil is even gesloten. Vraag een medewerker of gebruik een andere stemzuil.",
        en: "This kiosk is closed for a moment. Ask a member of staff or use another kiosk.")
}
