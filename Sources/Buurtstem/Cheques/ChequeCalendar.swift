import Foundation

/// Calendar days as the gemeente writes them (`2026-06-30`), and the instants they begin and end at.
///
/// A cheque "valid until 30 June" is valid through that whole day in the Netherlands, so days are read in
/// Europe/Amsterdam time; the record carries the resulting instants in milliseconds, so a verifier needs no
/// time-zone database.
public enum ChequeCalendar {
    private static let dutchMonths = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                                      "september", "oktober", "november", "december"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]

    /// The gemeente's calendar: Gregorian in Europe/Amsterdam.
    static func calendar() throws -> Calendar {
        guard let zone = TimeZone(identifier: "Europe/Amsterdam") else {
            throw BuurtstemError(.notFound, "the time zone Europe/Amsterdam is not known on this system: install the tzdata package")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// Checks that `text` is a real day written `YYYY-MM-DD` and returns it; `what` names the input in errors.
    public static func day(_ text: String, what: String) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (2000...2099).contains(year), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else {
            throw BuurtstemError(.badInput, "\(what) '\(text)' is not a day: write it as YYYY-MM-DD, e.g. 2026-06-30")
        }
        return text
    }

    /// The first millisecond of `day` (a checked `YYYY-MM-DD`) in the Netherlands.
    public static func startMillis(of day: String) throws -> Int64 {
        let (year, month, dayOfMonth) = components(day)
        return millis(try startDate(year: year, month: month, day: dayOfMonth))
    }

    /// The first millisecond after `day` in the Netherlands: the day is over from then on.
    public static func endMillis(of day: String) throws -> Int64 {
        let (year, month, dayOfMonth) = components(day)
        let start = try startDate(year: year, month: month, day: dayOfMonth)
        guard let next = try calendar().date(byAdding: .day, value: 1, to: start) else {
            throw BuurtstemError(.badInput, "cannot compute the day after \(day)")
        }
        return millis(next)
    }

    /// "30 juni 2026".
    public static func dutch(_ day: String) -> String {
        let (year, month, dayOfMonth) = components(day)
        return "\(dayOfMonth) \(dutchMonths[month - 1]) \(year)"
    }

    /// "30 June 2026".
    public static func english(_ day: String) -> String {
        let (year, month, dayOfMonth) = components(day)
        return "\(dayOfMonth) \(englishMonths[month - 1]) \(year)"
    }

    /// Milliseconds since 1970-01-01T00:00:00Z, rounded down: how the record writes time.
    public static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// An instant in milliseconds as ISO 8601 UTC, for messages.
    public static func text(millis: Int64) -> String {
        Date(timeIntervalSince1970: Double(millis) / 1000).formatted(.iso8601)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    private static func components(_ day: String) -> (Int, Int, Int) {
        let parts = day.split(separator: "-").map { Int($0) ?? 1 }
        return (parts[0], parts[1], parts[2])
    }

    private static func startDate(year: Int, month: Int, day: Int) throws -> Date {
        let cal = try calendar()
        guard let date = cal.date(from: DateComponents(year: year, month: month, day: day)) else {
            throw BuurtstemError(.badInput, "\(year)-\(month)-\(day) is not a day in the calendar")
        }
        return date
    }
}
