import NewsModel

extension NewsLoader {
    /// A warning for each Markdown story whose title and date an earlier one (in path order) has
    /// too: most often a file copied or saved twice, which would publish the story twice. Found by
    /// a fingerprint of each title and date; the stories are looked at only when two share one.
    static func sameStoryTwice(_ articles: [Article]) -> [LoadDiagnostic] {
        func key(_ article: Article) -> UInt64 {
            var fingerprint = Fingerprint(seed: 0x5457_4943)
            fingerprint.combine(article.headline.title)
            fingerprint.combine(article.date?.iso ?? "")
            return fingerprint.value
        }
        let stories = articles.indices.filter { MediaPath.isStory(articles[$0].source.file) }
        var seen = Set<UInt64>(minimumCapacity: stories.count)
        guard stories.contains(where: { !seen.insert(key(articles[$0])).inserted }) else { return [] }
        var first: [String: Article] = [:]
        var notes: [LoadDiagnostic] = []
        for index in stories {
            let article = articles[index]
            let title = article.headline.title + "\n" + (article.date?.iso ?? "")
            guard let earlier = first[title] else {
                first[title] = article
                continue
            }
            notes.append(LoadDiagnostic(.warning, file: article.source.file, line: article.source.firstLine, step: "duplicate", message:
                "the same title and date as \(earlier.source.file):\(earlier.source.firstLine) (“\(article.headline.title)”): the story would be published twice; remove one file, or retitle one"))
        }
        return notes
    }
}
