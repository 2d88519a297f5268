/// The language a page is written in: every page of a site is written twice, in Dutch (`index.html`, the default)
/// and in English (`index.en.html`), each with a link to the other, so a reader sees one language at a time.
///
/// The language being written is a task-local value rather than a parameter of every function, because every
/// label of every section asks for it; a task-local is safe under strict concurrency and cannot leak from one page
/// to the next, as a global would.
enum SiteLanguage: String, Sendable, CaseIterable {
    case dutch = "nl"
    case english = "en"

    /// The language of the page being written (Dutch unless a page is written inside ``write(_:)``).
    @TaskLocal static var current: SiteLanguage = .dutch

    /// Runs `body` writing in this language.
    func write<T>(_ body: () throws -> T) rethrows -> T {
        try Self.$current.withValue(self, operation: body)
    }

    /// The text in this language.
    func pick(_ dutch: String, _ english: String) -> String {
        self == .dutch ? dutch : english
    }

    /// The text in the language of the page being written.
    static func text(_ dutch: String, _ english: String) -> String {
        current.pick(dutch, english)
    }

    /// The other language, which the switch on every page links to.
    var other: SiteLanguage { self == .dutch ? .english : .dutch }

    /// The name of the page `dutchName` (`index.html`) in this language: `index.html` or `index.en.html`.
    func fileName(_ dutchName: String) -> String {
        guard self == .english, dutchName.hasSuffix(".html") else { return dutchName }
        return String(dutchName.dropLast(".html".count)) + ".en.html"
    }

    /// The switch's label, in its own language (`English`, `Nederlands`).
    var name: String { self == .dutch ? "Nederlands" : "English" }
}
