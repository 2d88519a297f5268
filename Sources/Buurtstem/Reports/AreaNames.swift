import GRDB

/// The names of the gemeente's wijken and buurten, for reports.
struct AreaNames: Sendable {
    /// Wijk names by code.
    let wijken: [String: String]
    /// Buurt names by code.
    let buurten: [String: String]

    /// Every wijk and buurt of the store.
    static func load(_ store: Store) throws -> AreaNames {
        try store.read { db in
            AreaNames(
                wijken: Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT code, name FROM wijk").map { ($0["code"], $0["name"]) }),
                buurten: Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT code, name FROM buurt").map { ($0["code"], $0["name"]) }))
        }
    }

    /// The name of a wijk, buurt or the gemeente; the code itself when unknown.
    func name(of code: String, gemeente: Gemeente) -> String {
        if code == gemeente.code { return gemeente.name }
        return wijken[code] ?? buurten[code] ?? code
    }

    /// The name of a reach group: its buurt's name, with the small buurten merged into it in brackets; for the
    /// small buurten of a wijk together "overige buurten: A, B"; for a whole wijk, the wijk's name.
    func groupName(code: String, wijk: String, buurten members: [String]) -> String {
        let memberNames = members.map { buurten[$0] ?? $0 }
        if code == wijk { return wijken[wijk] ?? wijk }
        if code.hasSuffix("-overig") { return "overige buurten / other buurten: " + memberNames.joined(separator: ", ") }
        guard let first = members.firstIndex(of: code) else { return memberNames.joined(separator: ", ") }
        let rest = memberNames.enumerated().filter { $0.offset != first }.map(\.element)
        return memberNames[first] + (rest.isEmpty ? "" : " (met / with " + rest.joined(separator: ", ") + ")")
    }
}
