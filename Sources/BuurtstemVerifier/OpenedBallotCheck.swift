import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// `buurtstem-verify challenge`: checks an opened ballot (the Benaloh challenge; docs/record.md, "Checking a ballot:
/// the Benaloh challenge") against the election the observer or resident pinned, without trusting the kiosk that
/// opened it. From the opening's choices and randomness it encodes and encrypts the ballot again under the pinned
/// definition's election key and width, and recomputes the ballot code; when that is the code the kiosk showed
/// before the resident chose to check, the kiosk encrypted exactly these choices.
public enum OpenedBallotCheck {
    /// What the check found.
    public struct Outcome: Sendable, Codable {
        /// One choice, with the project's title from the pinned definition.
        public struct Line: Sendable, Codable {
            /// The project's id.
            public let project: String
            /// Its title (nil when the contest has no such project: then `problems` says so).
            public let title: String?
            /// The value chosen (a mark, points or a rank, as the ballot type says).
            public let value: UInt32
        }

        /// The election's id.
        public let election: String
        /// Its title.
        public let title: String
        /// The contest area.
        public let area: String
        /// The ballot type's name.
        public let ballotType: String
        /// The choices the opening shows.
        public let choices: [Line]
        /// The ballot code the opening claims (what the kiosk showed).
        public let claimedCode: String
        /// The ballot code recomputed from the choices and the randomness under the pinned election key.
        public let recomputedCode: String?
        /// Everything wrong; empty when the opening is honest.
        public let problems: [String]

        /// Whether the opening is honest: the recomputed code is the claimed one and nothing else is wrong.
        public var passed: Bool { problems.isEmpty }
    }

    /// Why the opening could not be checked at all.
    public typealias Failure = HouseholdCheckFailure

    /// The fields of an opened ballot, exactly.
    static let fields: Set<String> = ["area", "choices", "code", "definition_hash", "election", "format", "randomness"]

    /// Checks the opened ballot `text` (its JSON, as the kiosk shows it and puts in its QR code) against `pin`, the
    /// election's pre-publication folder with its definition.
    public static func check(text: String, pin: PrePublicationPin) throws(Failure) -> Outcome {
        guard case let .folder(path, prePublication, definition) = pin else {
            throw Failure("an opened ballot is checked against the pre-publication folder (--pinned DIR, with its definition.json): "
                + "a fingerprint alone does not give the election key")
        }
        guard let definition else {
            throw Failure("--pinned \(path) has no \(ElectionRecordFile.definition): the election key and the ballot width are in the definition; "
                + "get the whole pre-publication folder from the gemeente's publication")
        }
        guard let secret = definition.secretBallot else {
            throw Failure("the pinned election '\(definition.id)' is public (its definition has no secret_ballot): its ballots are not encrypted, "
                + "so there is no opened ballot to check")
        }
        let opening = try read(text)
        var problems: [String] = []
        if opening.election != definition.id {
            problems.append("field 'election' is '\(opening.election.prefix(100))', but the pinned election is '\(definition.id)'")
        }
        if opening.definitionHash != prePublication.definitionHash {
            problems.append("field 'definition_hash' is not the pinned pre-publication's: this opening is of another definition")
        }
        let contest = definition.contest(for: opening.area)
        if let contest {
            if let problem = BallotValidity.problem(opening.choices, type: definition.ballot, contest: contest) {
                problems.append("field 'choices' is not a valid ballot: \(problem)")
            }
        } else {
            problems.append("field 'area' is '\(opening.area.prefix(100))', which has no contest in '\(definition.id)'")
        }
        let titles = Dictionary((contest?.projects ?? []).map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        var recomputed: String?
        do {
            recomputed = try opening.recomputedCode(publicKey: secret.publicKey, width: secret.width)
        } catch {
            problems.append(error.description)
        }
        let claimed = (try? TypeableCode(parsing: opening.code, format: BallotCode.format).formatted)
        if claimed == nil {
            problems.append("field 'code' is not a ballot code (16 characters and a check character, e.g. XXXX-XXXX-XXXX-XXXX-X)")
        } else if let recomputed, recomputed != claimed {
            problems.append("the choices and randomness encrypt to ballot code \(recomputed), not \(claimed ?? opening.code): the opening does not "
                + "match the encryption the kiosk committed to. Report it to the staff, the gemeente and the observers")
        }
        return Outcome(election: definition.id, title: definition.title, area: opening.area, ballotType: definition.ballot.name,
                       choices: opening.choices.map { Outcome.Line(project: $0.project, title: titles[$0.project], value: $0.value) },
                       claimedCode: claimed ?? opening.code, recomputedCode: recomputed, problems: problems)
    }

    /// The opening of `text`: strict JSON with exactly the opening's fields, of the known format.
    static func read(_ text: String) throws(Failure) -> BallotOpening {
        let data = Data(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        if let problem = StrictJSON.problem(data) {
            throw Failure("the opened ballot \(problem): copy the whole text the kiosk showed, or scan its QR code again")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure("the opened ballot is not a JSON object: copy the whole text the kiosk showed")
        }
        let keys = Set(object.keys)
        if let unknown = keys.subtracting(fields).sorted().first {
            throw Failure("the opened ballot has a field '\(unknown.prefix(50))' that an opened ballot does not have: it is not a Buurtstem opened ballot")
        }
        if let missing = fields.subtracting(keys).sorted().first {
            throw Failure("the opened ballot lacks field '\(missing)': copy the whole text the kiosk showed")
        }
        let opening: BallotOpening
        do { opening = try JSONDecoder().decode(BallotOpening.self, from: data) } catch let error as DecodingError {
            throw Failure("the opened ballot cannot be read: \(Run.describe(error))")
        } catch {
            throw Failure("the opened ballot cannot be read: \(error.localizedDescription)")
        }
        guard opening.format == BallotOpening.formatName else {
            throw Failure("the opened ballot has format '\(opening.format.prefix(60))', not \(BallotOpening.formatName): this verifier does not know it")
        }
        return opening
    }
}
