import Foundation
import NewsModel

/// Finds the places a story is about by weighing the gazetteer's names in its headline and body.
///
/// Weights: a headline mention counts three times a body mention; a full name (`天台县`) counts twice
/// a bare short name (`天台`). A bare name that is also an ordinary word, or that two places share
/// (普陀), counts only when its parent city is named in the same story or when 总工会/工会 follows it.
/// Counties add to their city, cities to their province; a place is kept when it holds at least half
/// the weight of the strongest place at its level.
public struct RegionMatcher: Sendable {
    let gazetteer: Gazetteer
    let taxonomy: Taxonomy
    private let sharedShortNames: Set<String>

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
        sharedShortNames = Set(counts.filter { $0.value > 1 }.keys)
    }

    /// The regions of a story, most specific first.
    public func regions(headline: String, body: String) -> [Region] {
        var scores: [String: Int] = [:]
        for place in gazetteer.places {
            let score = self.score(place, headline: headline, body: body)
            if score > 0 { scores[place.code] = score }
        }
        var rolled = scores
        for place in gazetteer.places.reversed() where place.level == .county {
            if let parent = place.parentCode, let score = scores[place.code] { rolled[parent, default: 0] += score }
        }
        if isProvinceWide(headline), !gazetteer.places.contains(where: { $0.level != .province && score($0, headline: headline, body: "") > 0 }),
           let home = gazetteer.places(named: taxonomy.homeProvince).first {
            return [gazetteer.region(home)]
        }
        // A short story may name its place once; take it when no other place is named as often.
        let threshold: Int
        let topCities = gazetteer.places.filter { $0.level == .city }.map { rolled[$0.code] ?? 0 }.sorted(by: >)
        if let best = topCities.first, best > 0, best < Self.minimumScore, topCities.dropFirst().first != best {
            threshold = best
        } else {
            threshold = Self.minimumScore
        }
        var chosen: [Gazetteer.Place] = []
        let cities = gazetteer.places.filter { $0.level == .city && (rolled[$0.code] ?? 0) >= threshold }
        let bestCity = cities.map { rolled[$0.code] ?? 0 }.max() ?? 0
        for city in cities.sorted(by: { (rolled[$0.code] ?? 0, $1.code) > (rolled[$1.code] ?? 0, $0.code) })
        where (rolled[city.code] ?? 0) * 2 >= bestCity {
            let counties = gazetteer.places.filter { $0.parentCode == city.code && (scores[$0.code] ?? 0) >= threshold }
            let bestCounty = counties.map { scores[$0.code] ?? 0 }.max() ?? 0
            chosen += counties.filter { (scores[$0.code] ?? 0) * 2 >= bestCounty }
                .sorted { (scores[$0.code] ?? 0, $1.code) > (scores[$1.code] ?? 0, $0.code) }
        }
        let chosenCities = cities.filter { (rolled[$0.code] ?? 0) * 2 >= bestCity }
            .sorted { (rolled[$0.code] ?? 0, $1.code) > (rolled[$1.code] ?? 0, $0.code) }
        var regions = chosen.map(gazetteer.region) + chosenCities.map(gazetteer.region)
        var provinces: [Gazetteer.Place] = []
        for city in chosenCities { if let province = gazetteer.parent(of: city), !provinces.contains(province) { provinces.append(province) } }
        if chosenCities.isEmpty, isProvinceWide(headline) || isProvinceWide(body),
           let home = gazetteer.places(named: taxonomy.homeProvince).first {
            provinces.append(home)
        }
        regions += provinces.map(gazetteer.region)
        return regions
    }

    /// Regions named explicitly by an editor (front matter, sidecar), with their parents; names the
    /// gazetteer does not know are returned in `unknown`.
    public func regions(named names: [String]) -> (regions: [Region], unknown: [String]) {
        var places: [Gazetteer.Place] = []
        var unknown: [String] = []
        for name in names {
            guard let place = gazetteer.places(named: name).first else { unknown.append(name); continue }
            places.append(place)
        }
        var chain: [Gazetteer.Place] = []
        for level in [Region.Level.county, .city, .province] {
            for place in places.flatMap(gazetteer.chain) where place.level == level && !chain.contains(place) {
                chain.append(place)
            }
        }
        return (chain.map(gazetteer.region), unknown)
    }

    private func isProvinceWide(_ text: String) -> Bool {
        taxonomy.provinceWideWords.contains { text.contains($0) }
    }

    private func score(_ place: Gazetteer.Place, headline: String, body: String) -> Int {
        func weigh(_ text: String) -> Int {
            let full = text.occurrences(of: place.name)
            guard place.short != place.name else { return full * Self.fullNameWeight }
            var bare = text.occurrences(of: place.short) - (place.name.hasPrefix(place.short) ? full : 0)
            if bare > 0, needsConfirmation(place) {
                let confirmed = parentIsNamed(place, in: headline + body)
                bare = confirmed ? bare : text.occurrences(of: place.short + "总工会") + text.occurrences(of: place.short + "工会")
            }
            return full * Self.fullNameWeight + bare
        }
        return weigh(headline) * Self.headlineWeight + weigh(body)
    }

    private func needsConfirmation(_ place: Gazetteer.Place) -> Bool {
        place.level == .county && (taxonomy.placeNamesThatAreWords.contains(place.short) || sharedShortNames.contains(place.short))
            || place.level == .city && taxonomy.placeNamesThatAreWords.contains(place.short)
    }

    private func parentIsNamed(_ place: Gazetteer.Place, in text: String) -> Bool {
        guard let parent = gazetteer.parent(of: place) else { return false }
        return text.contains(parent.short)
    }
}

extension String {
    /// Non-overlapping occurrences of `needle`.
    func occurrences(of needle: String) -> Int {
        guard !needle.isEmpty else { return 0 }
        var count = 0
        var searchRange = startIndex..<endIndex
        while let found = range(of: needle, range: searchRange) {
            count += 1
            searchRange = found.upperBound..<endIndex
        }
        return count
    }
}
