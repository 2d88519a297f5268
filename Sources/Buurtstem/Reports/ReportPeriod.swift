/// The period of a year view: whole days in the Netherlands, from and to inclusive.
package struct ReportPeriod: Sendable, Codable, Equatable {
    /// The first day, `YYYY-MM-DD`.
    package let from: String
    /// The last day, `YYYY-MM-DD`.
    package let to: String

    /// The calendar year `year`.
    package static func year(_ year: Int) throws -> ReportPeriod {
        guard (2000...2099).contains(year) else {
            throw BuurtstemError(.badInput, "the year \(year) is out of range: give a year from 2000 to 2099, e.g. 2026")
        }
        return ReportPeriod(from: "\(year)-01-01", to: "\(year)-12-31")
    }

    /// The days `from` through `to`; checked.
    package static func days(from: String, to: String) throws -> ReportPeriod {
        let first = try ChequeCalendar.day(from, what: "the first day"), last = try ChequeCalendar.day(to, what: "the last day")
        guard first <= last else {
            throw BuurtstemError(.badInput, "the first day \(first) is after the last day \(last): the period must start before it ends")
        }
        return ReportPeriod(from: first, to: last)
    }

    private init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// Whether the instant `millis` falls in the period (Europe/Amsterdam days).
    func contains(millis: Int64) throws -> Bool {
        try millis >= ChequeCalendar.startMillis(of: from) && millis < ChequeCalendar.endMillis(of: to)
    }

    /// Whether the day `day` (`YYYY-MM-DD`) falls in the period.
    func contains(day: String) -> Bool {
        day >= from && day <= to
    }
}
