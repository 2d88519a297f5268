import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

@Suite("Stemdag: passes, casting, checkpoints")
struct StemdagTests {
    @Test("issued passes: one per household of the wijk, signed tokens, a commitment over them, no household link")
    func issuance() throws {
        let fixture = try StemdagFixture()
        #expect(fixture.codes.count == 19)
        let election = try fixture.store.election("test-kw")
        let commitment = try #require(try election.commitment())
        #expect(commitment.total == 19)
        #expect(commitment.areas == [.init(area: "WK001401", count: 19)])
        #expect(commitment.isValid(issuer: fixture.issuingKey.publicKey))
        // The commitment's root is over the tokens in order of public key, each token signed by the issuer.
        let keys = try fixture.codes.map { PassToken.passKey(secret: try TypeableCode(parsing: $0, format: .stempas).bytes).publicKey }.sorted()
        let tokens = try keys.map { key in
            let stored = try #require(try fixture.store.storedPass(election: "test-kw", key: key))
            #expect(stored.isValid(issuer: fixture.issuingKey.publicKey))
            return stored
        }
        #expect(MerkleTree(leafHashes: tokens.map(\.leafHash)).root == commitment.root)
        // Issuing again is refused; the print folder holds the codes, the database none.
        #expect(throws: BuurtstemError.self) {
            try StempasIssuance.issue(election: "test-kw", store: fixture.store, issuingKey: fixture.issuingKey, addresses: nil,
                                      printFolder: fixture.folder.appendingPathComponent("print2"))
        }
        let database = try Data(contentsOf: fixture.folder.appendingPathComponent("test.sqlite"))
        for code in fixture.codes.prefix(5) {
            #expect(database.range(of: Data(code.utf8)) == nil)
            #expect(database.range(of: Data(try TypeableCode(parsing: code, format: .stempas).bytes)) == nil)
        }
    }

    @Test("resident eligibility issues one pass per eligible resident")
    func residentPasses() throws {
        let fixture = try StemdagFixture(ballotFile: "Ballots/buurtbegroting-oosterpark-2026.yaml", id: "test-op")
        // Oosterpark in the shipped register: 10 households with 20 residents aged 16+.
        #expect(fixture.codes.count == 20)
    }

    @Test("a valid ballot is signed by the pass, logged in order, and its receipt names no choice")
    func cast() throws {
        let fixture = try StemdagFixture()
        let box = BallotBox(store: fixture.store)
        let first = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[0],
                                 choices: [Choice(project: "KW-03", value: 1), Choice(project: "KW-01", value: 1)])
        let second = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[1].lowercased(),
                                  choices: [Choice(project: "KW-05", value: 1)])
        #expect(first.sequence == 0 && second.sequence == 1)
        var ballots: [Ballot] = []
        try KioskLog(store: fixture.store, election: "test-kw", kiosk: "bibliotheek").forEachBallot { ballots.append($0) }
        #expect(ballots.count == 2)
        #expect(ballots.allSatisfy { $0.isValidSignature })
        #expect(ballots[0].choices.map(\.project) == ["KW-01", "KW-03"])
        #expect(Receipt(ballot: ballots[0]) == first)
        // No field names or carries a choice (a random tracking code may contain the letters "KW-" by chance).
        let fields = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(first)) as? [String: Any])
        #expect(Set(fields.keys) == ["trackingCode", "timeMillis", "election", "kiosk", "sequence"])
        #expect(!fields.values.contains { "\($0)".hasPrefix("KW-") || "\($0)".contains("KW-01") || "\($0)".contains("KW-03") })
    }

    @Test("every rejection has its own reason", arguments: ["mistyped", "unknown", "reused", "wrong area", "invalid", "not open", "closed"])
    func rejections(kind: String) throws {
        let fixture = try StemdagFixture(open: kind != "not open", kioskAreas: ["buurthuis": "WK001402"], edit: StemdagFixture.withOosterpark)
        let box = BallotBox(store: fixture.store)
        let one = [Choice(project: "KW-01", value: 1)]
        switch kind {
        case "mistyped":
            var chars = Array(fixture.codes[0])
            chars[0] = chars[0] == "A" ? "B" : "A"
            let error = #expect(throws: CastError.self) { try box.cast(election: "test-kw", kiosk: "bibliotheek", code: String(chars), choices: one) }
            #expect(error?.description.contains("typing error") == true)
        case "unknown":
            #expect(throws: CastError.unknownPass) {
                try box.cast(election: "test-kw", kiosk: "bibliotheek", code: TypeableCode.random(.stempas).formatted, choices: one)
            }
        case "reused":
            _ = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[0], choices: one)
            #expect(throws: CastError.alreadyUsed) { try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[0], choices: one) }
        case "wrong area":
            #expect(throws: CastError.wrongArea(pass: "WK001401", kiosk: "WK001402")) {
                try box.cast(election: "test-kw", kiosk: "buurthuis", code: fixture.codes[0], choices: one)
            }
        case "invalid":
            let four = ["KW-01", "KW-02", "KW-03", "KW-04"].map { Choice(project: $0, value: 1) }
            #expect(throws: CastError.self) { try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[0], choices: four) }
            #expect(throws: CastError.self) { try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[0], choices: []) }
            // A refused ballot does not use up the pass.
            _ = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[0], choices: one)
        case "not open":
            #expect(throws: CastError.self) { try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[0], choices: one) }
        default:
            _ = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 0) { fixture.kioskKeys[$0.name]! }
            #expect(throws: CastError.pollsClosed) { try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[1], choices: one) }
            let late = BallotBox(store: fixture.store) { Int64(Date().timeIntervalSince1970 * 1000) + 7_200_000 }
            #expect(throws: CastError.self) { try late.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[1], choices: one) }
        }
    }

    @Test("ballot rules for each type", arguments: [
        ("choose-1", "KW-01", true), ("choose-1", "KW-01,KW-02", false),
        ("knapsack", "KW-01,KW-02,KW-03", true), ("knapsack", "KW-01,KW-02,KW-04,KW-03", false),
        ("cumulative", "KW-01=6,KW-02=4", true), ("cumulative", "KW-01=6,KW-02=5", false), ("cumulative", "KW-01", false),
        ("ranking", "KW-02,KW-01,KW-03", true), ("ranking", "KW-02,KW-01,KW-03,KW-04", false),
        // Malformed items are refused, never a trap (they used to index past the end of the split).
        ("choose-1", "=", false), ("approval", "=", false), ("approval", "KW-01,=", false), ("knapsack", "=", false), ("ranking", "=", false), ("cumulative", "=", false),
        ("cumulative", "=3", false), ("cumulative", "KW-01=", false), ("knapsack", "KW-01=", false), ("ranking", " = ,KW-01", false),
    ])
    func ballotRules(type: String, choices: String, valid: Bool) throws {
        let contest = try StemdagFixture.korrewegwijkContest()
        let ballot: BallotType = switch type {
        case "choose-1": .chooseOne
        case "knapsack": .knapsack
        case "cumulative": .cumulative(points: 10, maxPerProject: 6)
        case "approval": .approval(min: 1, max: 3)
        default: .ranking(max: 3)
        }
        do {
            let ordered = try BallotRules.validate(try BallotRules.parse(choices, type: ballot), type: ballot, contest: contest)
            #expect(valid, "accepted \(choices) as \(type)")
            if case .ranking = ballot { #expect(ordered.map(\.project) == ["KW-02", "KW-01", "KW-03"]) }
        } catch {
            #expect(!valid, "refused \(choices) as \(type): \(error)")
        }
    }

    @Test("checkpoints sign the log's tree head; later ones are consistent with earlier ones")
    func checkpoints() throws {
        let fixture = try StemdagFixture()
        let box = BallotBox(store: fixture.store)
        let log = KioskLog(store: fixture.store, election: "test-kw", kiosk: "bibliotheek")
        let key = fixture.kioskKeys["bibliotheek"]!
        _ = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: fixture.codes[0], choices: [Choice(project: "KW-01", value: 1)])
        let early = try log.checkpoint(kioskKey: key, timeMillis: 1)
        for code in fixture.codes[1...5] {
            _ = try box.cast(election: "test-kw", kiosk: "bibliotheek", code: code, choices: [Choice(project: "KW-02", value: 1)])
        }
        #expect(throws: BuurtstemError.self) { try log.checkpoint(kioskKey: fixture.kioskKeys["buurthuis"]!, timeMillis: 2) }
        let finals = try Polls.close(election: "test-kw", store: fixture.store, timeMillis: 3) { fixture.kioskKeys[$0.name]! }
        let late = try #require(finals.first { $0.logId.hasSuffix("bibliotheek") })
        #expect(early.isValid)
        #expect(late.isValid)
        #expect(early.size == 1 && late.size == 6)
        var leaves: [[UInt8]] = []
        try log.forEachBallot { leaves.append($0.leafHash) }
        let tree = MerkleTree(leafHashes: leaves)
        #expect(tree.root == late.root)
        #expect(MerkleProof.verifyConsistency(oldSize: 1, oldRoot: early.root, newSize: 6, newRoot: late.root,
                                              proof: tree.consistencyProof(oldSize: 1)))
        #expect(try log.checkpoints().count == 2)
        #expect(try fixture.store.check().isEmpty)
    }

    @Test("concurrent casts of one pass on one store: exactly one wins")
    func concurrentCasts() async throws {
        let fixture = try StemdagFixture()
        let code = fixture.codes[0]
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                let store = try! Store.open(path: fixture.store.path)
                group.addTask {
                    let kiosk = index % 2 == 0 ? "bibliotheek" : "buurthuis"
                    return (try? BallotBox(store: store).cast(election: "test-kw", kiosk: kiosk, code: code,
                                                              choices: [Choice(project: "KW-01", value: 1)])) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
    }
}

extension StemdagFixture {
    /// The Korrewegwijk contest of the shipped example.
    static func korrewegwijkContest() throws -> Contest {
        let fixture = try StemdagFixture(open: false)
        return try fixture.store.election("test-kw").decodedDefinition().contests[0]
    }
}
