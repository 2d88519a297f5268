import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// `buurtstem trustee decrypt`: a trustee's decryption shares of the last mix stage's output, one per contest area,
/// each with a Chaum–Pedersen proof (docs/record.md, "Threshold decryption" and "Secret elections: the record").
/// It runs on the trustee's own machine from files only: the stage file, the election key file and the trustee's
/// sealed key share; no store. `buurtstem decrypt combine` checks every share against the stored last stage.
public enum TrusteeDecryption {
    /// The shares of the trustee whose sealed key share (`trustee receive` wrote it) is at `shareFile`, over the
    /// outputs of every area of the mix stage file at `stageFile` (`buurtstem mix --out` wrote it), under the
    /// election key at `electionKeyFile` (`trustees combine` wrote it).
    public static func decrypt(stageFile: String, electionKeyFile: String, shareFile: String,
                               passphrase: Passphrase) throws -> DecryptionSharesFile {
        let key = try TrusteeFiles.read(ElectionKeyFile.self, electionKeyFile, what: "the election key")
        guard let data = FileManager.default.contents(atPath: stageFile) else {
            throw BuurtstemError(.fileSystem, "cannot read the mix stage file \(stageFile): check the path and that you may read it")
        }
        let stage: MixStageFile
        do {
            stage = try JSONDecoder().decode(MixStageFile.self, from: data)
        } catch {
            throw BuurtstemError(.badInput, "\(stageFile) is not a mix stage file (\(error)); use the file the last mix wrote", cause: error)
        }
        guard stage.election == key.election else {
            throw BuurtstemError(.badInput, "\(stageFile) is a mix stage of election '\(stage.election)', but \(electionKeyFile) is the key of '\(key.election)': "
                + "give the stage file and the election key of the same election")
        }
        let keyShare = try Trustees.openKeyShare(shareFile, electionKey: key.key, electionKeyFile: electionKeyFile, passphrase: passphrase)
        let areas = stage.areas.map { area in
            let context = DecryptionSharesFile.context(election: stage.election, definitionHash: stage.definitionHash, stage: stage.stage, area: area.area)
            let share = Trustees.decryptionShare(of: area.outputs.flatMap { $0 }, context: context, keyShare: keyShare)
            return DecryptionSharesFile.AreaShare(area: area.area, partials: share.partials, proof: share.proof)
        }
        return DecryptionSharesFile(election: stage.election, definitionHash: stage.definitionHash, stage: stage.stage,
                                    trustee: keyShare.index, areas: areas)
    }
}
