@testable import SiteBuilder
import Testing

@Suite("the table of values by slug")
struct SlugTableTests {
    @Test("each slug finds its own value, through the table's growth; others find none")
    func valuesBySlug() {
        var table = SlugTable<Int>()
        // Enough slugs to double the table several times; some share long beginnings, one is empty.
        let slugs = [""] + (0..<500).map { "region-\($0)" } + (0..<50).map { "zhe-jiang-sheng-hang-zhou-shi-\($0)" }
        for (number, slug) in slugs.enumerated() {
            #expect(table.value(of: slug) == nil, "\(slug) is not in the table before it is added")
            table.add(slug, number)
        }
        #expect(table.count == slugs.count)
        for (number, slug) in slugs.enumerated() {
            // The same text in another string's storage.
            let copy = String(decoding: Array(slug.utf8), as: UTF8.self)
            #expect(table.value(of: slug) == number && table.value(of: copy) == number, "\(slug)")
        }
        for missing in ["region-500", "region-", "region-01", "Region-1", "杭州"] {
            #expect(table.value(of: missing) == nil, "\(missing)")
        }
        #expect(table.entries.map(\.0) == slugs, "entries in the order the slugs were added")
        #expect(table.entries.map(\.1) == Array(slugs.indices))
    }
}
