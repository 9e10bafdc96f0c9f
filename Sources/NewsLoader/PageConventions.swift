/// What a paper's pages conventionally print above stories: column labels and campaign banners.
///
/// These are editorial data (they change with the paper's campaigns), kept in the taxonomy file, not
/// in code.
struct PageConventions: Sendable {
    // Regex values are immutable once built; they are built once here, not on every call
    // (a regex literal inside a function is compiled again each time it is evaluated).
    nonisolated(unsafe) private static let columnLabelPattern = #/[“"「][^”"」]{1,6}[”"」][\p{Han}]{1,4}/#
    nonisolated(unsafe) private static let quotedBannerPattern = #/[“"「][^”"」]{4,30}[”"」]/#

    /// Column labels (栏目) such as `“产改”进行时`.
    var columnLabels: [String] { didSet { columnLabelKeys = Set(columnLabels.map(ChineseText.comparable)) } }
    /// Campaign banners, matched on their opening words after punctuation is removed.
    var bannerOpenings: [String] { didSet { bannerKeys = Self.keys(of: bannerOpenings) } }
    /// Place names (full and short) from the gazetteer, to tell a factual headline line from a thematic one.
    var placeNames: Set<String> = []
    /// Short place names that are also words (`江山`, `路桥`), from the taxonomy: no headline is
    /// taken to open with a place for one of these.
    var placeNamesThatAreWords: Set<String> = []
    /// For each place's name (full and short), the names of the places above it (`海曙` → `宁波`,
    /// `宁波市`, `浙江`, `浙江省`), from the gazetteer.
    var namesAbove: [String: Set<String>] = [:]
    /// Words that name the whole province in a headline (`全省`), from the taxonomy.
    var provinceWideWords: [String] = []

    /// Whether `place` lies in `other` or is it (`海曙` in `宁波`; `北仑` in `北仑`): a round-up under
    /// `other` has a section for it, rather than a brief of its own.
    func lies(_ place: String, in other: String) -> Bool {
        place == other || namesAbove[place]?.contains(other) == true
    }

    /// The column labels without spaces and punctuation, made once rather than for every line read.
    private var columnLabelKeys: Set<String>
    /// The banner openings without spaces and punctuation, made once rather than for every line read.
    private var bannerKeys: [String]

    /// Creates conventions with the given column labels and banner openings.
    init(columnLabels: [String], bannerOpenings: [String]) {
        self.columnLabels = columnLabels
        self.bannerOpenings = bannerOpenings
        columnLabelKeys = Set(columnLabels.map(ChineseText.comparable))
        bannerKeys = Self.keys(of: bannerOpenings)
    }

    /// The distinct comparable forms of `openings`, in their first order.
    private static func keys(of openings: [String]) -> [String] {
        var seen = Set<String>()
        return openings.map(ChineseText.comparable).filter { seen.insert($0).inserted }
    }

    /// Words naming an organisation: a headline line holding one reports who did what.
    static let organisationWords = ["工会", "集团", "公司", "银行", "局", "系统", "大队", "小镇", "园区", "协会", "委员会", "街道", "社区"]

    /// True when `line` is a known column label, or has the shape of one: a short quoted phrase with a
    /// few words after it (`“产改”进行时`), or a literary supplement's name (`潮声·副刊`).
    func isColumnLabel(_ line: String) -> Bool {
        if columnLabelKeys.contains(ChineseText.comparable(line)) { return true }
        // A literary supplement's name: `副刊`, `文艺副刊`, `钱江潮·副刊` (not a title that ends on
        // the word, `工人作家的诗登上副刊`).
        if line.hasSuffix("副刊"), line.count <= 4 || line.count <= 10 && (line.dropLast(2).hasSuffix("·") || line.dropLast(2).hasSuffix("・")),
           line.allSatisfy({ ChineseText.isHan($0) || $0 == "·" || $0 == "・" }) { return true }
        return line.count <= 10 && line.wholeMatch(of: Self.columnLabelPattern) != nil
    }

    /// True when `line` is a campaign banner: a known slogan, or, unless `lastOfHeadline`, a whole
    /// line in quotation marks. The last line of a headline in quotation marks is its title or
    /// subtitle (`“工会就是我们的娘家”` under `德清快递小哥集中入会`): a banner stands over a headline.
    func isBanner(_ line: String, lastOfHeadline: Bool = false) -> Bool {
        let key = ChineseText.comparable(line)
        if bannerKeys.contains(where: { key.hasPrefix($0) }) { return true }
        guard !lastOfHeadline, let first = line.first, "“\"「".contains(first), line.count <= 32 else { return false }
        return line.wholeMatch(of: Self.quotedBannerPattern) != nil
    }

    /// The place names (`placeNames`) that `line` holds, of two to four characters, in the order
    /// found; with `firstOnly`, the first alone.
    func places(namedIn line: String, firstOnly: Bool = false) -> [String] {
        let characters = Array(line)
        var found: [String] = []
        for length in 2...4 where characters.count >= length {
            for start in 0...(characters.count - length) {
                let name = String(characters[start..<start + length])
                guard placeNames.contains(name), !found.contains(name) else { continue }
                found.append(name)
                if firstOnly { return found }
            }
        }
        return found
    }

    /// The place names `line` opens with, one after another, longest first (`徐州贾汪 开展…` →
    /// `徐州`, `贾汪`), as a brief's headline opens with where it happened; none when the first is
    /// also a word (`江山如画`), unless `allowingWords` (a phrase set apart by a space: `金山 …`).
    func leadingPlaces(of line: String, allowingWords: Bool = false) -> [String] {
        let characters = Array(line.prefix(12))
        var found: [String] = []
        var start = 0
        while start < characters.count {
            let name = (2...4).reversed().lazy.filter { start + $0 <= characters.count }
                .map { String(characters[start..<start + $0]) }.first(where: placeNames.contains)
            guard let name else { break }
            if found.isEmpty, !allowingWords, placeNamesThatAreWords.contains(name) { return [] }
            found.append(name)
            start += name.count
        }
        return found
    }

    /// True when `line` names an actor — a place or an organisation — as a news line does
    /// (`湖州市总工会发布…`), rather than stating a theme (`未来五年将培养万名高级工`).
    func isFactual(_ line: String) -> Bool {
        Self.organisationWords.contains(where: { ChineseText.contains(line, $0) }) || !places(namedIn: line, firstOnly: true).isEmpty
    }
}
