import NewsModel

extension NewsLoader {
    /// A warning for each dated Markdown story whose title, date and byline an earlier one (in path
    /// order) has too: most often a file copied or saved twice, which would publish the story twice.
    /// (A title alone is shared by routine stories: `工会简讯`, `图片新闻`.) Found by a fingerprint of
    /// each; the stories are looked at only when two share one.
    static func sameStoryTwice(_ articles: [Article]) -> [LoadDiagnostic] {
        func key(_ article: Article) -> UInt64 {
            var fingerprint = Fingerprint(seed: 0x5457_4943)
            fingerprint.combine(article.headline.title)
            fingerprint.combine(article.date?.iso ?? "")
            fingerprint.combine(signature(article))
            return fingerprint.value
        }
        func signature(_ article: Article) -> String {
            let byline = article.byline
            return [byline.reporters, byline.correspondents, byline.photographers].map { $0.joined(separator: "、") }.joined(separator: "|")
        }
        let stories = articles.indices.filter { MediaPath.isStory(articles[$0].source.file) && articles[$0].date != nil }
        var seen = Set<UInt64>(minimumCapacity: stories.count)
        guard stories.contains(where: { !seen.insert(key(articles[$0])).inserted }) else { return [] }
        var first: [String: Article] = [:]
        var notes: [LoadDiagnostic] = []
        for index in stories {
            let article = articles[index]
            let title = article.headline.title + "\n" + (article.date?.iso ?? "") + "\n" + signature(article)
            guard let earlier = first[title] else {
                first[title] = article
                continue
            }
            notes.append(LoadDiagnostic(.warning, file: article.source.file, line: article.source.firstLine, step: "duplicate", message:
                "the same title, date and byline as \(earlier.source.file):\(earlier.source.firstLine) (“\(article.headline.title)”): the story would be published twice; remove one file, or retitle one"))
        }
        return notes
    }
}
