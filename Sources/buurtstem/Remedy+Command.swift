import Buurtstem

extension Remedy {
    /// The commands that carry out this remedy, in order, as a person types them.
    var commands: [String] {
        switch self {
        case .initialise: ["buurtstem init --gemeente NAME --code GMxxxx"]
        case .importAreas: ["buurtstem areas import FILE.csv"]
        case .importRegister: ["buurtstem register import FILE.csv"]
        case .listRegisterSnapshots: ["buurtstem register list"]
        case .showRegister: ["buurtstem register show"]
        case .issuePasses(let election): ["buurtstem stempas issue --election \(election) --print-to FOLDER"]
        case .addKiosk(let election): ["buurtstem kiosk add --election \(election) --name NAME"]
        case .openPolls(let election): ["buurtstem polls open --election \(election)"]
        case .publishElection(let election): ["buurtstem election publish --election \(election) --out DIR"]
        case .closePolls(let election, nil): ["buurtstem polls close --election \(election)"]
        case .closePolls(let election, let kiosk?):
            ["buurtstem polls close --election \(election) --kiosk \(kiosk) --db LOCATION.sqlite",
             "buurtstem polls merge --election \(election) --from LOCATION.sqlite"]
        case .decryptBallots(let election):
            ["buurtstem mix --election \(election)", "buurtstem trustee decrypt (by t trustees)",
             "buurtstem decrypt combine --election \(election) --shares FILE..."]
        case .checkStore: ["buurtstem check"]
        case .issueCheques(let round): ["buurtstem cheques issue --round \(round) --print-to FOLDER"]
        case .settleBeforeExpiry(let round): ["buurtstem cheques settle --round \(round) --before-expiry"]
        case .settleCheques(let round): ["buurtstem cheques settle --round \(round)"]
        case .exportCheques(let round): ["buurtstem cheques export --round \(round) --out FOLDER"]
        case .listChequeRounds: ["buurtstem cheques round list"]
        case .listInitiatives: ["buurtstem initiative list"]
        case .createElection: ["buurtstem election create FILE"]
        case .listProposals: ["buurtstem proposal list"]
        case .loadCriteria: ["buurtstem proposal criteria FILE.yaml"]
        case .startReview(let proposal): ["buurtstem proposal move --id \(proposal) --to in_review"]
        case .assessProposal(let proposal): ["buurtstem proposal assess --id \(proposal) --criterion ID --assessor ID --met|--not-met --reason TEXT"]
        case .decideProposal(let proposal): ["buurtstem proposal decide --id \(proposal)"]
        case .createElectionFromProposals: ["buurtstem election create FILE --from-proposals"]
        case .decideByWijkteam(let proposal): ["buurtstem proposal decide-by-wijkteam --id \(proposal) --fund|--not-fund --reason TEXT"]
        case .showProposal(let proposal): ["buurtstem proposal show --id \(proposal)"]
        }
    }
}
