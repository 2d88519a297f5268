import ArgumentParser
import Buurtstem

/// `--channel` of `buurtstem cheques redeem` is read as the engine's ``RedemptionChannel`` by its name (`online`,
/// `paper`, `kiosk`); any other word is refused by the parser, which names the option and lists the three.
extension RedemptionChannel: ExpressibleByArgument {}
