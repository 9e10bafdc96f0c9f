import NewsModel

extension NewsLoader {
    /// A warning for each dated Markdown story whose title, date and byline an earlier one (in path
    /// order) has too: most often a file copied or saved twice, which would publish the story twice.
    /// (A title alone is shared by routine stories: `工会简讯`, `图片新闻`.) Found by a fingerprint of
    /// each title and date; the stories are looked at only when two share one.
    static func sameStoryTwice(_ articles: [Article]) -> [LoadDiagnostic] {
        // The title and date, as they are (no string is made for a story that shares nothing); the
        // bylines are compared only when two stories share these.
        func key(_ article: Article) -> UInt64 {
            var fingerprint = Fingerprint(seed: 0x5457_4943)
            fingerprint.combine(article.headline.title)
            fingerprint.combine(article.date)
            return fingerprint.value
        }
        func signature(_ article: Article) -> String {
            let byline = article.byline
            return [byline.reporters, byline.correspondents, byline.photographers].map { $0.joined(separator: "、") }.joined(separator: "|")
        }
        var seen = Set<UInt64>(minimumCapacity: articles.count)
        func isDatedMarkdown(_ article: Article) -> Bool {
            guard article.date != nil, case .markdown = article.body else { return false }
            return true
        }
        guard articles.contains(where: { isDatedMarkdown($0) && !seen.insert(key($0)).inserted }) else { return [] }
        let stories = articles.indices.filter { isDatedMarkdown(articles[$0]) }
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
