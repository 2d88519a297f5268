import Foundation

/// Where a passphrase comes from: the `BUURTSTEM_PASSPHRASE` environment variable, else a prompt on the terminal.
public struct Passphrase: Sendable {
    /// The environment variable that holds the passphrase for unattended runs.
    public static let environmentVariable = "BUURTSTEM_PASSPHRASE"

    /// The variable for kiosk keys; when unset, ``environmentVariable`` is used for them too.
    public static let kioskEnvironmentVariable = "BUURTSTEM_KIOSK_PASSPHRASE"

    private let environment: [String: String]
    private let interactive: Bool
    private let variables: [String]

    /// The process's environment, prompting on the terminal when the variable is not set and stdin is a terminal.
    public static var standard: Passphrase {
        Passphrase(environment: ProcessInfo.processInfo.environment, interactive: isatty(STDIN_FILENO) == 1)
    }

    /// For kiosk keys: `BUURTSTEM_KIOSK_PASSPHRASE`, else `BUURTSTEM_PASSPHRASE`, else a prompt.
    public static var kiosk: Passphrase {
        Passphrase(environment: ProcessInfo.processInfo.environment, interactive: isatty(STDIN_FILENO) == 1,
                   variables: [kioskEnvironmentVariable, environmentVariable])
    }

    /// A source with a fixed environment; `interactive` allows prompting; `variables` are tried in order.
    public init(environment: [String: String], interactive: Bool, variables: [String] = [Passphrase.environmentVariable]) {
        self.environment = environment
        self.interactive = interactive
        self.variables = variables
    }

    /// Returns the passphrase for `purpose`; with `confirm`, a typed one is asked twice.
    public func obtain(purpose: String, confirm: Bool) throws -> String {
        if let value = variables.lazy.compactMap({ environment[$0] }).first { return value }
        guard interactive else {
            throw BuurtstemError(.keys, "a passphrase is needed for the \(purpose): set \(variables[0]) "
                + "or run the command in a terminal to type it")
        }
        let first = try prompt("Passphrase for the \(purpose): ")
        if confirm {
            let second = try prompt("Type it again: ")
            guard first == second else { throw BuurtstemError(.keys, "the two passphrases differ; nothing was created. Try again") }
        }
        return first
    }

    /// Where `obtain` takes the passphrase from, for messages: the variable that is set, else the prompt.
    public var source: String {
        if let variable = variables.first(where: { environment[$0] != nil }) { return "the passphrase in \(variable)" }
        return "the passphrase typed"
    }

    private func prompt(_ text: String) throws -> String {
        guard let pointer = getpass(text) else {
            throw BuurtstemError(.fileSystem, "cannot read a passphrase from the terminal: set \(Self.environmentVariable) instead")
        }
        return String(cString: pointer)
    }
}
