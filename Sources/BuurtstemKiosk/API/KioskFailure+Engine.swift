import Buurtstem

extension KioskFailure {
    /// An engine error on the staff screen: the engine's message, and its remedy in the screen's words: a button
    /// of this screen when it has one, else the organiser's task (the kiosk cannot issue passes or export records).
    static func staff(_ error: BuurtstemError) -> KioskFailure {
        let (nl, en) = error.remedy.map(Self.screenWords) ?? ("", "")
        return KioskFailure(status: error.kind == .wrongState ? 409 : 500, message: KioskMessage(
            code: "staffError", nl: "Dat lukte niet: \(error.message).\(nl)", en: "That did not work: \(error.message).\(en)"))
    }

    /// What staff at the kiosk do about `remedy`, in Dutch and English.
    static func screenWords(_ remedy: Remedy) -> (nl: String, en: String) {
        switch remedy {
        case .closePolls:
            (" Kies 'Stemzuil sluiten (einde dag)' op dit scherm.", " Choose 'Close kiosk (end of day)' on this screen.")
        case .checkStore:
            (" Laat de stemzuil staan en waarschuw de organisator: de opslag moet gecontroleerd worden.",
             " Leave the kiosk as it is and tell the organiser: the store must be checked.")
        default:
            (" Vraag de organisator van de stemming: \(remedy.description).",
             " Ask the election's organiser to \(remedy.description).")
        }
    }
}
