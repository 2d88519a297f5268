import BuurtstemRecord

/// The published rule and ballot type in plain Dutch and English.
enum RuleText {
    /// The rule's name in words, for a heading ("Meeste stemmen eerst"), never its code ("greedy").
    static func name(_ rule: AllocationRule) -> (dutch: String, english: String) {
        switch rule {
        case .greedy: ("Meeste stemmen eerst", "Most votes first")
        case .greedyNoSkip: ("Meeste stemmen eerst, zonder overslaan", "Most votes first, without skipping")
        case .greedyPerEuro: ("Meeste stemmen per euro eerst", "Most votes per euro first")
        case .mes: ("Methode van gelijke delen", "Method of Equal Shares")
        case .phragmen: ("Sequentiële Phragmén-methode", "Sequential Phragmén")
        }
    }

    /// How ballots became funded projects.
    static func rule(_ spec: AllocationSpec) -> (dutch: String, english: String) {
        let base: (String, String) = switch spec.rule {
        case .greedy: (
            "Meeste stemmen eerst: de projecten zijn op volgorde van het aantal stemmen gefinancierd; paste een project niet meer in wat er over was, dan is het overgeslagen en kwam het volgende aan de beurt.",
            "Most votes first: projects were funded in order of their votes; a project that no longer fitted in what was left was skipped and the next one was tried.")
        case .greedyNoSkip: (
            "Meeste stemmen eerst, zonder overslaan: de projecten zijn op volgorde van stemmen gefinancierd tot het eerste project dat niet meer paste.",
            "Most votes first, without skipping: projects were funded in order of their votes up to the first one that did not fit.")
        case .greedyPerEuro: (
            "Meeste stemmen per euro eerst: de projecten zijn gefinancierd op volgorde van stemmen gedeeld door de kosten.",
            "Most votes per euro first: projects were funded in order of votes divided by cost.")
        case .mes: (
            "Methode van gelijke delen: iedere kiezer kreeg een gelijk deel van het budget; een project is gefinancierd als de kiezers die het steunden het samen konden betalen, het goedkoopste per kiezer eerst.",
            "Method of Equal Shares: every voter got an equal share of the budget; a project was funded when its supporters could pay for it together, the cheapest per supporter first.")
        case .phragmen: (
            "Sequentiële Phragmén-methode: projecten zijn één voor één toegevoegd, steeds het project waarbij de last voor de steunende kiezers het laagst bleef.",
            "Sequential Phragmén: projects were added one by one, each time the one that kept its supporters' load lowest.")
        }
        let tie: (String, String) = spec.tieBreak == .costVotes
            ? ("Bij gelijke stand: eerst de laagste kosten, dan de meeste stemmen, dan een openbare loting waarvan het zaad pas na het sluiten van de stembus vastlag.",
               "At a tie: lowest cost first, then most votes, then a public lot whose seed was fixed only after the polls closed.")
            : ("Bij gelijke stand: de laagste projectcode eerst.", "At a tie: the lowest project id first.")
        return (base.0 + " " + tie.0, base.1 + " " + tie.1)
    }

    /// How a ballot was filled in.
    static func ballot(_ type: BallotType) -> (dutch: String, english: String) {
        switch type {
        case .chooseOne: ("Kies één project.", "Choose one project.")
        case let .approval(min, max): ("Kies \(min) tot \(max) projecten.", "Choose \(min) to \(max) projects.")
        case .knapsack: ("Kies projecten die samen binnen het budget passen.", "Choose projects that fit in the budget together.")
        case let .cumulative(points, _): ("Verdeel \(points) punten over de projecten.", "Spread \(points) points over the projects.")
        case let .ranking(max): ("Zet tot \(max) projecten op volgorde.", "Rank up to \(max) projects.")
        }
    }
}
