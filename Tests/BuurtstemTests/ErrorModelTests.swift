import Buurtstem
import Foundation
import Testing

/// The engine's one error model (issue 20): typed errors whose messages never name a front end's commands or
/// options; a remedy is a ``Remedy`` the CLI and the kiosk each say in their own words.
@Suite("The engine's errors")
struct ErrorModelTests {
    /// One of each remedy. The exhaustive switch in ``covered(_:)`` fails to compile when a case is added and not
    /// listed here.
    static let remedies: [Remedy] = [
        .initialise, .importAreas, .importRegister, .listRegisterSnapshots, .showRegister, .issuePasses(election: "e"),
        .addKiosk(election: "e"), .closePolls(election: "e", kiosk: nil),
        .closePolls(election: "e", kiosk: "k"), .decryptBallots(election: "e"), .checkStore,
        .issueCheques(round: "r"), .settleBeforeExpiry(round: "r"), .settleCheques(round: "r"), .exportCheques(round: "r"),
        .listChequeRounds, .listInitiatives, .createElection, .listProposals, .loadCriteria, .startReview(proposal: 1),
        .assessProposal(proposal: 1), .decideProposal(proposal: 1), .createElectionFromProposals,
    ]

    static func covered(_ remedy: Remedy) {
        switch remedy {
        case .initialise, .importAreas, .importRegister, .listRegisterSnapshots, .showRegister, .issuePasses, .addKiosk,
             .closePolls, .decryptBallots, .checkStore, .issueCheques, .settleBeforeExpiry,
             .settleCheques, .exportCheques, .listChequeRounds, .listInitiatives, .createElection, .listProposals,
             .loadCriteria, .startReview, .assessProposal, .decideProposal, .createElectionFromProposals:
            break
        }
    }

    /// Whether `text` names a command ("buurtstem ...") or an option ("--out").
    static func namesTheCLI(_ text: String) -> Bool {
        text.contains("buurtstem ") || text.contains("--")
    }

    @Test("no remedy's plain words name a command or an option")
    func remedyWords() {
        for remedy in Self.remedies {
            Self.covered(remedy)
            #expect(!Self.namesTheCLI(remedy.description), "\(remedy)")
        }
    }

    @Test("no engine error's message in the sources names a command or an option")
    func sourceMessages() throws {
        let manager = FileManager.default
        var checked = 0
        for target in ["Sources/Buurtstem", "Sources/BuurtstemSite"] {
            let root = projectRoot.appendingPathComponent(target)
            let files = try #require(manager.enumerator(atPath: root.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            for file in files {
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                for message in Self.errorExpressions(in: text) {
                    checked += 1
                    #expect(!Self.namesTheCLI(message), "\(target)/\(file): \(message)")
                }
            }
        }
        // The engine raises well over a hundred kinds of refusal; a scan that finds few is broken.
        #expect(checked > 150)
    }

    @Test("an engine error found by the scan is the one thrown, with its remedy")
    func thrown() throws {
        let (store, _) = try groningenStore()
        let error = #expect(throws: BuurtstemError.self) { try store.election("nope") }
        #expect(error?.kind == .notFound)
        #expect(error?.remedy == .createElection)
        #expect(!Self.namesTheCLI(error?.description ?? "--"))
        #expect(Self.errorExpressions(in: #"throw BuurtstemError(.badInput, "a (b) \(f(x)) c)" + f(x), remedy: .checkStore) // )"#)
            == [#"BuurtstemError(.badInput, "a (b) \(f(x)) c)" + f(x), remedy: .checkStore)"#])
    }

    /// The text of each `BuurtstemError(...)` expression in `source`, up to its closing parenthesis: parentheses in
    /// string literals do not count, those of their interpolations do.
    static func errorExpressions(in source: String) -> [String] {
        var found: [String] = []
        var rest = Substring(source)
        while let start = rest.range(of: "BuurtstemError(") {
            // A stack of contexts: a number is code at that parenthesis depth, nil is a string literal.
            var stack: [Int?] = [1]
            var end: String.Index?
            var index = start.upperBound
            while index < rest.endIndex, end == nil {
                let character = rest[index]
                switch stack[stack.count - 1] {
                case nil:
                    if character == "\\" {
                        let next = rest.index(after: index)
                        if next < rest.endIndex, rest[next] == "(" { stack.append(1); index = next }
                        else if next < rest.endIndex { index = next }
                    } else if character == "\"" { stack.removeLast() }
                case let depth?:
                    if character == "\"" { stack.append(nil) }
                    else if character == "(" { stack[stack.count - 1] = depth + 1 }
                    else if character == ")" {
                        if depth == 1 {
                            stack.removeLast()
                            if stack.isEmpty { end = rest.index(after: index) }
                        } else {
                            stack[stack.count - 1] = depth - 1
                        }
                    }
                }
                index = rest.index(after: index)
            }
            guard let end else { break }
            found.append(String(rest[start.lowerBound..<end]))
            rest = rest[end...]
        }
        return found
    }
}
