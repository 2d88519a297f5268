import BuurtstemCrypto

/// The files of a gemeente's proposals record (docs/record.md, "Proposals").
public enum ProposalRecordFile {
    /// The signed index (kind ``indexKind``).
    public static let index = "record.json"
    /// Who and which log: ``ProposalsHeader``.
    public static let header = "proposals.json"
    /// The public details of every proposal, one ``ProposalLine`` per line, by id.
    public static let proposals = "proposals.jsonl"
    /// The log, one ``ProposalLogLine`` per line, by sequence.
    public static let log = "log.jsonl"
    /// The log's checkpoints, signed by the issuing key, in the order made.
    public static let checkpoints = "checkpoints.jsonl"
    /// The money per wijk and per funder (``ProposalMoney``): from format 2 on.
    public static let money = "money.json"
    /// The files every proposals record has besides the index.
    public static let required: Set<String> = [header, proposals, log, checkpoints]
    /// Every file the index may list: the required ones and, from format 2 on, ``money``.
    public static let indexed: Set<String> = required.union([money])
    /// The index's `kind`.
    public static let indexKind = "proposals"
    /// `proposals.json`'s `format` as written now: 2, with co-funders in the log and ``money``.
    public static let format = "buurtstem-proposals/2"
    /// The first format, before co-funders were logged: its money is not bound to the log.
    public static let formatUnbound = "buurtstem-proposals/1"
}

/// `proposals.json`: the gemeente, its issuing key (which signs the log's checkpoints and the index) and the log id.
public struct ProposalsHeader: Sendable, Equatable, Codable {
    /// ``ProposalRecordFile/format``.
    public let format: String
    /// CBS code, `GM` + 4 digits.
    public let gemeenteCode: String
    /// The gemeente's name.
    public let gemeenteName: String
    /// The issuing public key.
    public let issuingPublicKey: PublicKey
    /// `proposals/<gemeente code>`.
    public let logId: String

    private enum CodingKeys: String, CodingKey {
        case format, gemeenteCode = "gemeente_code", gemeenteName = "gemeente_name", issuingPublicKey = "issuing_public_key", logId = "log_id"
    }

    /// A header.
    public init(gemeenteCode: String, gemeenteName: String, issuingPublicKey: PublicKey) {
        format = ProposalRecordFile.format
        self.gemeenteCode = gemeenteCode
        self.gemeenteName = gemeenteName
        self.issuingPublicKey = issuingPublicKey
        logId = ProposalEntry.logId(gemeente: gemeenteCode)
    }
}

/// One line of `proposals.jsonl`: what is public about a proposal beyond the log (never the initiatiefnemer's
/// contact), and its status as the log leaves it.
public struct ProposalLine: Sendable, Equatable, Codable {
    /// One item of the cost breakdown, or one co-funder's contribution.
    public struct Amount: Sendable, Equatable, Codable {
        /// What it is for, or who gives it.
        public let name: String
        /// In cents.
        public let cents: UInt64

        /// An amount.
        public init(name: String, cents: UInt64) {
            self.name = name
            self.cents = cents
        }
    }

    /// The proposal's id.
    public let id: UInt64
    /// Buurt or wijk code.
    public let area: String
    /// Title.
    public let title: String
    /// Description.
    public let description: String
    /// Requested amount in cents: the sum of ``costs``.
    public let requestedCents: UInt64
    /// The cost breakdown.
    public let costs: [Amount]
    /// Eigen inbreng: hours of residents' own work.
    public let ownHours: UInt64
    /// Eigen inbreng: money, in cents.
    public let ownCents: UInt64
    /// Co-funders and what each gives.
    public let coFunders: [Amount]
    /// The wijkperspectief goals it serves.
    public let goals: [String]
    /// The status after the log's last entry about it.
    public let status: ProposalStatus

    private enum CodingKeys: String, CodingKey {
        case id, area, title, description, requestedCents = "requested_cents", costs, ownHours = "own_hours"
        case ownCents = "own_cents", coFunders = "co_funders", goals, status
    }

    /// A line.
    public init(id: UInt64, area: String, title: String, description: String, requestedCents: UInt64, costs: [Amount],
                ownHours: UInt64, ownCents: UInt64, coFunders: [Amount], goals: [String], status: ProposalStatus) {
        self.id = id
        self.area = area
        self.title = title
        self.description = description
        self.requestedCents = requestedCents
        self.costs = costs
        self.ownHours = ownHours
        self.ownCents = ownCents
        self.coFunders = coFunders
        self.goals = goals
        self.status = status
    }
}
