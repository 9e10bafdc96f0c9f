import NewsLoader
import NewsModel
import Templates

/// The reporters, correspondents and photographers credited on the site, each with a stable page.
struct PeopleIndex: Sendable {
    /// People by name, in pinyin order of their slugs.
    let people: [PersonEntry]
    /// Site-relative URL of each person's page, by name.
    let urls: [String: String]
    /// Positions of each person's stories in the site order, by name.
    let stories: [String: [Int]]
    /// For each story, a fingerprint of each person its byline credits (name and page), role by role,
    /// each role closed by `roleEnd`: story `n`'s are `creditFingerprints[creditStarts[n]..<creditStarts[n + 1]]`.
    /// A page's fingerprint reads them instead of looking every name up again (a lookup by a Chinese
    /// name hashes its normalised form: about a thousand instructions).
    private let creditStarts: [Int32]
    private let creditFingerprints: [UInt64]
    static let roleEnd = UInt64.max

    /// The fingerprints of the people the story at `index` credits, as `creditFingerprints` holds them.
    func credits(of index: Int) -> ArraySlice<UInt64> {
        creditFingerprints[Int(creditStarts[index])..<Int(creditStarts[index + 1])]
    }

    /// The roles a byline names, in the order a person's roles are listed. A feature's writers are
    /// its `撰文`, as its byline says, not its `记者`.
    static let roles = ["记者", "撰文", "通讯员", "摄影"]

    init(articles: [Article], pinyin: Pinyin?) {
        // Each name looked up once per story that credits it (roles as bits, by `Self.roles`) and
        // numbered as first met, each story's credits noted by number; the bylines read in place, not
        // copied out of the articles.
        // Keyed so that a Chinese name is hashed by its bytes, not normalised on the way (see `NameKey`).
        var credited: [NameKey: (roles: Int, stories: [Int], number: Int)] = [:]
        var creditNumbers: [Int] = []
        var creditStarts: [Int32] = [0]
        creditStarts.reserveCapacity(articles.count + 1)
        func credit(_ entry: inout (roles: Int, stories: [Int], number: Int), role: Int, story: Int) {
            entry.roles |= 1 << role
            if entry.stories.last != story { entry.stories.append(story) }
            creditNumbers.append(entry.number)
        }
        func credit(_ names: [String], role: Int, story: Int) {
            for name in names {
                let next = credited.count
                credit(&credited[NameKey(name: name), default: (0, [], next)], role: role, story: story)
            }
            creditNumbers.append(-1)
        }
        for index in articles.indices {
            credit(articles[index].byline.reporters, role: articles[index].kind == .feature ? 1 : 0, story: index)
            credit(articles[index].byline.correspondents, role: 2, story: index)
            credit(articles[index].byline.photographers, role: 3, story: index)
            creditStarts.append(Int32(creditNumbers.count))
        }
        // Names equal as strings are one key already (see `NameKey`); should two keys still hold equal
        // names, they are one person here (their stories merged), not a crash.
        let stories = Dictionary(credited.map { ($0.key.name, $0.value.stories) }, uniquingKeysWith: { Set($0 + $1).sorted() })
        // Homophones (王芳, 王方) share a pinyin slug: each of them then gets a fingerprint of the name.
        let names = credited.keys.map(\.name).sorted().reduce(into: [String]()) { names, name in
            if names.last != name { names.append(name) }
        }
        let readings = Dictionary(uniqueKeysWithValues: names.map { name in
            (name, pinyin.map { $0.nameWords(name).joined(separator: "-") } ?? "")
        })
        var readingCount: [String: Int] = [:]
        for reading in readings.values { readingCount[reading, default: 0] += 1 }
        var urls: [String: String] = [:]
        var taken = Set<String>()
        for name in names {
            let reading = readings[name] ?? ""
            let hash = String(SlugMaker.fnv1a(name), radix: 16)
            // Six digits of the name's fingerprint tell homophones apart; should two share them,
            // the later name (in name order) carries the whole fingerprint.
            let choices = [String(hash.suffix(6)), hash].map { fingerprint in
                reading.isEmpty ? fingerprint : (readingCount[reading] ?? 0) > 1 ? "\(reading)-\(fingerprint)" : reading
            }
            let slug = choices.first { !taken.contains($0) } ?? choices[1]
            urls[name] = "people/\(SlugMaker.claim(slug, in: &taken))/"
        }
        self.people = names.map { name in
            let roles = credited[NameKey(name: name)]?.roles ?? 0
            return PersonEntry(name: name, url: urls[name] ?? "", roles: Self.roles.indices.filter { roles & (1 << $0) != 0 }.map { Self.roles[$0] },
                               count: stories[name]?.count ?? 0)
        }.sorted { $0.url < $1.url }
        self.urls = urls
        self.stories = stories
        var personFingerprints = [UInt64](repeating: 0, count: credited.count)
        for (key, entry) in credited {
            let name = key.name
            var fingerprint = Fingerprint(seed: 0x5045_5253)
            fingerprint.combine(name)
            fingerprint.combine(urls[name])
            personFingerprints[entry.number] = fingerprint.value
        }
        self.creditStarts = creditStarts
        creditFingerprints = creditNumbers.map { $0 < 0 ? Self.roleEnd : personFingerprints[$0] }
    }
}
