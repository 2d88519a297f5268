import BuurtstemCrypto
import BuurtstemRecord
import Testing

/// The remaining signed kinds of docs/record.md that no other test rebuilds by hand: the stempas key's derivation,
/// replaced passes (an entry with and without a revocation, the counts), the result's section of revoked passes'
/// voids, a secret election's record index (format 3) and a cheque round's pre-publication, each from fixed values
/// and compared with the record library.
@Suite("Stempas key, replacement, revoked-void, format 3 index and cheque pre-publication bytes, built by hand from docs/record.md")
struct ReplacementBytesTests {
    static let issuing = try! SigningKey(seed: [UInt8](repeating: 1, count: 32))
    static let definitionHash = SHA.sha256(Array("a definition".utf8))

    static func passKey(_ byte: UInt8) -> PublicKey { PassToken.passKey(secret: [UInt8](repeating: byte, count: 16)).publicKey }

    @Test("the stempas key: seed = the first 32 bytes of SHA-512(str(\"buurtstem/stempas-key/v1\") || secret)")
    func stempasKey() throws {
        let secret = Array(0..<16).map(UInt8.init)
        var input = HandBytes(tag: "buurtstem/stempas-key/v1")
        input.raw(secret)
        #expect(PassToken.passKey(secret: secret).publicKey == (try SigningKey(seed: Array(SHA.sha512(input.bytes).prefix(32)))).publicKey)
    }

    @Test("replaced passes: two entries chained by their hashes, one revoking, and the signed counts")
    func replacements() throws {
        let first = PassReplacement(election: "2027-kw", definitionHash: Self.definitionHash, sequence: 0, previous: PassReplacement.chainStart,
                                    area: "WK001402", pass: Self.passKey(3), revoked: Self.passKey(4), timeMillis: 1_800_000_100_000,
                                    issuingKey: Self.issuing)
        let second = PassReplacement(election: "2027-kw", definitionHash: Self.definitionHash, sequence: 1, previous: first.hash,
                                     area: "WK001401", pass: Self.passKey(5), revoked: nil, timeMillis: 1_800_000_200_000,
                                     issuingKey: Self.issuing)
        // entry bytes = str("buurtstem/stempas-replacement/v1") || str(election) || raw(definition_hash) || u64(sequence)
        //   || raw(previous) || str(area) || raw(new pass public key) || u8(1) || raw(revoked) or u8(0) || i64(time_ms)
        var a = HandBytes(tag: "buurtstem/stempas-replacement/v1")
        a.str("2027-kw")
        a.raw(Self.definitionHash)
        a.u64(0)
        a.raw([UInt8](repeating: 0, count: 32))
        a.str("WK001402")
        a.raw(Self.passKey(3).bytes)
        a.u8(1)
        a.raw(Self.passKey(4).bytes)
        a.i64(1_800_000_100_000)
        #expect(first.signedBytes == a.bytes)
        #expect(Self.issuing.publicKey.isValidSignature(first.signature, for: a.bytes))
        // entry hash = SHA-256(entry bytes || raw(signature))
        let firstHash = SHA.sha256(a.bytes + first.signature.bytes)
        #expect(first.hash == firstHash)
        var b = HandBytes(tag: "buurtstem/stempas-replacement/v1")
        b.str("2027-kw")
        b.raw(Self.definitionHash)
        b.u64(1)
        b.raw(firstHash)
        b.str("WK001401")
        b.raw(Self.passKey(5).bytes)
        b.u8(0)
        b.i64(1_800_000_200_000)
        #expect(second.signedBytes == b.bytes)
        let head = SHA.sha256(b.bytes + second.signature.bytes)

        // counts = str("buurtstem/stempas-replacements/v1") || str(election) || raw(definition_hash) || u64(number of entries)
        //   || raw(head) || u32(number of areas) || for each area by code: str(area) || u64(replaced) || u64(revoked)
        let file = PassReplacements(election: "2027-kw", definitionHash: Self.definitionHash, entries: [first, second], issuingKey: Self.issuing)
        var counts = HandBytes(tag: "buurtstem/stempas-replacements/v1")
        counts.str("2027-kw")
        counts.raw(Self.definitionHash)
        counts.u64(2)
        counts.raw(head)
        counts.u32(2)
        counts.str("WK001401")
        counts.u64(1)
        counts.u64(0)
        counts.str("WK001402")
        counts.u64(1)
        counts.u64(1)
        #expect(file.signedBytes == counts.bytes)
        #expect(Self.issuing.publicKey.isValidSignature(file.signature, for: counts.bytes))
    }

    @Test("a result with a void of reuse and voids of revoked passes: the revoked section after the lot seed")
    func resultWithRevokedVoids() {
        let logs = [ElectionResult.LogHead(kiosk: "bibliotheek", size: 4, root: SHA.sha256([1])),
                    ElectionResult.LogHead(kiosk: "wijkcentrum", size: 2, root: SHA.sha256([2]))]
        let voids = [ElectionResult.VoidEntry(kiosk: "bibliotheek", sequence: 2, countedKiosk: "wijkcentrum", countedSequence: 0),
                     ElectionResult.VoidEntry(revokedKiosk: "bibliotheek", sequence: 3),
                     ElectionResult.VoidEntry(revokedKiosk: "wijkcentrum", sequence: 1)]
        let contests = [ElectionResult.ContestResult(area: "WK001401", passesIssued: 10, ballotsCounted: 3,
                                                     projects: [.init(id: "KW-01", ballots: 3, points: 3, funded: true),
                                                                .init(id: "KW-02", ballots: 1, points: 1, funded: false)],
                                                     fundedCostCents: 1_500_000)]
        let result = ElectionResult(election: "2027-kw", definitionHash: Self.definitionHash, issuedRoot: SHA.sha256([3]), logs: logs,
                                    voids: voids, contests: contests, issuingKey: Self.issuing)
        // lot seed = SHA-256(str("buurtstem/lot-seed/v1") || u32(kiosks) || by name: str(kiosk) || u64(final size) || raw(head))
        var seed = HandBytes(tag: "buurtstem/lot-seed/v1")
        seed.u32(2)
        seed.str("bibliotheek")
        seed.u64(4)
        seed.raw(SHA.sha256([1]))
        seed.str("wijkcentrum")
        seed.u64(2)
        seed.raw(SHA.sha256([2]))
        var w = HandBytes(tag: "buurtstem/result/v1")
        w.str("2027-kw")
        w.raw(Self.definitionHash)
        w.raw(SHA.sha256([3]))
        w.u32(2)
        w.str("bibliotheek")
        w.u64(4)
        w.raw(SHA.sha256([1]))
        w.str("wijkcentrum")
        w.u64(2)
        w.raw(SHA.sha256([2]))
        // Only the void of reuse in the voids section.
        w.u32(1)
        w.str("bibliotheek")
        w.u64(2)
        w.str("wijkcentrum")
        w.u64(0)
        w.u32(1)
        w.str("WK001401")
        w.u64(10)
        w.u64(3)
        w.u32(2)
        w.str("KW-01")
        w.u64(3)
        w.u64(3)
        w.u8(1)
        w.str("KW-02")
        w.u64(1)
        w.u64(1)
        w.u8(0)
        w.i64(1_500_000)
        w.raw(SHA.sha256(seed.bytes))
        // || str("buurtstem/result/revoked-voids/v1") || u32(number) || for each by (kiosk, sequence): str(kiosk) || u64(sequence)
        w.str("buurtstem/result/revoked-voids/v1")
        w.u32(2)
        w.str("bibliotheek")
        w.u64(3)
        w.str("wijkcentrum")
        w.u64(1)
        #expect(result.lotSeed.bytes == SHA.sha256(seed.bytes))
        #expect(result.signedBytes == w.bytes)
        #expect(Self.issuing.publicKey.isValidSignature(result.signature, for: w.bytes))
    }

    @Test("a secret election's record index: format buurtstem-record/3 in the signed bytes, the secret files listed")
    func secretRecordIndex() {
        let names = ["ballots/bibliotheek.jsonl", "checkpoints/bibliotheek.json", "commitment.json", "decoded.jsonl",
                     "decryption/trustee-1.json", "definition.json", "election-key.json", "kiosks.json", "mix/stage-1.json",
                     "passes.jsonl", "result.json"]
        let files = names.map { RecordIndex.FileDigest(name: $0, sha256: SHA.sha256(Array($0.utf8))) }
        // str("buurtstem/record-index/v1") || str(format) || str("election") || str(election) || str(gemeente)
        //   || u32(number of files) || for each file in list order: str(name) || raw(sha256, 32)
        var w = HandBytes(tag: "buurtstem/record-index/v1")
        w.str("buurtstem-record/3")
        w.str("election")
        w.str("2027-kw")
        w.str("GM0014")
        w.u32(names.count)
        for name in names {
            w.str(name)
            w.raw(SHA.sha256(Array(name.utf8)))
        }
        #expect(RecordIndex.signedBytes(format: RecordIndex.formatNameSecret, kind: "election", election: "2027-kw", gemeente: "GM0014",
                                        files: files) == w.bytes)
    }

    @Test("a cheque round's pre-publication: signed bytes (buurten by code, initiatives by id), hash and fingerprint")
    func chequePrePublication() throws {
        let ledger = try SigningKey(seed: [UInt8](repeating: 9, count: 32)).publicKey
        let terms = ChequeRoundPrePublication.Terms(snapshot: 3, scope: "wijk", valueCents: 2_500, issueDate: "2027-03-01",
                                                    validUntil: "2027-05-31", validFromMillis: 1_803_942_000_000,
                                                    expiresMillis: 1_811_973_600_000)
        let initiatives = [
            ChequeRoundPrePublication.Initiative(id: 2, buurt: "BU00140101", title: "Bankjes", description: "Drie bankjes",
                                                 targetCents: 75_000, deadline: "2027-05-15", closesAtMillis: 1_810_677_600_000),
            ChequeRoundPrePublication.Initiative(id: 1, buurt: "BU00140100", title: "Moestuin", description: "",
                                                 targetCents: 50_000, deadline: "2027-04-30", closesAtMillis: 1_809_381_600_000),
        ]
        let pre = ChequeRoundPrePublication(
            round: "2027-voorjaar", gemeente: "GM0014", terms: terms, count: 3, totalCents: 7_500, root: SHA.sha256([7]),
            ledgerPublicKey: ledger, issuedAtMillis: 1_803_000_000_000,
            buurten: [.init(buurt: "BU00140101", issued: 1), .init(buurt: "BU00140100", issued: 2)],
            initiatives: initiatives, publishedAtMillis: 1_803_100_000_000, issuingKey: Self.issuing)
        var w = HandBytes(tag: "buurtstem/cheque-prepublication/v1")
        w.str("GM0014")
        w.str("2027-voorjaar")
        w.raw(Self.issuing.publicKey.bytes)
        w.u64(3)
        w.str("wijk")
        w.u64(2_500)
        w.str("2027-03-01")
        w.str("2027-05-31")
        w.i64(1_803_942_000_000)
        w.i64(1_811_973_600_000)
        w.u64(3)
        w.u64(7_500)
        w.raw(SHA.sha256([7]))
        w.raw(ledger.bytes)
        w.i64(1_803_000_000_000)
        w.u32(2)
        w.str("BU00140100")
        w.u64(2)
        w.str("BU00140101")
        w.u64(1)
        w.u32(2)
        for initiative in initiatives.reversed() {
            w.u64(initiative.id)
            w.str(initiative.buurt)
            w.str(initiative.title)
            w.str(initiative.description)
            w.u64(initiative.targetCents)
            w.str(initiative.deadline)
            w.i64(initiative.closesAtMillis)
        }
        w.i64(1_803_100_000_000)
        #expect(pre.signedBytes == w.bytes)
        #expect(pre.hash == SHA.sha256(w.bytes))
        #expect(Self.issuing.publicKey.isValidSignature(pre.signature, for: w.bytes))
        // The fingerprint: the first 18 bytes of the hash, typeable with the format name "fingerprint", groups of 5.
        #expect(pre.fingerprint == TypeableCode(bytes: Array(SHA.sha256(w.bytes).prefix(18)),
                                                format: CodeFormat(name: "fingerprint", byteCount: 18, groupSize: 5)).formatted)
    }
}
