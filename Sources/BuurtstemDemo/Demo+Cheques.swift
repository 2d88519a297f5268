import Buurtstem
import BuurtstemCrypto
import Foundation

extension Demo {
    /// What the demo's cheque round did.
    package struct ChequeReport: Sendable, Codable {
        /// The round's id.
        package let round: String
        /// Cheques issued.
        package let issued: Int
        /// Redemptions accepted, per channel.
        package let redeemed: [String: Int]
        /// Attempts refused, with the reason shown.
        package let refusals: [StemdagReport.Refusal]
        /// The settlement with reach per buurt and wijk.
        package let settlement: SettlementReport
        /// The round's published record.
        package let recordFolder: String
        /// The round's pre-publication, made before the first redemption.
        package let prePublicationFolder: String
        /// Its fingerprint, printed on every cheque letter.
        package let fingerprint: String
    }

    /// The demo's initiatives: in which buurt, what, and the target in cents.
    static let initiatives: [(buurt: String, title: String, description: String, targetCents: Int64, appeal: Int)] = [
        ("BU00140700", "Buurtfeest Indische buurt", "Een zomerfeest op het plein met muziek en eten van de buren.", 300_00, 45),
        ("BU00140600", "Kinderactiviteiten Oosterparkwijk", "Knutselmiddagen in de herfstvakantie.", 150_00, 35),
        ("BU00140500", "Samen groen Lewenborg", "Plantenbakken en bollen voor de galerijflats.", 200_00, 25),
        ("BU00140100", "Jeu-de-boulesbaan Selwerd", "Een baan naast het buurthuis, door bewoners aangelegd.", 900_00, 20),
    ]

    /// An Ede-style cheque round: a EUR 7.50 cheque per household, four initiatives, redemptions online and on
    /// paper (with a double redemption and an out-of-scope cheque refused), settlement and the round's record.
    func runChequeRound(store: Store, householdsCSV: [UInt8], issuingKey: SigningKey, steps: StepLog) throws -> ChequeReport {
        let id = "demo-najaar"
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        let today = formatter.string(from: Date())
        let validUntil = formatter.string(from: Date().addingTimeInterval(60 * 86_400))
        let database = URL(fileURLWithPath: store.path)
        let printFolder = database.deletingLastPathComponent().appendingPathComponent("print-cheques")
        let issued = try steps.run("cheque round: issue a EUR 7,50 cheque to every household (print and forget)") {
            _ = try ChequeRound.create(in: store, id: id, valueCents: 750, issueDate: today, validUntil: validUntil, scope: .buurt, snapshot: nil)
            return try ChequeIssuer.issue(
                round: id, in: store, issuingKey: issuingKey,
                ledgerKey: .init(path: ChequeRound.defaultLedgerKeyPath(forDatabase: store.path, round: id), passphrase: Self.passphrase),
                printTo: printFolder, addresses: .init(bytes: householdsCSV, name: "households.csv"))
        }
        let initiatives = try Self.initiatives.map {
            try Initiative.add(to: store, round: id, buurt: $0.buurt, title: $0.title, description: $0.description,
                               targetCents: $0.targetCents, deadline: validUntil, contact: nil)
        }
        let prePublicationFolder = database.deletingLastPathComponent().appendingPathComponent("prepublication-\(id)")
        let published = try steps.run("pre-publish the round before the first redemption; its fingerprint goes on every cheque letter") {
            try ChequeRoundPublication.publish(round: id, store: store, issuingKey: issuingKey, folder: prePublicationFolder,
                                               printFolder: printFolder)
        }
        // The print shop's list: household, buurt, ..., code (last column).
        let cheques = try String(contentsOf: printFolder.appendingPathComponent("cheques.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { line -> (buurt: String, code: String) in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return (String(fields[1]), String(fields.last!))
            }
        var random = SplitMix64(seed: 11)
        var redeemed: [String: Int] = [:]
        var refusals: [StemdagReport.Refusal] = []
        var given: [String] = []
        try steps.run("residents give their cheques to initiatives in their buurt, online and on paper") {
            for (initiative, plan) in zip(initiatives, Self.initiatives) {
                let redeemer = try ChequeRedeemer(store: store, initiative: initiative.id ?? 0)
                var paper: [String] = []
                for cheque in cheques where cheque.buurt == plan.buurt && Int(random.next() % 100) < plan.appeal {
                    if random.next() % 2 == 0 {
                        if case .success = try redeemer.redeem(code: cheque.code, channel: .online) { redeemed["online", default: 0] += 1 }
                    } else {
                        paper.append(cheque.code)
                    }
                    given.append(cheque.code)
                }
                // The initiator collected the paper cheques door to door and hands them in as one list.
                for code in paper {
                    if case .success = try redeemer.redeem(code: code, channel: .paper) { redeemed["paper", default: 0] += 1 }
                }
            }
            if let first = initiatives.first, let twice = given.first {
                let redeemer = try ChequeRedeemer(store: store, initiative: first.id ?? 0)
                if case let .failure(rejection) = try redeemer.redeem(code: twice, channel: .paper) {
                    refusals.append(.init(attempt: "a cheque handed in a second time", message: "\(rejection)"))
                }
                if let outside = cheques.first(where: { $0.buurt != Self.initiatives[0].buurt && !given.contains($0.code) }),
                   case let .failure(rejection) = try redeemer.redeem(code: outside.code, channel: .online) {
                    refusals.append(.init(attempt: "a cheque from another buurt (scope: own buurt)", message: "\(rejection)"))
                }
            }
        }
        let settlement = try steps.run("settle the round: initiatives that reached their target are funded") {
            let ledgerKey = try KeyFile.unseal(ChequeRound.defaultLedgerKeyPath(forDatabase: store.path, round: id),
                                               passphrase: Passphrase(environment: [Passphrase.environmentVariable: Self.passphrase], interactive: false))
            return try ChequeSettlement.settle(round: id, in: store, issuingKey: issuingKey, ledgerKey: ledgerKey, beforeExpiry: true)
        }
        let recordFolder = database.deletingLastPathComponent().appendingPathComponent("record-\(id)")
        _ = try steps.run("export the cheque round's record") {
            try ChequeRecordExport.export(round: id, from: store, to: recordFolder, issuingKey: issuingKey)
        }
        return ChequeReport(round: id, issued: issued.cheques, redeemed: redeemed, refusals: refusals, settlement: settlement,
                            recordFolder: recordFolder.path, prePublicationFolder: prePublicationFolder.path,
                            fingerprint: published.fingerprint)
    }
}
