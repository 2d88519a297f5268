import ArgumentParser
import Buurtstem
import Foundation

/// `buurtstem demo`: the whole story on a synthetic gemeente.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole story on a synthetic gemeente and print a summary.",
        discussion: "Works in its own folder (--out), which a rerun clears; needs nothing but this binary."
    )

    @Option(help: "Number of synthetic households.")
    var households: Int = 3000

    @Option(help: "The folder to work in.")
    var out: String = "buurtstem-demo"

    @OptionGroup var output: OutputOptions

    func run() throws {
        let demo = Demo(households: households, folder: URL(fileURLWithPath: out))
        let report = try demo.run { line in
            if !output.json { print(line) }
        }
        try output.emit(report) { report.summary }
    }
}

extension Demo.Report {
    /// The readable summary printed at the end.
    var summary: String {
        var lines = ["", "Buurtstem demo: gemeente \(gemeente.name) (\(gemeente.code))", ""]
        lines.append("Register snapshot \(register.snapshot.id ?? 0): \(register.snapshot.householdCount) households, "
            + "\(register.snapshot.residentCount) residents, \(register.snapshot.eligibleCount) aged \(register.snapshot.eligibleAge)+, "
            + "in \(register.wijken.count) wijken and \(register.wijken.reduce(0) { $0 + $1.buurten.count }) buurten.")
        lines.append("")
        lines.append("wijk                          households   eligible")
        for wijk in register.wijken {
            let name = "\(wijk.wijk.code) \(wijk.wijk.name)"
            lines.append(name.padding(toLength: 30, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(0, 10 - "\(wijk.wijk.households)".count)) + "\(wijk.wijk.households)"
                + String(repeating: " ", count: max(0, 11 - "\(wijk.wijk.eligible)".count)) + "\(wijk.wijk.eligible)")
        }
        lines.append("")
        lines.append("Steps:")
        for step in steps { lines.append("  \(String(format: "%7.3f", step.seconds)) s  \(step.name)") }
        lines.append("")
        lines.append("Everything is in \(folder): the database, the sealed issuing key (passphrase '\(Demo.passphrase)'),")
        lines.append("and the synthetic areas.csv and households.csv. Try: buurtstem register show --db \(database)")
        lines.append("Cheque rounds, the stemdag, allocation, the published record and its verification join this demo as they land.")
        return lines.joined(separator: "\n")
    }
}
