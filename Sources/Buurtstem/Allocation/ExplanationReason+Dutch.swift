import Foundation

extension ReasonAmount {
    /// The amount as euros the Dutch way (`€ 80.000,00`, `-€ 3,25`).
    public var dutch: String {
        let plain = DecimalAmount.format(units: Int64(units.magnitude), scale: scale)
        let parts = plain.split(separator: ".", maxSplits: 1)
        var fraction = parts.count == 2 ? String(parts[1]) : "00"
        while fraction.count < 2 { fraction += "0" }
        return (units < 0 ? "-" : "") + "€ " + Count.format(UInt64(parts[0]) ?? 0) + "," + fraction
    }
}

extension ReasonSupport {
    /// The support in Dutch: `812 stemmen`, `1 stem`, `40 punten`, `30 stemmen × 1,2500 gewogen voor € 12.000,00`.
    public var dutch: String {
        var text = switch unit {
        case .votes: count == 1 ? "1 stem" : "\(Count.format(count)) stemmen"
        case .points: count == 1 ? "1 punt" : "\(Count.format(count)) punten"
        }
        if let factor { text += " × \(factor.description.replacingOccurrences(of: ".", with: ",")) gewogen" }
        if let perCost { text += " voor \(perCost.dutch)" }
        return text
    }
}
