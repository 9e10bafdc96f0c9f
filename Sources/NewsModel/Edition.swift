/// A calendar date of an edition (no time of day, no time zone: the paper's day).
public struct EditionDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Four-digit year.
    public var year: Int
    /// Month, 1 to 12.
    public var month: Int
    /// Day of the month, 1 to 31.
    public var day: Int

    /// The years a date may have: a newspaper's editions, with room on both sides.
    public static let years = 1900...2999

    /// Creates a date; returns `nil` for a date that does not exist on the calendar (or whose year
    /// is outside `years`).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year), (1...12).contains(month), day >= 1,
              day <= EditionDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        // Exactly `DDDD-DD-DD` in ASCII digits, read from the UTF-8 bytes.
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        // Ten digits and dashes written into a small string at once (a build asks for the ISO
        // form of a story's date on several pages of it); any other date by interpolation.
        guard (1000...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { bytes in
            func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value % 10) }
            (bytes[0], bytes[1], bytes[2], bytes[3]) = (digit(year / 1000), digit(year / 100), digit(year / 10), digit(year))
            (bytes[4], bytes[5], bytes[6]) = (UInt8(ascii: "-"), digit(month / 10), digit(month))
            (bytes[7], bytes[8], bytes[9]) = (UInt8(ascii: "-"), digit(day / 10), digit(day))
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// `YYYY年M月D日`, as the paper prints it.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// The ISO form.
    public var description: String { iso }

    /// Day of the week, 0 for Sunday to 6 for Saturday (Sakamoto's method).
    public var weekday: Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }

    /// Midnight of the paper's day in China Standard Time: `2021-11-22T00:00:00+08:00`.
    public var timestamp: String { iso + "T00:00:00+08:00" }

    /// The same moment as RFC 822 wants it for RSS: `Mon, 22 Nov 2021 00:00:00 +0800`.
    public var rfc822: String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[weekday]), \(day < 10 ? "0" : "")\(day) \(months[month - 1]) \(year) 00:00:00 +0800"
    }

    /// `YYYY年M月`.
    public var chineseMonth: String { "\(year)年\(month)月" }

    /// The date `days` days earlier.
    public func adding(days: Int) -> EditionDate {
        var date = self
        var remaining = days
        while remaining < 0 {
            if date.day > 1 { date.day -= 1 } else {
                if date.month > 1 { date.month -= 1 } else { date.month = 12; date.year -= 1 }
                date.day = EditionDate.daysIn(month: date.month, year: date.year)
            }
            remaining += 1
        }
        while remaining > 0 {
            if date.day < EditionDate.daysIn(month: date.month, year: date.year) { date.day += 1 } else {
                date.day = 1
                if date.month < 12 { date.month += 1 } else { date.month = 1; date.year += 1 }
            }
            remaining -= 1
        }
        return date
    }

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
