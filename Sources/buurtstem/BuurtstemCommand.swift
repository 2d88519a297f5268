import ArgumentParser

/// The `buurtstem` command: a thin front over the `Buurtstem` library, one file per subcommand.
@main
struct BuurtstemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buurtstem",
        abstract: "Participatory budgeting and voting for Dutch gemeenten.",
        discussion: """
        Data flows one way: register -> issuance -> casting -> close -> allocation -> record -> verifier.
        Every command takes --help; most take --db PATH (default ./buurtstem.sqlite) and --json.
        """,
        subcommands: [
            InitCommand.self,
            AreasCommand.self,
            RegisterCommand.self,
            BudgetCommand.self,
            ChequesCommand.self,
            InitiativeCommand.self,
            ProposalCommand.self,
            ElectionCommand.self,
            TrusteeCommand.self,
            TrusteesCommand.self,
            StempasCommand.self,
            KioskCommand.self,
            VoteCommand.self,
            PollsCommand.self,
            MixCommand.self,
            DecryptCommand.self,
            TallyCommand.self,
            AllocateCommand.self,
            RecordCommand.self,
            ReportCommand.self,
            ReceiptCommand.self,
            PassCommand.self,
            CheckCommand.self,
            StoreCommand.self,
            DemoCommand.self,
        ]
    )

    /// Runs the command, saying an engine error's remedy as the command to run (``EngineFailure``).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: EngineFailure.wording(error))
        }
    }
}
