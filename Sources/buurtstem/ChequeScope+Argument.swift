import ArgumentParser
import Buurtstem

/// `--scope` of `buurtstem cheques round create` is read as the engine's ``ChequeScope``, in either case; any other
/// word is refused by the parser, which lists buurt, wijk and gemeente.
extension ChequeScope: ExpressibleByArgument {
    /// The scope named `argument` (`buurt`, `wijk` or `gemeente`, in any case).
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
