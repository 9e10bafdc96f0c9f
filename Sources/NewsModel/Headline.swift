/// The parts of a printed headline.
///
/// Chinese newspapers stack up to four parts: a column label (栏目), a kicker (引题), the title
/// (主题) and a subtitle (副题). Only the title is required.
public struct Headline: Sendable, Hashable {
    /// The column label, such as `“产改”进行时`.
    public var column: String?
    /// The kicker printed above the title.
    public var kicker: String?
    /// The title.
    public var title: String
    /// The subtitle printed below the title.
    public var subtitle: String?

    /// Creates a headline.
    public init(column: String? = nil, kicker: String? = nil, title: String, subtitle: String? = nil) {
        self.column = column
        self.kicker = kicker
        self.title = title
        self.subtitle = subtitle
    }

    /// Every part that is present, top to bottom.
    public var parts: [String] { [column, kicker, title, subtitle].compactMap { $0 } }
}
