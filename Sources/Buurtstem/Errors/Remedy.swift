/// The step that fixes a refused request, when that step is another action of the engine. A front end says it in
/// its own words: the CLI names its command (`Remedy+Command` in `buurtstem`), the kiosk its staff screen.
public enum Remedy: Sendable, Equatable {
    /// Make the gemeente's database and issuing key.
    case initialise
    /// Import the gemeente's wijken and buurten.
    case importAreas
    /// Import the household register.
    case importRegister
    /// List the imported register snapshots.
    case listRegisterSnapshots
    /// Show the register's areas.
    case showRegister
    /// Issue the passes of `election`.
    case issuePasses(election: String)
    /// Add a kiosk to `election`.
    case addKiosk(election: String)
    /// Open the polls of `election`.
    case openPolls(election: String)
    /// Pre-publish `election` (its definition, pass commitment and kiosks, with a fingerprint) before the polls open.
    case publishElection(election: String)
    /// Close the polls of `election`, or only `kiosk`'s (in the store of its location).
    case closePolls(election: String, kiosk: String?)
    /// Mix, have the trustees decrypt, and combine the shares of the secret election `election`.
    case decryptBallots(election: String)
    /// Check the store at `path` for damage.
    case checkStore
    /// Issue the cheques of `round`.
    case issueCheques(round: String)
    /// Settle `round` now, before its cheques expire (they can then no longer be redeemed).
    case settleBeforeExpiry(round: String)
    /// Settle `round`.
    case settleCheques(round: String)
    /// Export (publish) `round`'s record.
    case exportCheques(round: String)
    /// List the cheque rounds.
    case listChequeRounds
    /// List the cheque initiatives.
    case listInitiatives
    /// Create an election from its definition file.
    case createElection
    /// List the proposals (aanvragen).
    case listProposals
    /// Load the assessment criteria (toetsingscriteria).
    case loadCriteria
    /// Start the toetsing of `proposal` (move it to in behandeling).
    case startReview(proposal: Int64)
    /// Judge `proposal` on each criterion.
    case assessProposal(proposal: Int64)
    /// Decide `proposal` from its judged criteria.
    case decideProposal(proposal: Int64)
    /// Create an election whose ballot holds the toegelaten proposals.
    case createElectionFromProposals
    /// Take the wijkteam's decision on `proposal` (fund it or not), with its reasons.
    case decideByWijkteam(proposal: Int64)
    /// Show `proposal`: its status and the steps it took.
    case showProposal(proposal: Int64)

    /// The step in plain words, for a front end without words of its own for it.
    public var description: String {
        switch self {
        case .initialise: "initialise the gemeente (its database and issuing key)"
        case .importAreas: "import the gemeente's wijken and buurten"
        case .importRegister: "import the household register"
        case .listRegisterSnapshots: "list the register snapshots"
        case .showRegister: "show the register's areas"
        case .issuePasses(let election): "issue the passes of '\(election)'"
        case .addKiosk(let election): "add a kiosk to '\(election)'"
        case .openPolls(let election): "open the polls of '\(election)'"
        case .publishElection(let election): "pre-publish '\(election)' and publish its folder and fingerprint"
        case .closePolls(let election, nil): "close the polls of '\(election)'"
        case .closePolls(let election, let kiosk?): "close kiosk '\(kiosk)' of '\(election)' in the store of its location"
        case .decryptBallots(let election): "mix the ballots of '\(election)', have the trustees decrypt them and combine the shares"
        case .checkStore: "check the store for damage and report it"
        case .issueCheques(let round): "issue the cheques of round \(round)"
        case .settleBeforeExpiry(let round): "settle round \(round) before its cheques expire"
        case .settleCheques(let round): "settle round \(round)"
        case .exportCheques(let round): "export the record of round \(round)"
        case .listChequeRounds: "list the cheque rounds"
        case .listInitiatives: "list the initiatives"
        case .createElection: "create the election from its definition file"
        case .listProposals: "list the proposals"
        case .loadCriteria: "load the assessment criteria"
        case .startReview(let proposal): "start the toetsing of proposal \(proposal)"
        case .assessProposal(let proposal): "judge proposal \(proposal) on each criterion"
        case .decideProposal(let proposal): "decide proposal \(proposal)"
        case .createElectionFromProposals: "create an election from the toegelaten proposals"
        case .decideByWijkteam(let proposal): "take the wijkteam's decision on proposal \(proposal), with its reasons"
        case .showProposal(let proposal): "show proposal \(proposal) and the steps it took"
        }
    }
}
