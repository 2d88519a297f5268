import Buurtstem
import BuurtstemCrypto
import BuurtstemKiosk
import BuurtstemRecord
import Foundation
import Synchronization
import Testing

/// The kiosk page's logic without HTTP: messages, the PIN guard, sessions, and `KioskService` on a store set up
/// with the CLI (the browser tests in Tests/Browser drive the same through the real server).
@Suite("buurtstem kiosk serve: the service behind the page")
struct KioskServiceTests {
    /// A service for `kiosk` on the prepared store at `cli`, with its own connection (as a second process would).
    static func service(_ cli: CLI, kiosk: String = "bibliotheek") throws -> KioskService {
        let store = try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path)
        let registered = try store.kiosk(election: "kw-now", name: kiosk)
        let key = try KeyFile.unseal(registered.keyFile, passphrase: Passphrase(
            environment: ["BUURTSTEM_PASSPHRASE": "cli test passphrase"], interactive: false))
        return try KioskService(store: store, election: "kw-now", kiosk: kiosk, kioskKey: key)
    }

    /// The refusal `BallotBox` gives for the typed `code` (which does not read as a stempas code).
    static func typo(_ code: String) -> CastError {
        do {
            _ = try TypeableCode(parsing: code, format: .stempas)
            return .mistyped(CodeError(kind: .checkMismatch, format: "stempas"))
        } catch {
            return .mistyped(error)
        }
    }

    @Test("every refusal of BallotBox has its own Dutch and English message")
    func everyCastErrorHasAMessage() {
        let errors: [CastError] = [.mistyped(CodeError(kind: .checkMismatch, format: "stempas")), .unknownPass, .otherElection("e"), .wrongArea(pass: "WK1", kiosk: "WK2"),
                                   .alreadyUsed, .revoked, .invalidBallot("r"), .pollsNotOpen("p"), .pollsClosed]
        let messages = errors.map { CastMessages.message(for: $0).message }
        #expect(Set(messages.map(\.code)).count == errors.count)
        for message in messages {
            #expect(!message.nl.isEmpty && !message.en.isEmpty && message.nl != message.en)
        }
        // A mistyped code says what kind of mistake it is.
        let typo = CastMessages.message(for: Self.typo("000-000-000-000-000-000-000-000-000")).message
        #expect(typo.nl.contains("typefout"))
        let short = CastMessages.message(for: Self.typo("000-000")).message
        #expect(short.nl.contains("6 tekens") && short.nl.contains("27"))
        let odd = CastMessages.message(for: Self.typo("00U")).message
        #expect(odd.nl.contains("‘U’ op plaats 3"))
    }

    @Test("the staff PIN: 4 to 16 digits, compared as a whole")
    func staffPin() throws {
        for bad in ["123", "12345678901234567", "12a4", "", "12 34"] {
            #expect(throws: KioskSetupError.self) { try StaffPin(bad) }
        }
        let pin = try StaffPin("4829\n")
        #expect(pin.matches("4829"))
        #expect(!pin.matches("48290") && !pin.matches("482") && !pin.matches(""))
    }

    @Test("wrong PINs lock the staff screen after five tries, for longer each time; the right one resets")
    func pinGuard() async throws {
        let now = Mutex(0.0)
        let guardian = PinGuard(pin: try StaffPin("4829"), clock: { now.withLock { $0 } })
        for remaining in [4, 3, 2, 1] {
            #expect(await guardian.attempt("0000") == .refused(remaining: remaining))
        }
        #expect(await guardian.attempt("0000") == .locked(seconds: 30))
        #expect(await guardian.attempt("4829") == .locked(seconds: 30), "while locked even the right PIN is refused")
        now.withLock { $0 = 31 }
        for _ in 0..<4 { _ = await guardian.attempt("1111") }
        #expect(await guardian.attempt("1111") == .locked(seconds: 60), "the second lockout lasts twice as long")
        now.withLock { $0 = 100 }
        #expect(await guardian.attempt("4829") == .accepted)
        #expect(await guardian.attempt("0000") == .refused(remaining: 4), "a right PIN starts the count again")
    }

    @Test("sessions: the CSRF token belongs to its session; staff unlock expires; old sessions make room")
    func sessions() async {
        let now = Mutex(0.0)
        let store = SessionStore(limit: 2, staffSeconds: 60, clock: { now.withLock { $0 } })
        let first = await store.create()
        let second = await store.create()
        #expect(await store.verify(id: first.id, token: first.csrfToken))
        #expect(await !store.verify(id: first.id, token: second.csrfToken))
        #expect(await !store.verify(id: nil, token: first.csrfToken))
        #expect(await !store.verify(id: first.id, token: nil))
        #expect(await !store.isStaff(first.id))
        await store.setStaff(first.id, true)
        #expect(await store.isStaff(first.id))
        #expect(await !store.isStaff(second.id))
        now.withLock { $0 = 61 }
        #expect(await !store.isStaff(first.id), "the staff screen locks itself after staffSeconds")
        now.withLock { $0 = 62 }
        _ = await store.session(first.id)
        _ = await store.create()
        #expect(await store.session(second.id) == nil, "the least recently used session made room")
        #expect(await store.session(first.id) != nil)
    }

    @Test("a day at one kiosk: not open, opened by staff, a vote, every refusal, pause, checkpoint, close")
    func day() async throws {
        let (cli, codes) = try StemdagCommandTests.prepared()
        let service = try Self.service(cli)
        #expect(try await service.status().state == "notOpen")
        #expect(try await service.status().fingerprint == nil)
        // Staff cannot open the polls before the pre-publication.
        do {
            try await service.open()
            Issue.record("the polls opened without a pre-publication")
        } catch {
            #expect(error.status == 409 && error.message.code == "notPrePublished" && error.message.nl.contains("vooraf gepubliceerd"))
        }
        #expect(try await service.status().state == "notOpen")
        // Pre-published before the polls open: the welcome screen shows the fingerprint.
        let published = try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub", "--json")
        let fingerprint = (try JSONSerialization.jsonObject(with: Data(published.stdout.utf8)) as? [String: Any])?["fingerprint"] as? String
        let shown = try await service.status().fingerprint
        #expect(fingerprint != nil && shown == fingerprint)
        await #expect(throws: KioskFailure.self) { try await service.admit(code: codes[0]) }
        do {
            _ = try await service.admit(code: codes[0])
        } catch {
            #expect(error.status == 503 && error.message.code == "pollsNotOpen")
        }
        try await service.open()
        #expect(try await service.status().state == "open")

        let ballot = try await service.admit(code: codes[0])
        #expect(ballot.type == "approval" && ballot.min == 1 && ballot.max == 3)
        #expect(ballot.projects.count == 6 && ballot.areaName == "Korrewegwijk")
        let receipt = try await service.cast(code: codes[0], choices: [Choice(project: "KW-01", value: 1), Choice(project: "KW-03", value: 1)])
        #expect(receipt.kiosk == "bibliotheek" && receipt.sequence == 0)

        func refusal(_ code: String, choices: [Choice]? = nil) async -> KioskFailure? {
            do {
                if let choices { _ = try await service.cast(code: code, choices: choices) } else { _ = try await service.admit(code: code) }
                return nil
            } catch {
                return error
            }
        }
        #expect(await refusal(codes[0])?.message.code == "alreadyUsed")
        #expect(await refusal(codes[0])?.status == 409)
        #expect(await refusal("000-000-000-000-000-000-000-000-000")?.message.code == "mistyped")
        let invalid = await refusal(codes[1], choices: ["KW-01", "KW-02", "KW-03", "KW-04"].map { Choice(project: $0, value: 1) })
        #expect(invalid?.status == 422 && invalid?.message.en.contains("at most 3") == true)

        service.pause()
        #expect(try await service.status().state == "paused")
        #expect(await refusal(codes[1])?.message.code == "kioskPaused")
        try await service.open()

        try await service.checkpoint()
        var staff = try await service.staffStatus()
        #expect(staff.ballots == 1 && staff.lastCheckpoint?.size == 1 && staff.kioskState == "open")

        // Closing one kiosk while the other on this store is open: this kiosk is closed, the polls go on.
        try await service.close()
        staff = try await service.staffStatus()
        #expect(staff.kioskClosed && staff.kioskState == "closed" && staff.electionState == "open")
        #expect(await refusal(codes[1])?.message.code == "pollsClosed")
        let other = try Self.service(cli, kiosk: "buurthuis")
        _ = try await other.cast(code: codes[1], choices: [Choice(project: "KW-02", value: 1)])
        // The last open kiosk closes the polls of the store, as 'buurtstem polls close' would.
        try await other.close()
        #expect(try await other.staffStatus().electionState == "closed")
        #expect(try cli.run("record", "export", "--election", "kw-now", "--out", "record").status == 0)
        let verified = try cli.run("record", tool: "buurtstem-verify")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test("two kiosks sharing a store, the same pass at the same moment: exactly one ballot, the other refused as used")
    func twoKiosksOnePass() async throws {
        let (cli, codes) = try StemdagCommandTests.prepared()
        try StemdagCommandTests.publish(cli)
        #expect(try cli.run("polls", "open", "--election", "kw-now").status == 0)
        let kiosks = [try Self.service(cli, kiosk: "bibliotheek"), try Self.service(cli, kiosk: "buurthuis")]
        for round in 0..<3 {
            let code = codes[round]
            for kiosk in kiosks { _ = try await kiosk.admit(code: code) }  // both show the ballot
            let outcomes = await withTaskGroup(of: String.self) { group in
                for kiosk in kiosks {
                    group.addTask {
                        do {
                            return try await kiosk.cast(code: code, choices: [Choice(project: "KW-05", value: 1)]).trackingCode
                        } catch let failure as KioskFailure {
                            return failure.message.code
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "alreadyUsed" }.count == 1, "\(outcomes)")
        }
        let counts = try await kiosks.asyncMap { try await $0.staffStatus().ballots }
        #expect(counts.reduce(0, +) == 3)
    }

    @Test("the kiosk key must be the kiosk's own")
    func wrongKey() throws {
        let (cli, _) = try StemdagCommandTests.prepared()
        let store = try Store.open(path: cli.directory.appendingPathComponent("buurtstem.sqlite").path)
        #expect(throws: KioskSetupError.self) {
            try KioskService(store: store, election: "kw-now", kiosk: "bibliotheek", kioskKey: SigningKey())
        }
    }
}

extension Array {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
