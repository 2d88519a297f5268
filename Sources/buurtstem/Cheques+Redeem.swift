import ArgumentParser
import Buurtstem
import Foundation

extension ChequesCommand {
    /// `buurtstem cheques redeem`.
    struct Redeem: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a cheque, or a file of cheques, to an initiative.",
            discussion: """
            With --code, one cheque; a rejection (mistyped, unknown, already redeemed, not yet valid, expired, \
            initiative closed, round settled, out of scope) is reported on stderr with exit status 1. With --file, \
            one code per line (blank lines and lines starting with # are skipped): each line is redeemed in its own \
            transaction and its outcome printed as soon as it is on disk, so an interrupted run loses no printed \
            redemption and can simply be run again (redeemed codes then say 'already redeemed'). The exit status is 1 \
            when any line was rejected. --json prints one JSON object per line (JSON Lines), then a summary object.
            """
        )

        @Option(help: "The cheque's code as printed (hyphens and spaces are ignored).")
        var code: String?

        @Option(help: "A file with one code per line, e.g. the paper cheques an initiator collected.")
        var file: String?

        @Option(help: "The initiative's id ('buurtstem initiative list').")
        var initiative: Int64

        @Option(help: "How the cheque was handed in (default: online for --code, paper for --file).")
        var channel: RedemptionChannel?

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (code == nil) != (file == nil) else { throw ValidationError("give either --code CODE or --file CODES.txt") }
        }

        func run() throws {
            let redeemer = try ChequeRedeemer(store: try store.open(), initiative: initiative)
            let now = try commandClock()
            let fixedClock = ProcessInfo.processInfo.environment["BUURTSTEM_NOW"] != nil
            if let code {
                try redeemOne(code, redeemer: redeemer, channel: channel ?? .online, now: now)
                return
            }
            let text = try readText(file!)
            var redeemed = 0, rejected = 0
            try redeemer.redeem(lines: text, channel: channel ?? .paper,
                                now: { fixedClock ? now : Date() }) { outcome in
                if outcome.redemption != nil { redeemed += 1 } else { rejected += 1 }
                // Written straight to the descriptor: a line on stdout means its redemption is on disk.
                try printNow(output.json ? try jsonLine(outcome) : outcome.text)
            }
            let summary = "\(redeemed) cheques redeemed for initiative \(initiative) '\(redeemer.initiative.title)', \(rejected) lines rejected."
            if output.json {
                try printNow(try jsonLine(["summary": ["redeemed": redeemed, "rejected": rejected]]))
            } else {
                try printNow(summary)
            }
            if rejected > 0 {
                printError("\(rejected) of \(redeemed + rejected) lines were rejected; the others are redeemed. Fix or drop those lines.")
                throw ExitCode.failure
            }
        }

        private func redeemOne(_ code: String, redeemer: ChequeRedeemer, channel: RedemptionChannel, now: Date) throws {
            switch try redeemer.redeem(code: code, channel: channel, now: now) {
            case let .success(redemption):
                try output.emit(redemption) {
                    "Cheque redeemed for initiative \(initiative) '\(redeemer.initiative.title)': EUR \(Money.plain(redemption.valueCents)) "
                        + "(ledger entry \(redemption.sequence), tracking code \(redemption.trackingCode))."
                }
            case let .failure(rejection):
                if output.json {
                    print(try JSONOutput.string(["rejection": rejection.code, "message": rejection.description, "dutch": rejection.dutch]))
                }
                throw CommandError("cheque rejected: \(rejection.description)\n(\(rejection.dutch))")
            }
        }
    }
}

extension ChequeRedeemer.LineOutcome {
    /// The human line for one line of a file.
    var text: String {
        if let redemption {
            return "line \(line) \(codeStart): redeemed, ledger entry \(redemption.sequence) (tracking code \(redemption.trackingCode))"
        }
        return "line \(line) \(codeStart): rejected (\(rejection ?? "")): \(message ?? "")"
    }
}

/// `value` as one line of JSON (JSON Lines).
func jsonLine<T: Encodable>(_ value: T) throws -> String {
    // Pretty JSON has raw line breaks only between tokens (never inside strings), so joining the lines is exact.
    try JSONOutput.string(value).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
}

/// Writes a line to stdout at once, unbuffered.
func printNow(_ line: String) throws {
    try FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
}
