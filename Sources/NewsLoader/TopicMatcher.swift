import NewsModel

/// Finds a story's topics from the taxonomy: its column label, and keywords weighed by where they
/// stand (a headline mention counts three times a body mention).
public struct TopicMatcher: Sendable {
    let taxonomy: Taxonomy
    /// Smallest weight that gives a story a topic; one passing body mention is not enough.
    static let minimumScore = 3
    /// A short story (a photo caption) has fewer words to say it with: two mentions are enough.
    static let shortStoryLength = 300
    static let shortStoryMinimumScore = 2
    static let headlineWeight = 3
    static let columnWeight = 10
    /// Topics kept per story at most.
    static let maxTopics = 3

    /// Every keyword of every topic, in taxonomy order.
    private let counter: PhraseCounter

    /// Creates a matcher.
    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        counter = PhraseCounter(taxonomy.entries.flatMap(\.keywords))
    }

    /// The topics of a story, strongest first.
    public func topics(column: String?, headline: String, body: String) -> [Topic] {
        var scored: [(topic: Topic, score: Int, order: Int)] = []
        let inHeadline = counter.counts(in: headline)
        let inBody = counter.counts(in: body)
        var keywordIndex = 0
        let minimum = !TextMetrics.hasCharacters(body, atLeast: Self.shortStoryLength) ? Self.shortStoryMinimumScore : Self.minimumScore
        for (order, entry) in taxonomy.entries.enumerated() {
            var score = 0
            if let column, entry.columns.contains(where: { ChineseText.comparable($0) == ChineseText.comparable(column) }) {
                score += Self.columnWeight
            }
            for _ in entry.keywords {
                score += inHeadline[keywordIndex] * Self.headlineWeight + inBody[keywordIndex]
                keywordIndex += 1
            }
            if score >= minimum { scored.append((entry.topic, score, order)) }
        }
        return scored.sorted { ($0.score, $1.order) > ($1.score, $0.order) }.prefix(Self.maxTopics).map(\.topic)
    }

    /// Topics named explicitly by an editor; names outside the taxonomy become topics of their own.
    /// Two names of one topic (one slug: 工会 and 工會) give it once, under the first.
    public func topics(named names: [String], pinyin: Pinyin) -> [Topic] {
        var slugs = Set<String>()
        return names.compactMap { name in
            let topic = taxonomy.topic(named: name) ?? Topic(name: name, slug: pinyin.words(name).joined(separator: "-"))
            return slugs.insert(topic.slug).inserted ? topic : nil
        }
    }
}
