import BuurtstemCrypto

/// Why a cheque was not accepted, with a message in English (and a short one in Dutch for residents).
public struct RedemptionRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason.
    public enum Reason: Sendable, Equatable {
        /// The code was mistyped: a wrong character, length or check character.
        case mistyped(CodeError)
        /// The code is well-formed but was not issued in this round.
        case unknownCode
        /// The cheque was redeemed before, at `timeMillis`.
        case alreadyRedeemed(timeMillis: Int64)
        /// The round's cheques are not valid before its issue date.
        case notYetValid(issueDate: String)
        /// The round's valid-until day has passed.
        case expired(validUntil: String)
        /// The initiative's deadline has passed.
        case initiativeClosed(deadline: String)
        /// The round was settled: no initiative collects any more.
        case roundSettled
        /// The cheque may not go to an initiative in that buurt.
        case outOfScope(scope: ChequeScope, chequeArea: String, initiativeBuurt: String)
    }

    /// The reason.
    public let reason: Reason

    /// A rejection for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// A stable name for scripts (`--json`).
    public var code: String {
        switch reason {
        case .mistyped: "mistyped"
        case .unknownCode: "unknown-code"
        case .alreadyRedeemed: "already-redeemed"
        case .notYetValid: "not-yet-valid"
        case .expired: "expired"
        case .initiativeClosed: "initiative-closed"
        case .roundSettled: "round-settled"
        case .outOfScope: "out-of-scope"
        }
    }

    /// What went wrong and what to do, in English.
    public var description: String {
        switch reason {
        case let .mistyped(error):
            "\(error)"
        case .unknownCode:
            "this code is not a cheque of this round: check that it is typed as printed and that the initiative belongs to the cheque's round"
        case let .alreadyRedeemed(time):
            "this cheque was already redeemed at \(ChequeCalendar.text(millis: time)); a cheque can be used once"
        case let .notYetValid(issueDate):
            "the cheques of this round are valid from \(issueDate); redeem it from that day on"
        case let .expired(validUntil):
            "this cheque expired: it was valid until \(validUntil) (inclusive)"
        case let .initiativeClosed(deadline):
            "the initiative stopped collecting: its deadline was \(deadline); give the cheque to another initiative"
        case .roundSettled:
            "the round is settled; no initiative collects cheques any more"
        case let .outOfScope(scope, area, buurt):
            "this cheque is for initiatives in \(scope.rawValue) \(area), and this initiative is in buurt \(buurt); "
                + "give it to an initiative in \(area)"
        }
    }

    /// A short message in Dutch for residents.
    public var dutch: String {
        switch reason {
        case .mistyped: "De code bevat een typefout; vergelijk elk teken met de gedrukte code."
        case .unknownCode: "Deze code is geen cheque van deze ronde."
        case let .alreadyRedeemed(time): "Deze cheque is al gebruikt (\(ChequeCalendar.text(millis: time)))."
        case let .notYetValid(issueDate): "Deze cheque is geldig vanaf \(ChequeCalendar.dutch(issueDate))."
        case let .expired(validUntil): "Deze cheque is verlopen: hij was geldig tot en met \(ChequeCalendar.dutch(validUntil))."
        case let .initiativeClosed(deadline): "Dit initiatief verzamelt geen cheques meer (sinds \(ChequeCalendar.dutch(deadline)))."
        case .roundSettled: "Deze ronde is afgesloten."
        case let .outOfScope(scope, area, _):
            "Deze cheque is voor initiatieven in \(scope == .buurt ? "uw buurt" : scope == .wijk ? "uw wijk" : "de gemeente") (\(area))."
        }
    }
}
