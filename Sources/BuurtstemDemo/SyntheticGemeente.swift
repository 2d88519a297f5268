import Buurtstem
/// A synthetic gemeente for the demo and for tests: Groningen's wijken of the wijkvernieuwing plan
/// (DESIGN.md), each with a few buurten, and households spread over them with realistic sizes.
///
/// The codes follow CBS's pattern for gemeente GM0014 but are illustrative, not CBS's actual numbering.
/// The same `seed` and `households` always give the same files.
public struct SyntheticGemeente: Sendable {
    /// The gemeente's name.
    public let name = "Groningen"
    /// Its CBS code.
    public let code = "GM0014"
    /// The areas file (`buurtstem areas import`).
    public let areasCSV: String
    /// The register file with address columns (`buurtstem register import`).
    public let householdsCSV: String

    /// The wijken, with their buurten and a relative size (share of the households).
    static let wijken: [(name: String, buurten: [String], weight: Int)] = [
        ("Selwerd", ["Selwerd-Noord", "Selwerd-Zuid"], 6),
        ("Paddepoel", ["Paddepoel-Noord", "Paddepoel-Zuid", "Tuinwijk-Paddepoel"], 7),
        ("De Wijert", ["De Wijert-Noord", "De Wijert-Zuid"], 6),
        ("Beijum", ["Beijum-Oost", "Beijum-West"], 8),
        ("Lewenborg", ["Lewenborg-Noord", "Lewenborg-Zuid", "Lewenborg-Centrum"], 7),
        ("Oosterpark", ["Oosterparkwijk", "Damsterbuurt", "Gorechtbuurt"], 7),
        ("Korrewegwijk", ["Indische buurt", "Professorenbuurt-Noord", "Korrewegwijk-Zuid"], 8),
        ("De Hoogte", ["De Hoogte-Noord", "De Hoogte-Zuid"], 4),
        ("Oosterhoogebrug", ["Oosterhoogebrug", "Ulgersmaborg"], 2),
        ("Vinkhuizen", ["Vinkhuizen-Noord", "Vinkhuizen-Zuid"], 6),
        ("Corpus den Hoorn", ["Corpus den Hoorn-Noord", "Corpus den Hoorn-Zuid"], 4),
        ("Kostverloren", ["Kostverloren"], 2),
        ("Grunobuurt", ["Grunobuurt"], 2),
        ("Tuinwijk", ["Tuinwijk"], 2),
        ("Hoogkerk", ["Hoogkerk-Dorp", "Hoogkerk-Zuid"], 3),
    ]

    private static let streets = ["Korreweg", "Bedumerweg", "Oosterparkstraat", "Damsterdiep", "Zaagmuldersweg",
                                  "Vinkenstraat", "Paterswoldseweg", "Hoofdweg", "Kastanjelaan", "Beukenlaan",
                                  "Molenstraat", "Schoolstraat", "Kerkstraat", "Dorpsstraat", "Parklaan"]

    /// Makes a gemeente with `households` households from `seed`.
    public init(households: Int, seed: UInt64 = 2026) {
        precondition(households > 0, "a gemeente has at least one household")
        var random = SplitMix64(seed: seed)
        var areas = ["code,name,wijk"]
        var buurten: [(code: String, postcode: Int, weight: Int)] = []
        for (wijkIndex, wijk) in Self.wijken.enumerated() {
            let wijkCode = "WK0014" + Self.twoDigits(wijkIndex + 1)
            areas.append("\(wijkCode),\(TextEscaping.csv(wijk.name)),")
            for (buurtIndex, buurt) in wijk.buurten.enumerated() {
                let buurtCode = "BU0014" + Self.twoDigits(wijkIndex + 1) + Self.twoDigits(buurtIndex)
                areas.append("\(buurtCode),\(TextEscaping.csv(buurt)),\(wijkCode)")
                buurten.append((buurtCode, 9711 + wijkIndex * 3 + buurtIndex, wijk.weight * 10 / wijk.buurten.count + 1))
            }
        }
        let totalWeight = buurten.reduce(0) { $0 + $1.weight }
        var rows = ["household_id,buurt,residents,eligible,address_line_1,address_line_2"]
        rows.reserveCapacity(households + 1)
        // Household sizes roughly as CBS reports for a Dutch city: many one- and two-person households.
        let sizes = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5]
        for index in 0..<households {
            var pick = Int(random.next() % UInt64(totalWeight))
            let buurt = buurten.first { pick -= $0.weight; return pick < 0 } ?? buurten[0]
            let residents = sizes[Int(random.next() % UInt64(sizes.count))]
            let children = residents > 2 ? Int(random.next() % UInt64(residents - 1)) : 0
            let street = Self.streets[Int(random.next() % UInt64(Self.streets.count))]
            let letters = Array("ABCDEFGHJKLMNPRSTVWXZ")
            let postcode = "\(buurt.postcode) \(letters[Int(random.next() % 21)])\(letters[Int(random.next() % 21)])"
            let id = "0014" + String(100_000_000_000 + index * 7919)
            rows.append("\(id),\(buurt.code),\(residents),\(residents - children),\(street) \(index % 240 + 1),\(postcode) Groningen")
        }
        self.areasCSV = areas.joined(separator: "\n") + "\n"
        self.householdsCSV = rows.joined(separator: "\n") + "\n"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

}
