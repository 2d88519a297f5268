/// `money.json` of a proposals record (format 2, docs/record.md, "Proposals"): the money of the funded aanvragen per
/// wijk and per funder (the gemeente and each co-funder), as the results site shows it, so that a verifier can
/// recompute every amount from the log and hold the published table to it, to the cent.
public struct ProposalMoney: Sendable, Equatable, Codable {
    /// One funder's money (or a wijk's, or a wijk's funder's), in cents: `paid + returned <= committed`, the rest
    /// still open.
    public struct Amounts: Sendable, Equatable, Codable {
        /// Its part of the funded amounts.
        public let committedCents: UInt64
        /// Its part of the payments.
        public let paidCents: UInt64
        /// Its part of what finished proposals did not use.
        public let returnedCents: UInt64

        private enum CodingKeys: String, CodingKey {
            case committedCents = "committed_cents", paidCents = "paid_cents", returnedCents = "returned_cents"
        }

        /// Amounts.
        public init(committedCents: UInt64, paidCents: UInt64, returnedCents: UInt64) {
            self.committedCents = committedCents
            self.paidCents = paidCents
            self.returnedCents = returnedCents
        }
    }

    /// One funder's amounts.
    public struct Funder: Sendable, Equatable, Codable {
        /// The funder: `Gemeente <gemeente name>` or a co-funder's name as its pledge gives it.
        public let funder: String
        /// Its money.
        public let amounts: Amounts

        private enum CodingKeys: String, CodingKey {
            case funder, committedCents = "committed_cents", paidCents = "paid_cents", returnedCents = "returned_cents"
        }

        /// A funder's amounts.
        public init(funder: String, amounts: Amounts) {
            self.funder = funder
            self.amounts = amounts
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            funder = try c.decode(String.self, forKey: .funder)
            amounts = Amounts(committedCents: try c.decode(UInt64.self, forKey: .committedCents),
                              paidCents: try c.decode(UInt64.self, forKey: .paidCents),
                              returnedCents: try c.decode(UInt64.self, forKey: .returnedCents))
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(funder, forKey: .funder)
            try c.encode(amounts.committedCents, forKey: .committedCents)
            try c.encode(amounts.paidCents, forKey: .paidCents)
            try c.encode(amounts.returnedCents, forKey: .returnedCents)
        }
    }

    /// One wijk: the areas whose proposals count for it, its money and the same per funder.
    public struct Wijk: Sendable, Equatable, Codable {
        /// CBS wijk code (`WK` + 6 digits).
        public let code: String
        /// The areas of its proposals: the wijk itself and its buurten (`BU` + the wijk's 6 digits + 2), sorted.
        public let areas: [String]
        /// The wijk's money.
        public let amounts: Amounts
        /// Per funder, adding up to the wijk's.
        public let funders: [Funder]

        private enum CodingKeys: String, CodingKey {
            case code, areas, funders, committedCents = "committed_cents", paidCents = "paid_cents", returnedCents = "returned_cents"
        }

        /// A wijk's money.
        public init(code: String, areas: [String], amounts: Amounts, funders: [Funder]) {
            self.code = code
            self.areas = areas
            self.amounts = amounts
            self.funders = funders
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decode(String.self, forKey: .code)
            areas = try c.decode([String].self, forKey: .areas)
            amounts = Amounts(committedCents: try c.decode(UInt64.self, forKey: .committedCents),
                              paidCents: try c.decode(UInt64.self, forKey: .paidCents),
                              returnedCents: try c.decode(UInt64.self, forKey: .returnedCents))
            funders = try c.decode([Funder].self, forKey: .funders)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(areas, forKey: .areas)
            try c.encode(amounts.committedCents, forKey: .committedCents)
            try c.encode(amounts.paidCents, forKey: .paidCents)
            try c.encode(amounts.returnedCents, forKey: .returnedCents)
            try c.encode(funders, forKey: .funders)
        }
    }

    /// ``formatName``.
    public let format: String
    /// Per wijk with proposals, by code.
    public let wijken: [Wijk]
    /// Per funder over every wijk.
    public let funders: [Funder]

    /// `money.json`'s `format`.
    public static let formatName = "buurtstem-proposal-money/1"

    /// The money file.
    public init(wijken: [Wijk], funders: [Funder]) {
        format = Self.formatName
        self.wijken = wijken
        self.funders = funders
    }
}
