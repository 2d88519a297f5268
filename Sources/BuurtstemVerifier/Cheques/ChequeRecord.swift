import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// A cheque round's published record as docs/record.md ("Cheque rounds") defines it: the files, their shapes
/// and the exact bytes every hash and signature covers, written from the page, not from the engine.
///
/// Fields are decoded with `convertFromSnakeCase` (`valid_from_ms` is `validFromMs`).
enum ChequeRecord {
    static let round = "round.json"
    static let issued = "issued.json"
    static let issuedCheques = "issued-cheques.jsonl"
    static let initiatives = "initiatives.jsonl"
    static let ledger = "ledger.jsonl"
    static let checkpoints = "checkpoints.jsonl"
    static let settlement = "settlement.json"
    /// The round's pre-publication, in the record of a pre-published round (format 2).
    static let prePublication = "prepublication.json"
    /// The signed index of the other files' SHA-256 digests (`RecordIndex`, kind ``indexKind``).
    static let index = "record.json"
    /// The index's `kind` for a cheque round.
    static let indexKind = "cheque-round"

    /// The files every round's record has (the settlement only once settled).
    static let required = [round, issued, issuedCheques, initiatives, ledger, checkpoints]
    /// The files the index may list: all but itself.
    static let indexed = Set(required + [settlement, prePublication])
    /// The `.jsonl` files: the export ends every line with a newline, so a file cut short ends mid-line.
    static let lineFiles = [issuedCheques, initiatives, ledger, checkpoints]

    /// A round whose redemptions are signed by no cheque.
    static let formatName = "buurtstem-cheque-round/1"
    /// A round whose issued set commits to every cheque's key and whose redemptions those keys sign.
    static let formatBound = "buurtstem-cheque-round/2"
    static let scopes = ["buurt", "wijk", "gemeente"]
    static let channels = ["online", "paper", "kiosk"]

    /// `round.json`.
    struct Round: Decodable {
        struct Buurt: Decodable {
            let code: String
            let name: String
            let wijk: String
            let wijkName: String
        }

        let format: String
        let gemeenteCode: String
        let gemeenteName: String
        let issuingPublicKey: PublicKey
        let roundId: String
        let snapshot: UInt64
        let scope: String
        let valueCents: UInt64
        let issueDate: String
        let validUntil: String
        let validFromMs: Int64
        let expiresMs: Int64
        let ledgerLogId: String
        let buurten: [Buurt]

        /// `true` in format 2: the cheques have keys and sign their redemptions.
        var bindsRedemptions: Bool { format == ChequeRecord.formatBound }
    }

    /// `issued.json`: the signed commitment to the issued set.
    struct Issued: Decodable {
        let roundId: String
        let count: UInt64
        let totalCents: UInt64
        let root: HexBytes
        let ledgerPublicKey: PublicKey
        let issuedAtMs: Int64
        let signer: PublicKey
        let signature: Signature

        /// The bytes the issuing key signs: the round's terms with the set's count, total, root and ledger key.
        func signedBytes(round: Round) -> [UInt8] {
            var w = ByteWriter(tag: round.bindsRedemptions ? "buurtstem/cheque-issuance/v2" : "buurtstem/cheque-issuance/v1")
            w.append(string: round.gemeenteCode)
            w.append(string: round.roundId)
            w.append(u64: round.snapshot)
            w.append(string: round.scope)
            w.append(u64: round.valueCents)
            w.append(string: round.issueDate)
            w.append(string: round.validUntil)
            w.append(i64: round.validFromMs)
            w.append(i64: round.expiresMs)
            w.append(u64: count)
            w.append(u64: totalCents)
            w.append(raw: root.bytes)
            w.append(raw: ledgerPublicKey.bytes)
            w.append(i64: issuedAtMs)
            return w.bytes
        }
    }

    /// One line of `issued-cheques.jsonl`.
    struct IssuedLine: Decodable {
        let buurt: String
        /// The cheque's public key (format 2 only).
        let chequeKey: HexBytes?
        let codeHash: HexBytes

        /// Leaf bytes of the issued tree: v2 with the cheque's key, v1 without.
        func leafBytes(round: String) -> [UInt8] {
            var w = ByteWriter(tag: chequeKey == nil ? "buurtstem/cheque-issued/v1" : "buurtstem/cheque-issued/v2")
            w.append(string: round)
            w.append(raw: codeHash.bytes)
            if let chequeKey { w.append(raw: chequeKey.bytes) }
            w.append(string: buurt)
            return w.bytes
        }
    }

    /// One line of `initiatives.jsonl`.
    struct Initiative: Decodable {
        let id: UInt64
        let buurt: String
        let title: String
        let description: String
        let targetCents: UInt64
        let deadline: String
        let closesAtMs: Int64
    }

    /// One line of `ledger.jsonl`.
    struct LedgerLine: Decodable, Sendable {
        let sequence: UInt64
        let codeHash: HexBytes
        /// The redeemed cheque's public key (format 2 only).
        let chequeKey: HexBytes?
        let initiative: UInt64
        let channel: String
        let valueCents: UInt64
        let timeMs: Int64
        /// The cheque key's signature over ``entryBytes(round:)`` (format 2 only).
        let signature: HexBytes?
        let leafHash: HexBytes

        /// The entry's canonical bytes (v2 with the cheque's key, which signs them; v1 without).
        func entryBytes(round: String) -> [UInt8] {
            var w = ByteWriter(tag: chequeKey == nil ? "buurtstem/cheque-redemption/v1" : "buurtstem/cheque-redemption/v2")
            w.append(string: round)
            w.append(u64: sequence)
            w.append(raw: codeHash.bytes)
            if let chequeKey { w.append(raw: chequeKey.bytes) }
            w.append(u64: initiative)
            w.append(string: channel)
            w.append(u64: valueCents)
            w.append(i64: timeMs)
            return w.bytes
        }

        /// The ledger leaf's bytes: the entry's bytes, then (v2) the signature.
        func leafBytes(round: String) -> [UInt8] {
            entryBytes(round: round) + (signature?.bytes ?? [])
        }

        /// Whether the line's own cheque key signed it: nil when it carries no signature (v1).
        func signatureHolds(round: String) -> Bool? {
            guard let signature else { return nil }
            guard let key = chequeKey.flatMap({ try? PublicKey(bytes: $0.bytes) }),
                  let signature = try? Signature(bytes: signature.bytes) else { return false }
            return key.isValidSignature(signature, for: entryBytes(round: round))
        }
    }

    /// `settlement.json`.
    struct Settlement: Decodable {
        struct Line: Decodable {
            let id: UInt64
            let cheques: UInt64
            let collectedCents: UInt64
            let funded: Bool
            let fundedCents: UInt64
        }

        let roundId: String
        let settledAtMs: Int64
        let ledgerSize: UInt64
        let ledgerRoot: HexBytes
        let issuedCents: UInt64
        let redeemedCents: UInt64
        let fundedCents: UInt64
        let returnedCents: UInt64
        let unredeemedCents: UInt64
        let initiatives: [Line]
        let signer: PublicKey
        let signature: Signature

        /// The bytes the issuing key signs; `initiatives` are the round's, paired with `self.initiatives` by position.
        func signedBytes(issuedRoot: [UInt8], initiatives records: [Initiative]) -> [UInt8] {
            var w = ByteWriter(tag: "buurtstem/cheque-settlement/v1")
            w.append(string: roundId)
            w.append(raw: issuedRoot)
            w.append(u64: ledgerSize)
            w.append(raw: ledgerRoot.bytes)
            w.append(i64: settledAtMs)
            for cents in [issuedCents, redeemedCents, fundedCents, returnedCents, unredeemedCents] { w.append(u64: cents) }
            w.append(u32: UInt32(clamping: initiatives.count))
            for (record, line) in zip(records, initiatives) {
                w.append(u64: line.id)
                w.append(string: record.buurt)
                w.append(string: record.title)
                w.append(string: record.description)
                w.append(u64: record.targetCents)
                w.append(string: record.deadline)
                w.append(i64: record.closesAtMs)
                w.append(u64: line.cheques)
                w.append(u64: line.collectedCents)
                w.append(u8: line.funded ? 1 : 0)
                w.append(u64: line.fundedCents)
            }
            return w.bytes
        }
    }

    /// A buurt code's wijk: `BU` + 8 digits lies in `WK` + its first 6 (docs/record.md, `round.json`).
    static func wijk(ofBuurt code: String) -> String {
        "WK" + code.dropFirst(2).prefix(6)
    }

    /// `true` for `BU` followed by 8 ASCII digits.
    static func isBuurtCode(_ code: String) -> Bool {
        let utf8 = Array(code.utf8)
        return code.hasPrefix("BU") && utf8.count == 10 && utf8.dropFirst(2).allSatisfy { (48...57).contains($0) }
    }

    /// Whether the round's scope lets a cheque of `chequeBuurt` go to an initiative in `initiativeBuurt`.
    static func scopeAllows(_ scope: String, chequeBuurt: String, initiativeBuurt: String) -> Bool {
        switch scope {
        case "buurt": chequeBuurt == initiativeBuurt
        case "wijk": wijk(ofBuurt: chequeBuurt) == wijk(ofBuurt: initiativeBuurt)
        default: scope == "gemeente"
        }
    }

    /// `true` if `millis` is the start of Dutch calendar day `day` (`YYYY-MM-DD`): UTC midnight less one hour
    /// (CET) or two (CEST). Needs no time-zone data, which the record promises a verifier.
    static func isDutchStart(of day: String, _ millis: Int64) -> Bool {
        guard let midnight = utcMidnightMillis(day) else { return false }
        return millis == midnight - 3_600_000 || millis == midnight - 7_200_000
    }

    /// Like ``isDutchStart(of:_:)`` for the day after `day`: when something "until `day`" is over.
    static func isDutchEnd(of day: String, _ millis: Int64) -> Bool {
        guard let midnight = utcMidnightMillis(day) else { return false }
        let next = midnight + 86_400_000
        return millis == next - 3_600_000 || millis == next - 7_200_000
    }

    /// An instant as ISO 8601 UTC, for messages.
    static func time(_ millis: Int64) -> String {
        Date(timeIntervalSince1970: Double(millis) / 1000).formatted(.iso8601)
    }

    /// Milliseconds at 00:00 UTC of `YYYY-MM-DD` (proleptic Gregorian), or nil if it is not such a day.
    static func utcMidnightMillis(_ day: String) -> Int64? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int64(parts[1]), let dayOfMonth = Int64(parts[2]),
              (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        // Days from civil (H. Hinnant): a year starting in March puts the leap day last.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + dayOfMonth - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return (era * 146_097 + dayOfEra - 719_468) * 86_400_000
    }
}
