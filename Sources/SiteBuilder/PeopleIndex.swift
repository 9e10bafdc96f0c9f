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

    init(articles: [Article], pinyin: Pinyin?) {
        var roles: [String: Set<String>] = [:]
        var stories: [String: [Int]] = [:]
        for (index, article) in articles.enumerated() {
            for (names, role) in [(article.byline.reporters, "记者"), (article.byline.correspondents, "通讯员"), (article.byline.photographers, "摄影")] {
                for name in names {
                    roles[name, default: []].insert(role)
                    if stories[name]?.last != index { stories[name, default: []].append(index) }
                }
            }
        }
        // Homophones (王芳, 王方) share a pinyin slug: each of them then gets a fingerprint of the name.
        let names = roles.keys.sorted()
        let readings = Dictionary(uniqueKeysWithValues: names.map { name in
            (name, pinyin.map { $0.words(name).joined(separator: "-") } ?? "")
        })
        var readingCount: [String: Int] = [:]
        for reading in readings.values { readingCount[reading, default: 0] += 1 }
        var urls: [String: String] = [:]
        for name in names {
            let reading = readings[name] ?? ""
            let fingerprint = String(String(SlugMaker.fnv1a(name), radix: 16).suffix(6))
            let slug = reading.isEmpty ? fingerprint : (readingCount[reading] ?? 0) > 1 ? "\(reading)-\(fingerprint)" : reading
            urls[name] = "people/\(slug)/"
        }
        let order = ["记者", "通讯员", "摄影"]
        self.people = names.map { name in
            PersonEntry(name: name, url: urls[name] ?? "", roles: order.filter { roles[name]?.contains($0) == true },
                        count: stories[name]?.count ?? 0)
        }.sorted { $0.url < $1.url }
        self.urls = urls
        self.stories = stories
    }
}
