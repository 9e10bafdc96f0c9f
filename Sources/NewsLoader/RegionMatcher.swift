import NewsModel

/// Finds the places a story is about by weighing the gazetteer's names in its headline and body.
///
/// Weights: a headline mention counts three times a body mention; a full name (`天台县`) counts twice
/// a bare short name (`天台`). A bare name that is also an ordinary word, or that two places share
/// (普陀), counts only when its parent city is named in the same story or when 总工会/工会 follows it.
/// A full name two places share (普陀区, 鼓楼区) counts only for the one whose city the story names,
/// or, named alone, for the one in the home province when only one of them is there. A short name
/// that begins another place's name (淮安 in 淮安市, 连云 in 连云港) is no mention of its own there.
/// Counties add to their city, cities to their province; a place is kept when it holds at least half
/// the weight of the strongest place at its level.
public struct RegionMatcher: Sendable {
    let gazetteer: Gazetteer
    let taxonomy: Taxonomy
    /// Full names, short names, `short+总工会`, `short+工会` of every place, then the province-wide
    /// words, then what each place's short name begins when it names no place (`featureSuffixes`).
    private let counter: PhraseCounter
    private let provinceWideStart: Int
    private let featureStart: Int
    private let placeIndex: [String: Int]
    /// For each place, in the gazetteer's order: whether its short name is its full name, whether
    /// its full name begins with its short name, and whether a bare short name needs confirming
    /// (a county's that is also a word or that another place shares, a city's that is also a word)
    /// — worked out once, not for each story.
    private let shortIsFull: [Bool]
    private let fullBeginsWithShort: [Bool]
    private let confirmationNeeded: [Bool]
    /// For each place whose full name another place shares: whether it counts when the story names
    /// none of their cities (it alone of them lies in the home province); `nil` for a name of one place.
    private let sharedFullNameDefault: [Bool?]
    /// For each place, the other places (by position) of its full name.
    private let fullNameSharers: [[Int]]
    /// For each place, the phrases (by number) of other places' names that begin with its short name,
    /// none of them beginning another (连云港 for 连云区, not 连云港市 as well): a mention of one is
    /// not a mention of its short name.
    private let namesHoldingShort: [[Int]]

    /// What follows a short name where it names an island, a road or a street, not the place
    /// (`长兴岛`, `安吉路`, `丽水街`).
    static let featureSuffixes = ["岛", "路", "街", "大街", "大道", "巷", "弄"]
    /// How many phrases `featureSuffixes` give each place.
    private static var featuresPerPlace: Int { featureSuffixes.count }

    /// Smallest weight that makes a place a story's region.
    static let minimumScore = 2
    static let headlineWeight = 3
    static let fullNameWeight = 2

    /// Creates a matcher.
    public init(gazetteer: Gazetteer, taxonomy: Taxonomy) {
        self.gazetteer = gazetteer
        self.taxonomy = taxonomy
        var counts: [String: Int] = [:]
        for place in gazetteer.places { counts[place.short, default: 0] += 1 }
        // Short names two places share (普陀).
        let sharedShortNames = Set(counts.filter { $0.value > 1 }.keys)
        var phrases: [String] = []
        for place in gazetteer.places { phrases += [place.name, place.short, place.short + "总工会", place.short + "工会"] }
        provinceWideStart = phrases.count
        phrases += taxonomy.provinceWideWords
        featureStart = phrases.count
        for place in gazetteer.places {
            phrases += Self.featureSuffixes.map { place.short + $0 }
        }
        counter = PhraseCounter(phrases)
        placeIndex = Dictionary(gazetteer.places.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        shortIsFull = gazetteer.places.map { $0.short == $0.name }
        fullBeginsWithShort = gazetteer.places.map { $0.name.hasPrefix($0.short) }
        let words = taxonomy.placeNamesThatAreWords
        confirmationNeeded = gazetteer.places.map { place in
            place.level == .county && (words.contains(place.short) || sharedShortNames.contains(place.short))
                || place.level == .city && words.contains(place.short)
        }
        let homeCode = gazetteer.places(named: taxonomy.homeProvince).first?.code
        let positions = Dictionary(grouping: gazetteer.places.indices) { gazetteer.places[$0].name }
        fullNameSharers = gazetteer.places.indices.map { index in (positions[gazetteer.places[index].name] ?? []).filter { $0 != index } }
        sharedFullNameDefault = gazetteer.places.map { place in
            let sharers = gazetteer.places(named: place.name)
            guard sharers.count > 1 else { return nil }
            func isHome(_ place: Gazetteer.Place) -> Bool { gazetteer.chain(of: place).contains { $0.code == homeCode } }
            return isHome(place) && sharers.filter(isHome).count == 1
        }
        // Phrases 4n and 4n + 1 are place n's full and short names; names are found by their first
        // character (a short name inside another name begins it: 淮安市, 连云港).
        let namesByFirst = Dictionary(grouping: gazetteer.places.indices.flatMap { [$0 * 4, $0 * 4 + 1] }) { phrases[$0].first }
        namesHoldingShort = gazetteer.places.enumerated().map { index, place in
            let holding = (namesByFirst[place.short.first] ?? []).filter { phrase in
                // Not the full name another place shares (the other 普陀区): that is its own name.
                phrase / 4 != index && phrases[phrase] != place.short && phrases[phrase] != place.name && phrases[phrase].hasPrefix(place.short)
            }
            return holding.filter { phrase in !holding.contains { $0 != phrase && phrases[phrase].hasPrefix(phrases[$0]) } }
        }
    }

    /// Counts of every phrase in one text, read by place.
    private struct Mentions {
        let counts: [Int]
        func full(_ index: Int) -> Int { counts[index * 4] }
        func short(_ index: Int) -> Int { counts[index * 4 + 1] }
        func withUnion(_ index: Int) -> Int { counts[index * 4 + 2] + counts[index * 4 + 3] }
    }

    /// The regions of a story, most specific first.
    public func regions(headline: String, body: String) -> [Region] {
        let inHeadline = Mentions(counts: counter.counts(in: headline))
        let inBody = Mentions(counts: counter.counts(in: body))
        let places = gazetteer.places
        var scores: [String: Int] = [:]
        var headlineScores: [String: Int] = [:]
        for index in places.indices {
            // A place named nowhere in the story weighs nothing (read before the place is copied out).
            guard inHeadline.full(index) | inHeadline.short(index) | inBody.full(index) | inBody.short(index) != 0 else { continue }
            let place = places[index]
            let headlineScore = weigh(index, place, inHeadline, inHeadline, inBody)
            let score = headlineScore * Self.headlineWeight + weigh(index, place, inBody, inHeadline, inBody)
            if score > 0 { scores[place.code] = score }
            if headlineScore > 0 { headlineScores[place.code] = headlineScore }
        }
        let provinceWideInHeadline = isProvinceWide(inHeadline)
        if provinceWideInHeadline, !places.contains(where: { $0.level != .province && headlineScores[$0.code] != nil }),
           let home = gazetteer.places(named: taxonomy.homeProvince).first {
            return [gazetteer.region(home)]
        }
        var rolled = scores
        for place in places where place.level == .county {
            if let parent = place.parentCode, let score = scores[place.code] { rolled[parent, default: 0] += score }
        }
        // A short story may name its place once; take it when no other place is named as often.
        let threshold: Int
        let topCities = places.filter { $0.level == .city }.map { rolled[$0.code] ?? 0 }.sorted(by: >)
        if let best = topCities.first, best > 0, best < Self.minimumScore, topCities.dropFirst().first != best {
            threshold = best
        } else {
            threshold = Self.minimumScore
        }
        func rolledScore(_ place: Gazetteer.Place) -> Int { rolled[place.code] ?? 0 }
        func ownScore(_ place: Gazetteer.Place) -> Int { scores[place.code] ?? 0 }
        let cities = places.filter { $0.level == .city && rolledScore($0) >= threshold }
        let bestCity = cities.map(rolledScore).max() ?? 0
        let chosenCities = cities.filter { rolledScore($0) * 2 >= bestCity }
            .sorted { (rolledScore($0), $1.code) > (rolledScore($1), $0.code) }
        var chosenCounties: [Gazetteer.Place] = []
        for city in chosenCities {
            let counties = places.filter { $0.parentCode == city.code && ownScore($0) >= threshold }
            let bestCounty = counties.map(ownScore).max() ?? 0
            // A headline that names the city and none of its counties is about the city: a county
            // then has to outweigh the city itself to be listed before it.
            let cityLeads = headlineScores[city.code] != nil
            chosenCounties += counties.filter { county in
                ownScore(county) * 2 >= bestCounty
                    && (!cityLeads || headlineScores[county.code] != nil || ownScore(county) >= ownScore(city))
            }.sorted { (ownScore($0), $1.code) > (ownScore($1), $0.code) }
        }
        var provinces: [Gazetteer.Place] = []
        for city in chosenCities {
            if let province = gazetteer.parent(of: city), !provinces.contains(province) { provinces.append(province) }
        }
        if chosenCities.isEmpty, provinceWideInHeadline || isProvinceWide(inBody),
           let home = gazetteer.places(named: taxonomy.homeProvince).first {
            provinces.append(home)
        }
        return (chosenCounties + chosenCities + provinces).map(gazetteer.region)
    }

    /// Regions named explicitly by an editor (front matter, sidecar), with their parents; names the
    /// gazetteer does not know are returned in `unknown`.
    ///
    /// A name two places share (普陀区) is the one whose city or province is named beside it; named
    /// alone, the home province's when only one of them lies there. A place may also be named with
    /// its city before it (`舟山市普陀区`) or by its address's slug (`putuo-zhoushan`).
    public func regions(named names: [String]) -> (regions: [Region], unknown: [String]) {
        func resolve(_ name: String) -> Gazetteer.Place? {
            let candidates = gazetteer.places(named: name)
            guard candidates.count > 1 else {
                return candidates.first ?? gazetteer.places.first { $0.slug == name } ?? withCityBefore(name)
            }
            // Most stories name no place two places share: the others' names are looked at only here.
            func isNamed(_ place: Gazetteer.Place) -> Bool { names.contains(place.name) || names.contains(place.short) }
            if let beside = candidates.first(where: { gazetteer.chain(of: $0).dropFirst().contains(where: isNamed) }) { return beside }
            let homeCode = gazetteer.places(named: taxonomy.homeProvince).first?.code
            let home = candidates.filter { gazetteer.chain(of: $0).contains { $0.code == homeCode } }
            return home.count == 1 ? home[0] : candidates.first
        }
        /// `舟山市普陀区`: a place under the city (or province) its name begins with.
        func withCityBefore(_ name: String) -> Gazetteer.Place? {
            for city in gazetteer.places where city.level != .county && name.hasPrefix(city.name) && name.count > city.name.count {
                let rest = String(name.dropFirst(city.name.count))
                if let place = gazetteer.places(named: rest).first(where: { gazetteer.chain(of: $0).dropFirst().contains(city) }) { return place }
            }
            return nil
        }
        var places: [Gazetteer.Place] = []
        var unknown: [String] = []
        for name in names {
            guard let place = resolve(name) else { unknown.append(name); continue }
            places.append(place)
        }
        var chain: [Gazetteer.Place] = []
        let chains = places.flatMap(gazetteer.chain)
        for level in [Region.Level.county, .city, .province] {
            for place in chains where place.level == level && !chain.contains(place) {
                chain.append(place)
            }
        }
        return (chain.map(gazetteer.region), unknown)
    }

    private func isProvinceWide(_ mentions: Mentions) -> Bool {
        mentions.counts[provinceWideStart..<featureStart].contains { $0 > 0 }
    }

    /// The weight of `place`'s mentions in one text (`mentions`), with the story's headline and body
    /// mentions at hand to confirm a bare name that needs its city beside it.
    private func weigh(_ index: Int, _ place: Gazetteer.Place, _ mentions: Mentions, _ headline: Mentions, _ body: Mentions) -> Int {
        var (full, short) = (mentions.full(index), mentions.short(index))
        // Most places are not named in a story at all.
        guard full > 0 || short > 0 else { return 0 }
        // A name two places share counts for the one whose city the story names; for the home
        // province's one only when neither city is named.
        if full > 0, let countsAlone = sharedFullNameDefault[index], !parentIsNamed(place, headline, body),
           !countsAlone || fullNameSharers[index].contains(where: { parentIsNamed(gazetteer.places[$0], headline, body) }) {
            full = 0
        }
        guard !shortIsFull[index] else { return full * Self.fullNameWeight }
        var bare = short - (fullBeginsWithShort[index] ? mentions.full(index) : 0)
        for phrase in namesHoldingShort[index] { bare -= mentions.counts[phrase] }
        let features = featureStart + index * Self.featuresPerPlace
        for phrase in features..<(features + Self.featuresPerPlace) { bare -= mentions.counts[phrase] }
        if bare > 0, confirmationNeeded[index] {
            bare = parentIsNamed(place, headline, body) ? bare : mentions.withUnion(index)
        }
        return full * Self.fullNameWeight + max(0, bare)
    }

    private func parentIsNamed(_ place: Gazetteer.Place, _ headline: Mentions, _ body: Mentions) -> Bool {
        guard let parentCode = place.parentCode, let parentIndex = placeIndex[parentCode] else { return false }
        return headline.short(parentIndex) + body.short(parentIndex) + headline.full(parentIndex) + body.full(parentIndex) > 0
    }
}
