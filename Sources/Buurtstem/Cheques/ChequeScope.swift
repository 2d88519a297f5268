/// Where a round's cheques may be given: to initiatives in the household's own buurt, own wijk, or anywhere in
/// the gemeente.
public enum ChequeScope: String, Sendable, Codable, CaseIterable {
    /// Only initiatives in the buurt the household lives in.
    case buurt
    /// Initiatives anywhere in the household's wijk.
    case wijk
    /// Any initiative in the gemeente.
    case gemeente

    /// `true` if a cheque issued to a household in `chequeBuurt` may go to an initiative in `initiativeBuurt`.
    ///
    /// A buurt's wijk follows from its CBS code (docs/inputs.md), so the rule needs no area table.
    public func allows(chequeBuurt: String, initiativeBuurt: String) -> Bool {
        switch self {
        case .buurt: chequeBuurt == initiativeBuurt
        case .wijk: AreaCode.wijk(ofBuurt: chequeBuurt) == AreaCode.wijk(ofBuurt: initiativeBuurt)
        case .gemeente: true
        }
    }
}
