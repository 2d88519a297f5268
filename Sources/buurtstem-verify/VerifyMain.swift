import Foundation

/// The entry point: `buurtstem-verify challenge …` checks an opened ballot (`ChallengeCommand`); anything else is
/// `buurtstem-verify DIR`, the record check (`VerifyCommand`).
///
/// Not an ArgumentParser subcommand tree: records are commonly kept in a folder named `record`, and any subcommand
/// name would take such a folder's name from `buurtstem-verify NAME`. Only `challenge` is a word here, and only when
/// no folder of that name is in the way (then `./challenge` is the record).
@main
enum VerifyMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var isFolder: ObjCBool = false
        if arguments.first == "challenge", !(FileManager.default.fileExists(atPath: "challenge", isDirectory: &isFolder) && isFolder.boolValue) {
            ChallengeCommand.main(Array(arguments.dropFirst()))
        } else {
            VerifyCommand.main(arguments)
        }
    }
}
