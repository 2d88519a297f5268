import Foundation
import Buurtstem

extension ProposalDraft.Field {
    /// The option of `buurtstem proposal add` that gives this field.
    var option: String {
        switch self {
        case .costs: "--cost"
        case .coFunders: "--co-funder"
        case .goals: "--goal"
        default: "--" + rawValue.replacingOccurrences(of: "_", with: "-")
        }
    }
}
