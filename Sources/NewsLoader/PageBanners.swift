import NewsModel

/// Campaign banners: headline-like lines whose opening words stand on several pages of a group
/// (a running campaign's slogan above the stories of many pages), not any one story's headline.
///
/// Each page is known by its keys, the openings of its headline-like lines; the banners are the
/// keys that several pages share. A page's keys depend on its text alone, so a later load counts
/// those of an unchanged page without reading it again.
enum PageBanners {
    /// Pages a headline line must recur on before it is treated as a campaign banner.
    static let recurrence = 2
    /// Characters of a line's comparable form (no spaces or punctuation) that make its key.
    static let keyLength = 8

    /// The keys of `page`'s headline-like lines that are not column labels, sorted. A jump head
    /// (the line over `（上接第1版）`) is left out: it repeats the headline of the story's first
    /// part on another page, and is no banner for that.
    static func keys(of page: String, conventions: PageConventions) -> [String] {
        var keys = Set<String>()
        let blocks = PageBlock.blocks(of: page)
        for (index, block) in blocks.enumerated() where block.isHeadlineLike && !conventions.isColumnLabel(block.text) {
            if index + 1 < blocks.count, let jump = CreditLine.jumpNote(blocks[index + 1].text), !jump.goesOn { continue }
            let key = String(ChineseText.comparable(block.text).prefix(keyLength))
            if key.count == keyLength { keys.insert(key) }
        }
        return keys.sorted()
    }

    /// The keys that at least `recurrence` of the pages whose keys are `pages` have, sorted.
    static func recurring<Pages: Sequence<[String]>>(in pages: Pages) -> [String] {
        var pagesByKey: [String: Int] = [:]
        for keys in pages {
            for key in keys { pagesByKey[key, default: 0] += 1 }
        }
        return pagesByKey.filter { $0.value >= recurrence }.keys.sorted()
    }
}
