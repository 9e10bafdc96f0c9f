import Testing
import NewsModel

/// Edition dates come from mastheads, sidecars and front matter; the site sorts and prints them, and
/// `list --json` publishes them as `YYYY-MM-DD`, so a date that is not on the calendar must never get in.
@Suite("EditionDate")
struct EditionDateTests {
    @Test("days that exist on the calendar are accepted", arguments: [
        (2020, 2, 29), // leap year
        (2000, 2, 29), // divisible by 400: leap
        (2021, 2, 28),
        (2021, 1, 31), (2021, 3, 31), (2021, 4, 30), (2021, 12, 31),
        (1900, 1, 1), (2999, 12, 31),
    ])
    func acceptsRealDays(year: Int, month: Int, day: Int) throws {
        let date = try #require(EditionDate(year: year, month: month, day: day))
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
    }

    @Test("days that do not exist are rejected", arguments: [
        (2021, 2, 29), // not a leap year
        (1900, 2, 29), // divisible by 100 but not 400: not a leap year
        (2020, 2, 30),
        (2021, 4, 31), (2021, 6, 31), (2021, 9, 31), (2021, 11, 31),
        (2020, 13, 1), (2020, 0, 1),
        (2020, 1, 0), (2020, 1, 32), (2020, 1, -1),
    ])
    func rejectsImpossibleDays(year: Int, month: Int, day: Int) {
        #expect(EditionDate(year: year, month: month, day: day) == nil)
    }

    @Test("ISO text parses into its parts")
    func parsesISO() throws {
        let date = try #require(EditionDate(iso: "2021-11-22"))
        #expect(date == EditionDate(year: 2021, month: 11, day: 22))
        let leapDay = try #require(EditionDate(iso: "2020-02-29"))
        #expect((leapDay.year, leapDay.month, leapDay.day) == (2020, 2, 29))
    }

    @Test("malformed or impossible ISO text gives nil", arguments: [
        "", "2021", "2021-11", "2021-11-22-01", "2021/11/22", "2021.11.22", "21-11-22",
        "abcd-11-22", "2021-xx-22", "2021-11-", "-11-22", "2021--22",
        "2021-02-29", "2020-13-01", "2020-01-00", "2020-01-32",
        " 2021-11-22", "2021-11-22 ", "2021-11-22T08:00:00", "2021年11月22日",
        "２０２１-１１-２２", "2021-1-022", "+021-11-22", "2021-11-2٢",
    ])
    func rejectsBadISO(text: String) {
        #expect(EditionDate(iso: text) == nil)
    }

    @Test("ISO form is zero-padded and round-trips")
    func isoFormatting() throws {
        let date = try #require(EditionDate(year: 2021, month: 3, day: 5))
        #expect(date.iso == "2021-03-05")
        #expect(date.description == "2021-03-05")
        #expect(EditionDate(iso: date.iso) == date)
        #expect(try #require(EditionDate(year: 2021, month: 11, day: 22)).iso == "2021-11-22")
        // Every day of two years across a turn of the century: padded, and read back as itself.
        var day = try #require(EditionDate(year: 2000, month: 12, day: 31))
        for _ in 0..<731 {
            let padded = [day.year, day.month, day.day].map { String(repeating: "0", count: $0 < 10 ? 1 : 0) + String($0) }
            #expect(day.iso == padded.joined(separator: "-"))
            #expect(EditionDate(iso: day.iso) == day)
            day = day.adding(days: -1)
        }
    }

    @Test("Chinese form is printed as the paper does, without padding")
    func chineseFormatting() throws {
        #expect(try #require(EditionDate(year: 2021, month: 3, day: 5)).chinese == "2021年3月5日")
        #expect(try #require(EditionDate(year: 2021, month: 11, day: 22)).chinese == "2021年11月22日")
    }

    @Test("dates order on the calendar, across day, month and year boundaries")
    func ordering() throws {
        let isoDates = ["2021-01-01", "2020-12-31", "2021-02-01", "2021-01-31", "2019-06-15", "2021-01-02"]
        let dates = try isoDates.map { try #require(EditionDate(iso: $0)) }
        #expect(dates.sorted().map(\.iso) == ["2019-06-15", "2020-12-31", "2021-01-01", "2021-01-02", "2021-01-31", "2021-02-01"])

        let day = try #require(EditionDate(iso: "2021-05-09"))
        let sameDay = try #require(EditionDate(year: 2021, month: 5, day: 9))
        #expect(day == sameDay)
        #expect(!(day < sameDay))
        #expect(!(sameDay < day))
        #expect(Set([day, sameDay]).count == 1)
    }
}
