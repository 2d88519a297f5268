import Foundation

/// Runs the built `buurtstem` executables as a user would, for end-to-end tests.
struct CLI {
    /// The outcome of one run.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The folder the commands run in.
    let directory: URL
    /// Extra environment variables.
    var environment: [String: String] = ["BUURTSTEM_PASSPHRASE": "cli test passphrase"]

    /// The folder holding the built products: next to the test bundle, or the package's debug build folder.
    static let productsDirectory: URL = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: besideTests.appendingPathComponent("buurtstem").path) {
            return besideTests
        }
        return projectRoot.appendingPathComponent(".build/debug")
    }()

    /// A CLI in a fresh temporary folder.
    static func inTemporaryDirectory() throws -> CLI {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("buurtstem-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return CLI(directory: url)
    }

    /// A CLI in a fresh temporary folder with a Groningen store: the shipped areas and register imported.
    static func groningen() throws -> CLI {
        let cli = try inTemporaryDirectory()
        try cli.run("init", "--gemeente", "Groningen", "--code", "GM0014")
        try cli.run("areas", "import", shipped("Examples/groningen/areas.csv"))
        try cli.run("register", "import", shipped("Examples/groningen/households.csv"))
        return cli
    }

    /// Starts `tool` with `arguments` without waiting.
    func start(_ arguments: [String], tool: String = "buurtstem") throws -> Process {
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent(tool)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `tool` with `arguments` and waits for it.
    @discardableResult
    func run(_ arguments: String..., tool: String = "buurtstem") throws -> Result {
        try run(arguments, tool: tool)
    }

    /// Runs `tool` with `arguments` and waits for it.
    @discardableResult
    func run(_ arguments: [String], tool: String = "buurtstem") throws -> Result {
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent(tool)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Path of a file the project ships.
    static func shipped(_ relativePath: String) -> String {
        projectRoot.appendingPathComponent(relativePath).path
    }
}

/// The project's root folder (this file is in Tests/BuurtstemCLITests).
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
