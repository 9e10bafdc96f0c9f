import NewsModel

/// Adds what a story's text implies: regions, topics, a slug and the editor's warnings.
struct ArticleEnricher: Sendable {
    let regionMatcher: RegionMatcher
    let topicMatcher: TopicMatcher
    let slugMaker: SlugMaker
    let pinyin: Pinyin
    let folding: TraditionalFolding

    init(gazetteer: Gazetteer, taxonomy: Taxonomy, pinyin: Pinyin, folding: TraditionalFolding) {
        self.folding = folding
        regionMatcher = RegionMatcher(gazetteer: gazetteer, taxonomy: taxonomy)
        topicMatcher = TopicMatcher(taxonomy: taxonomy)
        slugMaker = SlugMaker(pinyin: pinyin)
        self.pinyin = pinyin
    }

    /// The length of `text` in characters when it is shorter than `NewsLoader.shortStoryLength` or
    /// longer than `NewsLoader.longStoryLength`, else `nil`. A character takes a byte at least, so a
    /// text of no more bytes than the long limit whose first characters reach the short one is of
    /// usual length without being counted whole.
    static func suspiciousLength(_ text: String) -> Int? {
        if text.utf8.count <= NewsLoader.longStoryLength,
           TextMetrics.hasCharacters(text, atLeast: NewsLoader.shortStoryLength) { return nil }
        let length = TextMetrics.characterCount(text)
        return length < NewsLoader.shortStoryLength || length > NewsLoader.longStoryLength ? length : nil
    }

    /// Whether the text `raw`, which `folded` is folded to simplified characters, is set in
    /// traditional ones: folding changed at least one character in fifty (a simplified story's text
    /// changes in a rare name alone).
    static func isTraditional(_ raw: String, folded: String) -> Bool {
        var (changed, count) = (0, 0)
        for (before, after) in zip(raw.unicodeScalars, folded.unicodeScalars) {
            count += 1
            if before != after { changed += 1 }
        }
        return changed > 0 && changed * 50 >= count
    }

    func enrich(_ raw: RawArticle) -> (Article, [LoadDiagnostic]) {
        var notes: [LoadDiagnostic] = []
        let file = raw.span.file
        let headlineText = folding.fold(raw.headline.parts.joined(separator: " "))
        let rawBody = raw.markdown ?? raw.blocks.map(\.text).joined(separator: "\n")
        // Folded only for finding regions and topics, which a Markdown story usually names itself.
        lazy var bodyText = folding.fold(rawBody)

        var regions: [Region]
        // Where region warnings point: the line that names the regions, else the story's first.
        let regionsPlace = raw.regionNamesGiven ?? SourcePlace(file: file, line: raw.span.firstLine)
        if let names = raw.regionNames {
            let found = regionMatcher.regions(named: names)
            regions = found.regions
            for name in found.unknown {
                let known = regionMatcher.gazetteer.places.map(\.name)
                notes.append(LoadDiagnostic(.warning, file: regionsPlace.file, line: regionsPlace.line, step: "regions",
                                            message: "region `\(name)` is not in the gazetteer" + Self.suggestion(for: name, known: known, key: "regions")))
            }
        } else {
            regions = regionMatcher.regions(headline: headlineText, body: bodyText)
        }
        if regions.isEmpty {
            notes.append(LoadDiagnostic(.warning, file: regionsPlace.file, line: regionsPlace.line, step: "regions", message: "no region found for “\(raw.headline.title)”"))
        }
        let topics = raw.topicNames.map { topicMatcher.topics(named: $0, pinyin: pinyin) }
            ?? topicMatcher.topics(column: raw.headline.column.map(folding.fold), headline: headlineText, body: bodyText)
        if let names = raw.topicNames {
            // A topic outside the taxonomy gets a page of its own: a misspelt one would split a topic in two.
            let given = raw.topicNamesGiven ?? SourcePlace(file: file, line: raw.span.firstLine)
            for name in names where topicMatcher.taxonomy.topic(named: name) == nil {
                notes.append(LoadDiagnostic(.warning, file: given.file, line: given.line, step: "topics",
                                            message: "topic `\(name)` is not in the taxonomy: it gets a page of its own (a misspelling would split a topic in two)"
                                                + Self.suggestion(for: name, known: topicMatcher.taxonomy.entries.map(\.topic.name), key: "topics")))
            }
        }

        let credits = raw.credits
        if raw.markdown == nil, credits.reporters.isEmpty, credits.correspondents.isEmpty, credits.photographers.isEmpty,
           credits.attribution == nil {
            notes.append(LoadDiagnostic(.warning, file: file, line: raw.bodyLine, step: "byline", message: "no byline for “\(raw.headline.title)”"))
        }
        // Folding puts one ideograph for another, so the count is the same either way.
        // (A Markdown story with no body text at all is told so where its body would begin, once.)
        if let length = Self.suspiciousLength(rawBody), !(raw.markdown != nil && rawBody.allSatisfy(\.isWhitespace)) {
            notes.append(LoadDiagnostic(.warning, file: file, line: raw.span.firstLine, step: "length", message: length < NewsLoader.shortStoryLength
                ? "suspiciously short story (\(length) characters): “\(raw.headline.title)”"
                : "suspiciously long story (\(length) characters; two stories run together?): “\(raw.headline.title)”"))
        }
        let article = Article(
            slug: raw.fixedSlug ?? slugMaker.slug(title: raw.headline.title, file: file),
            headline: raw.headline,
            // A reprint's names too (`陳偉`): one person has one page whatever the characters a
            // reprint set the name in. Only a story set in traditional characters: in a simplified
            // one, a name's character the table folds is the name's own (`於青`, `王乾坤`).
            byline: raw.markdown == nil && !(credits.reporters + credits.correspondents + credits.photographers).isEmpty
                && Self.isTraditional(rawBody, folded: bodyText)
                ? Byline(reporters: credits.reporters.map(folding.fold), correspondents: credits.correspondents.map(folding.fold),
                         photographers: credits.photographers.map(folding.fold))
                : Byline(reporters: credits.reporters, correspondents: credits.correspondents, photographers: credits.photographers),
            // A page dump's reprint note may be in traditional characters (`據《江蘇工人報》`): the
            // paper is named as a reader of the site writes it, whatever the note's characters.
            attribution: raw.markdown == nil ? credits.attribution.map(folding.fold) : credits.attribution, kind: raw.kind, date: raw.date, edition: raw.edition,
            regions: regions, topics: topics,
            body: raw.markdown.map(ArticleBody.markdown) ?? .blocks(raw.blocks),
            source: raw.span,
            permalink: raw.permalink
        )
        return (article, notes)
    }
}

extension ArticleEnricher {
    /// What an editor most likely meant by `name`, which no place or topic is called: the known
    /// name that differs from it in one character (`杭洲市` for 杭州市), or a list written in
    /// full-width brackets (`【宁波市`); an empty string when neither.
    static func suggestion(for name: String, known: [String], key: String) -> String {
        if name.contains(where: { "【】［］".contains($0) }) {
            return "; write a list in half-width brackets: `\(key): [甲, 乙]`"
        }
        let written = Array(name)
        let near = known.filter { candidate in
            let other = Array(candidate)
            return other.count == written.count && zip(other, written).filter { $0 != $1 }.count == 1
        }
        return near.count == 1 ? "; did you mean `\(near[0])`?" : ""
    }
}
