import Foundation

/// What the gemeente puts on the letters around a stempas or a cheque that the store does not hold: who sends it,
/// where and when the kiosks stand, the paper option, where to read about the projects, a help line, and for a
/// cheque round its name and where to hand a cheque in. Read from a small YAML file (`--letter FILE`,
/// docs/letters.md); every field may be left out, and the letter then says what the data does allow (the
/// gemeente's name as sender, the kiosks of the store and the polling hours, "ask the gemeente").
///
/// ```yaml
/// sender: Gemeente Groningen, wijkteam Korrewegwijk
/// sender_address: Postbus 30026, 9700 RM Groningen
/// locations:
///   - place: Bibliotheek Korrewegwijk, Korreweg 150
///     when: zaterdag 28 november, 9.00 tot 20.00 uur
/// paper: Liever op papier stemmen? Bel 14 050; u krijgt een stembiljet thuisgestuurd.
/// projects: www.groningen.nl/wijkstemdag en in de bibliotheek
/// help: Vragen? Bel 14 050 (maandag tot vrijdag 8.30 tot 17.00 uur)
/// title: Buurtcheque najaar 2026
/// redeem: Wijkbureau Korrewegwijk, Korreweg 150 (dinsdag en donderdag 9.00 tot 12.00 uur)
/// ```
public struct LetterDetails: Sendable, Equatable {
    /// Where and when residents can vote.
    public struct Location: Sendable, Equatable {
        /// The place, with its address.
        public var place: String
        /// When the kiosk there is open, in words.
        public var when: String

        /// A location.
        public init(place: String, when: String) {
            self.place = place
            self.when = when
        }
    }

    /// Who sends the letter (default: "Gemeente NAME").
    public var sender: String?
    /// The sender's postal address.
    public var senderAddress: String?
    /// Where and when the kiosks are (default: the kiosks in the store, at the polling hours).
    public var locations: [Location]
    /// How to vote on paper instead.
    public var paper: String?
    /// Where to read about the projects.
    public var projects: String?
    /// Where to ask for help.
    public var help: String?
    /// A cheque round's name as residents know it (default: made from the round's issue date).
    public var title: String?
    /// A cheque: where to hand it in on paper.
    public var redeem: String?

    /// Details with every field left out.
    public init(sender: String? = nil, senderAddress: String? = nil, locations: [Location] = [], paper: String? = nil,
                projects: String? = nil, help: String? = nil, title: String? = nil, redeem: String? = nil) {
        self.sender = sender
        self.senderAddress = senderAddress
        self.locations = locations
        self.paper = paper
        self.projects = projects
        self.help = help
        self.title = title
        self.redeem = redeem
    }

    /// The longest text a field may hold: the letter is one A5 page.
    public static let maximumLength = 200

    /// Reads a letter file; every problem (an unknown key, an empty or too long text, invalid UTF-8) is reported
    /// with its line.
    public static func parse(_ bytes: [UInt8], file: String) throws -> LetterDetails {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(file: file, line: nil, "the file is not valid UTF-8; save it as UTF-8 text")
        }
        let (reader, root) = try YAMLReader.root(text, file: file)
        func field(_ mapping: YAMLReader.Mapping, _ key: String, required: Bool = false) -> String? {
            guard let value = reader.string(mapping, key, required: required) else { return nil }
            if value.count > maximumLength {
                reader.problem(reader.value(mapping, key)?.line, key, "'\(key)' is \(value.count) characters; at most \(maximumLength) fit on the letter")
            }
            return value
        }
        var details = LetterDetails(sender: field(root, "sender"), senderAddress: field(root, "sender_address"),
                                    paper: field(root, "paper"), projects: field(root, "projects"), help: field(root, "help"),
                                    title: field(root, "title"), redeem: field(root, "redeem"))
        if reader.value(root, "locations", required: false) != nil {
            for item in reader.list(root, "locations") {
                if let place = field(item, "place", required: true), let when = field(item, "when", required: true) {
                    details.locations.append(Location(place: place, when: when))
                }
            }
            if details.locations.count > 6 {
                reader.problem(root.line, "locations", "\(details.locations.count) locations do not fit on the letter; give at most 6")
            }
        }
        reader.reportUnknownKeys()
        guard reader.problems.isEmpty else {
            throw InputError(reader.problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return details
    }
}
