/// A calendar date of an edition (no time of day, no time zone: the paper's day).
public struct EditionDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Four-digit year.
    public var year: Int
    /// Month, 1 to 12.
    public var month: Int
    /// Day of the month, 1 to 31.
    public var day: Int

    /// Creates a date; returns `nil` for a date that does not exist on the calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month), day >= 1,
              day <= EditionDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]),
              let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// `YYYY年M月D日`, as the paper prints it.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// The ISO form.
    public var description: String { iso }

    /// Orders dates on the calendar.
    public static func < (lhs: EditionDate, rhs: EditionDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// The printed edition a page belongs to.
public struct Edition: Sendable, Hashable {
    /// The newspaper's name, e.g. `浙江工人日报`.
    public var newspaper: String?
    /// The running issue number (总第N号).
    public var number: Int?
    /// The page (版) within the issue, when known.
    public var page: Int?

    /// Creates an edition.
    public init(newspaper: String? = nil, number: Int? = nil, page: Int? = nil) {
        self.newspaper = newspaper
        self.number = number
        self.page = page
    }
}
