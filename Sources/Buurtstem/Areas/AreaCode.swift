/// CBS area codes: gemeente `GM` + 4 digits, wijk `WK` + 6, buurt `BU` + 8.
///
/// The codes nest: a wijk code is its gemeente's 4 digits plus 2, a buurt code its wijk's 6 digits plus 2,
/// so the wijk of a buurt follows from its code (as in CBS's "Wijk- en Buurtkaart").
public enum AreaCode {
    /// `true` for `GM` followed by 4 digits.
    public static func isGemeente(_ code: String) -> Bool { matches(code, prefix: "GM", digits: 4) }
    /// `true` for `WK` followed by 6 digits.
    public static func isWijk(_ code: String) -> Bool { matches(code, prefix: "WK", digits: 6) }
    /// `true` for `BU` followed by 8 digits.
    public static func isBuurt(_ code: String) -> Bool { matches(code, prefix: "BU", digits: 8) }

    /// The wijk code a buurt code belongs to.
    public static func wijk(ofBuurt code: String) -> String {
        "WK" + code.dropFirst(2).prefix(6)
    }

    /// The gemeente digits of a wijk or buurt code.
    public static func gemeenteDigits(of code: String) -> Substring {
        code.dropFirst(2).prefix(4)
    }

    private static func matches(_ code: String, prefix: String, digits: Int) -> Bool {
        let utf8 = Array(code.utf8)
        return code.hasPrefix(prefix) && utf8.count == prefix.utf8.count + digits
            && utf8.dropFirst(prefix.utf8.count).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
