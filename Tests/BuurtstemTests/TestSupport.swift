import Buurtstem
import Foundation

/// A fresh folder under the system's temporary directory, for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("buurtstem-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The project's root folder (this file is in Tests/BuurtstemTests).
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A file the project ships, as bytes.
func shippedFile(_ relativePath: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: projectRoot.appendingPathComponent(relativePath)))
}

/// A store for gemeente GM0014 with the shipped Groningen areas, in a fresh folder.
func groningenStore() throws -> (Store, URL) {
    let folder = try temporaryDirectory()
    let db = folder.appendingPathComponent("test.sqlite").path
    _ = try Gemeente.initialise(name: "Groningen", code: "GM0014", databasePath: db,
                                keyPath: folder.appendingPathComponent("issuing.key").path, passphrase: "test passphrase")
    let store = try Store.open(path: db)
    _ = try AreaImport.run(try shippedFile("Examples/groningen/areas.csv"), file: "areas.csv", into: store)
    return (store, folder)
}

extension Array where Element == UInt8 {
    /// UTF-8 bytes of a literal, for CSV test input.
    init(csv text: String) { self = Array(text.utf8) }
}
