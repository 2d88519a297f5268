import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Synchronization

/// What the kiosk page can do, independent of HTTP: admit a pass, cast its ballot, and the staff actions.
///
/// Every ballot goes through `BallotBox.admit` and `BallotBox.cast`, the calls behind `buurtstem vote`: there is no
/// second casting path. Store work runs off the concurrency threads (SQLite commits wait for the disk).
package final class KioskService: Sendable {
    /// The store.
    package let store: Store
    /// The election id.
    package let election: String
    /// The kiosk's name.
    package let kiosk: String
    let box: BallotBox
    /// The ballots sealed at a secret election's review step, not yet cast or opened (the Benaloh challenge).
    let sealedBallots = SealedBallots()
    private let kioskKey: SigningKey
    private let areas: KnownAreas
    private let gemeenteName: String
    private let paused = Mutex(false)

    /// The service for `kiosk` of `election` on `store`, signing checkpoints with `kioskKey` (which must be the
    /// kiosk's registered key). `clock` gives milliseconds since 1970 (injectable for tests).
    package init(store: Store, election: String, kiosk: String, kioskKey: SigningKey,
                clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) throws {
        let registered = try store.kiosk(election: election, name: kiosk)
        guard [UInt8](registered.publicKey) == kioskKey.publicKey.bytes else {
            throw KioskSetupError("the key given is not kiosk \(kiosk)'s; use its key file (\(registered.keyFile))")
        }
        self.areas = try KnownAreas(store: store)
        self.gemeenteName = try store.gemeente().name
        self.store = store
        self.election = election
        self.kiosk = kiosk
        self.kioskKey = kioskKey
        self.box = BallotBox(store: store, clock: clock)
    }

    /// Whether staff paused this kiosk (a break: voters see a message; nothing in the store changes).
    package var isPaused: Bool { paused.withLock { $0 } }

    // MARK: voters

    /// Whether a voter can start now, and if not, why.
    package func status() async throws -> KioskStatus {
        let (state, title, fingerprint) = try await Blocking.run { [self] in
            try (voterState(), store.election(election).decodedDefinition().title, store.prePublication(election: election)?.prePublication.fingerprint)
        }
        let message: KioskMessage? = switch state {
        case "paused": CastMessages.paused
        case "notOpen": CastMessages.message(for: .pollsNotOpen("")).message
        case "closed": CastMessages.message(for: .pollsClosed).message
        default: nil
        }
        var status = KioskStatus(state: state, title: title, kiosk: kiosk, message: message)
        status.fingerprint = fingerprint
        return status
    }

    /// Checks the pass `code` as casting would and returns the ballot it may fill in.
    package func admit(code: String) async throws(KioskFailure) -> BallotView {
        try refuseIfPaused()
        return try await run { [self] in
            let admission = try box.admit(election: election, kiosk: kiosk, code: code)
            let title = try store.election(election).decodedDefinition().title
            return BallotView(admission, title: title, areaName: areaName(admission.area))
        }
    }

    /// Casts the ballot of pass `code` with `choices`; returns the receipt once the ballot is durably stored.
    package func cast(code: String, choices: [Choice]) async throws(KioskFailure) -> Receipt {
        try refuseIfPaused()
        return try await run { [self] in
            try box.cast(election: election, kiosk: kiosk, code: code, choices: choices)
        }
    }

    /// The name residents know area `code` by: the wijk's or buurt's name, "gemeente NAME" for the gemeente-wide
    /// contest, else the code itself.
    package func areaName(_ code: String) -> String {
        areas.name(of: code) ?? (code == areas.gemeente ? "gemeente \(gemeenteName)" : code)
    }

    func refuseIfPaused() throws(KioskFailure) {
        if isPaused { throw KioskFailure(status: 503, message: CastMessages.paused) }
    }

    /// Runs `body` off the concurrency threads, turning a `CastError` into its message.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws(KioskFailure) -> T {
        do {
            return try await Blocking.run(body)
        } catch let error as CastError {
            let (status, message) = CastMessages.message(for: error, areaName: areaName) { [store] id in
                try? store.election(id).decodedDefinition().title
            }
            throw KioskFailure(status: status, message: message)
        } catch {
            throw .internalError
        }
    }

    /// What a voter sees now: `open`, `notOpen`, `closed` or `paused`.
    private func voterState() throws -> String {
        if isPaused { return "paused" }
        let current = try store.election(election)
        let definition = try current.decodedDefinition()
        let now = box.clock()
        switch current.state {
        case .created, .issued: return "notOpen"
        case .closed: return "closed"
        case .open:
            if try store.kiosk(election: election, name: kiosk).closed { return "closed" }
            if now < definition.pollsOpenMillis { return "notOpen" }
            if now > definition.pollsCloseMillis { return "closed" }
            return "open"
        }
    }

    // MARK: staff

    /// The staff screen's figures: ballots in this kiosk's log and its latest checkpoint; never a choice.
    package func staffStatus() async throws -> StaffStatus {
        try await Blocking.run { [self] in
            let current = try store.election(election)
            let registered = try store.kiosk(election: election, name: kiosk)
            let log = KioskLog(store: store, election: election, kiosk: kiosk)
            let last = try log.checkpoints().max { ($0.timeMillis, $0.size) < ($1.timeMillis, $1.size) }
            return StaffStatus(
                election: election, title: try current.decodedDefinition().title, kiosk: kiosk, area: registered.area,
                areaName: registered.area.map(areaName),
                electionState: current.state.rawValue, kioskState: try voterState(), paused: isPaused,
                kioskClosed: registered.closed, ballots: try log.treeHead().size,
                lastCheckpoint: last.map { StaffStatus.CheckpointView(size: $0.size, timeMillis: $0.timeMillis, root: Hex.encode($0.root)) })
        }
    }

    /// Opens the kiosk: opens the polls of the election when they were not opened yet (as `buurtstem polls open`
    /// does), and ends a pause.
    package func open() async throws(KioskFailure) {
        try await staffRun { [self] in
            let current = try store.election(election)
            switch current.state {
            case .created, .issued:
                // Polls.open refuses too; this says it to the staff in their words, with what to do.
                guard try store.prePublication(election: election) != nil else {
                    throw Self.refusal("notPrePublished",
                                       nl: "De verkiezing is nog niet vooraf gepubliceerd; daarna pas kan de stemming open. Vraag de gemeente 'buurtstem election publish' te doen.",
                                       en: "The election has not been pre-published; the polls can open only after that. Ask the gemeente to run 'buurtstem election publish'.")
                }
                _ = try Polls.open(election: election, store: store)
            case .closed:
                throw Self.refusal("pollsClosed", nl: "De stemming is al gesloten; de stemzuil kan niet meer open.",
                                   en: "The polls are already closed; the kiosk cannot open again.")
            case .open:
                if try store.kiosk(election: election, name: kiosk).closed {
                    throw Self.refusal("kioskClosed", nl: "Deze stemzuil is al gesloten voor vandaag; hij kan niet meer open.",
                                       en: "This kiosk is already closed for the day; it cannot open again.")
                }
            }
            paused.withLock { $0 = false }
        }
    }

    /// Pauses the kiosk (a break): voters are refused with a message until staff open it again.
    package func pause() {
        paused.withLock { $0 = true }
    }

    /// Signs a checkpoint of the kiosk's log now (as `buurtstem kiosk checkpoint` does).
    package func checkpoint() async throws(KioskFailure) {
        try await staffRun { [self] in
            _ = try KioskLog(store: store, election: election, kiosk: kiosk).checkpoint(kioskKey: kioskKey, timeMillis: box.clock())
        }
    }

    /// Closes the kiosk for the day: its final signed checkpoint, after which it takes no ballot. Through the one
    /// close (`Polls.close`, as `buurtstem polls close --kiosk NAME`): the other kiosks on the store go on, and the
    /// polls close when the last kiosk does.
    package func close() async throws(KioskFailure) {
        try await staffRun { [self] in
            let current = try store.election(election)
            guard current.state == .open else {
                throw Self.refusal("notOpen", nl: "De stemming is niet open; er is niets te sluiten.",
                                   en: "The polls are not open; there is nothing to close.")
            }
            if try store.kiosk(election: election, name: kiosk).closed {
                throw Self.refusal("kioskClosed", nl: "Deze stemzuil is al gesloten.", en: "This kiosk is already closed.")
            }
            _ = try Polls.close(election: election, store: store, timeMillis: box.clock(), only: [kiosk]) { _ in kioskKey }
            paused.withLock { $0 = false }
        }
    }

    private static func refusal(_ code: String, nl: String, en: String) -> KioskFailure {
        KioskFailure(status: 409, message: KioskMessage(code: code, nl: nl, en: en))
    }

    private func staffRun(_ body: @escaping @Sendable () throws -> Void) async throws(KioskFailure) {
        do {
            try await Blocking.run(body)
        } catch let failure as KioskFailure {
            throw failure
        } catch let error as BuurtstemError {
            throw .staff(error)
        } catch {
            throw KioskFailure(status: 500, message: KioskMessage(code: "staffError", nl: "Dat lukte niet: \(error)", en: "That did not work: \(error)"))
        }
    }
}
