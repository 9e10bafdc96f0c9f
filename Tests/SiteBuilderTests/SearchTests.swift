import Foundation
import NewsLoader
import NewsModel
@testable import SiteBuilder
import Templates
import Testing
import TestSupport

/// The shared tokenizer vectors (Fixtures/search-vectors.json).
private struct Vectors: Decodable {
    var normalize: [[String]]
    var documentTokens: [Vector]
    var queryTerms: [Vector]

    struct Vector: Decodable {
        var input: String
        var expected: AnyJSON
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            input = try container.decode(String.self)
            expected = try container.decode(AnyJSON.self)
        }
    }
}

/// Any JSON value, compared structurally.
private indirect enum AnyJSON: Decodable, Equatable {
    case string(String), number(Int), array([AnyJSON])
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else { self = .array(try container.decode([AnyJSON].self)) }
    }
}

private func vectorsURL() throws -> URL {
    try #require(Bundle.module.url(forResource: "search-vectors", withExtension: "json", subdirectory: "Fixtures"))
}

@Suite("Search: one tokenizer in Swift and JavaScript")
struct SearchVectorTests {
    @Test("Swift meets the shared vectors")
    func swiftVectors() throws {
        let vectors = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: vectorsURL()))
        for pair in vectors.normalize { #expect(SearchTokenizer.normalize(pair[0]) == pair[1], "normalize \(pair[0])") }
        for vector in vectors.documentTokens {
            let tokens = SearchTokenizer.documentTokens(normalized: vector.input).map { AnyJSON.array([.string($0.text), .number($0.position)]) }
            #expect(AnyJSON.array(tokens) == vector.expected, "document tokens of \(vector.input)")
        }
        for vector in vectors.queryTerms {
            let terms = SearchTokenizer.queryTerms(vector.input).map { term in
                AnyJSON.array([.string(term.text), .array(term.tokens.map { .array([.string($0.text), .number($0.position)]) })])
            }
            #expect(AnyJSON.array(terms) == vector.expected, "query terms of \(vector.input)")
        }
        #expect(SearchTokenizer.shardHash("a") == 3_826_002_220)
    }

    @Test("the page's script carries the folding table the index was folded with")
    func foldingCarried() throws {
        let asset = try #require(try Assets.all().first { $0.path == "assets/search.js" })
        let script = String(decoding: SearchScript.withFolding(asset.contents), as: UTF8.self)
        #expect(String(decoding: asset.contents, as: UTF8.self).contains("var T2S = \"\";"))
        let pairs = SearchTokenizer.foldingPairs
        #expect(pairs.unicodeScalars.count > 5_000 && pairs.unicodeScalars.count % 2 == 0)
        #expect(script.contains("var T2S = \"" + pairs + "\";"))
        // Each pair folds as the index does.
        let scalars = Array(pairs.unicodeScalars)
        for index in stride(from: 0, to: scalars.count, by: 2) {
            #expect(SearchTokenizer.normalize(String(scalars[index])) == String(scalars[index + 1]))
        }
    }

    @Test("the page's JavaScript meets the same vectors (run with node)")
    func javascriptVectors() throws {
        let (status, output) = try Self.runNode("check-search-vectors", arguments: [try vectorsURL().path])
        #expect(status == 0, "\(output)")
        #expect(output.contains(" passed, 0 failed"))
    }

    @Test("the page's JavaScript finds and ranks the stories of every query as SearchEngine does, over two length tables (run with node)")
    func javascriptRanking() throws {
        // Stories of one to nine sentences (so their length classes differ) in two length tables;
        // a Latin word in every fifth, a headline sharing the body's words in every fourth.
        let sentences = SearchIndexUpdateTests.sentences
        let documents = (0..<(SearchIndex.lengthsPerFile + 300)).map { number in
            var text = (0..<(1 + number % 9)).map { sentences[(number + $0 * 5) % sentences.count] }.joined()
            if number % 5 == 0 { text += "职工可用APP一键入会。" }
            return SearchIndexUpdateTests.document(number, text: text, title: number % 4 == 0 ? "骑手驿站第\(number)站启用" : nil)
        }
        let output = MemoryOutput()
        _ = try SearchIndex.write(documents, emit: { _, path, data in try output.write(path, data) })
        let files = output.snapshot
        let folder = try makeTree(files.mapValues { _ in "" })
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, data) in files { try data.write(to: folder.appendingPathComponent(path)) }

        // Common and rare words, two terms, a Latin word, a term verified against the text (a Latin
        // letter beside a character: no pair to check positions by), filters, and a word no story has.
        let queries: [(query: String, region: String, topic: String)] = [
            ("工会", "", ""), ("骑手", "", ""), ("骑手驿站", "", ""), ("职工 技能", "", ""), ("app", "", ""), ("p一", "", ""),
            ("技能", "ningbo", ""), ("工会", "", "chan-gai"), ("驿站", "hangzhou", "jian-hui-ru-hui"), ("貔貅", "", ""),
            ("骑手驿站第8站启用", "", ""), ("启用 骑手驿站", "", ""),
        ]
        let argument = String(decoding: try JSONSerialization.data(withJSONObject: queries.map { [$0.query, $0.region, $0.topic] }), as: UTF8.self)
        /// Each query's documents as the page ranks them and as `SearchEngine` does, over `files`
        /// (which `folder` holds too).
        func rankings(_ files: [String: Data]) throws -> (page: [[Int]], engine: [[Int]]) {
            let (status, printed) = try Self.runNode("rank-with-search-js", arguments: [folder.path, argument])
            try #require(status == 0, "\(printed)")
            let page = try #require(try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [[Int]])
            let reader: SearchEngine.FileReader = { files[$0] }
            let engine = try #require(SearchEngine(read: reader))
            return (page, queries.map { engine.search($0.query, region: $0.region.isEmpty ? nil : $0.region, topic: $0.topic.isEmpty ? nil : $0.topic) })
        }
        let (ranked, expected) = try rankings(files)
        for (index, query) in queries.enumerated() {
            #expect(ranked[index] == expected[index], "“\(query.query)” \(query.region) \(query.topic): \(ranked[index].prefix(8)) against \(expected[index].prefix(8))")
            #expect(expected[index].isEmpty == (query.query == "貔貅"))
        }
        #expect(Set(ranked[0].map { $0 / SearchIndex.lengthsPerFile }) == [0, 1], "results ranked from both length tables")

        // A length table gone: both still find every story and rank those of the table as if of
        // the shortest length, in the same order.
        var missing = files
        missing[SearchIndex.lengthsPath(1)] = nil
        try FileManager.default.removeItem(at: folder.appendingPathComponent(SearchIndex.lengthsPath(1)))
        let (rankedWithout, expectedWithout) = try rankings(missing)
        #expect(rankedWithout == expectedWithout)
        #expect(rankedWithout.map { Set($0) } == ranked.map { Set($0) })
        #expect(rankedWithout != ranked, "the lengths count")
    }

    /// Runs the fixture script `name`.js with node on the page's `search.js` and `arguments`: its
    /// exit status and what it printed.
    static func runNode(_ name: String, arguments: [String]) throws -> (status: Int32, output: String) {
        let node = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(node != nil, "node is needed to run the page's JavaScript")
        let script = try #require(Bundle.module.url(forResource: name, withExtension: "js", subdirectory: "Fixtures"))
        // The script as a site carries it: the asset with the folding table written in.
        let asset = try #require(try Assets.all().first { $0.path == "assets/search.js" })
        let searchJS = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-search-\(UUID().uuidString).js")
        try SearchScript.withFolding(asset.contents).write(to: searchJS)
        defer { try? FileManager.default.removeItem(at: searchJS) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node!)
        process.arguments = [script.path, searchJS.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

@Suite("Search is exact")
struct SearchExactnessTests {
    /// A site of generated stories: seed sentences recombined, with Latin words and digits mixed in.
    static func site(articles: Int, seed: UInt64) throws -> (files: [String: Data], texts: [String: String]) {
        var generator = SeededGenerator(seed: seed)
        let seeds = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds/004_954ee863ce99309d.txt"), encoding: .utf8)
        let sentences = seeds.split(whereSeparator: { "。\n".contains($0) }).map(String.init).filter { $0.count > 8 }
        let latin = ["AED", "EAP", "5G", "Wi-Fi", "APP", "24小时", "12351热线", "ＡＢＣ职工"]
        var files: [String: String] = [:]
        for number in 0..<articles {
            var body: [String] = []
            for _ in 0..<Int.random(in: 2...6, using: &generator) {
                var sentence = sentences.randomElement(using: &generator) ?? "职工"
                if Bool.random(using: &generator) { sentence += latin.randomElement(using: &generator) ?? "" }
                body.append(sentence + "。")
            }
            let title = (sentences.randomElement(using: &generator) ?? "标题").prefix(12)
            files["a/\(number).md"] = "---\ntitle: \"\(title)\"\ndate: 2023-01-\(number % 28 + 1 < 10 ? "0" : "")\(number % 28 + 1)\ntopics: [产改]\n---\n\n" + body.joined(separator: "\n\n") + "\n"
        }
        let root = try makeTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try testLoader.load(source: root)
        let output = MemoryOutput()
        _ = try SiteRenderer(site: Site.defaultInfo).render(loaded.articles, into: output)
        let renderer = BodyRenderer()
        var texts: [String: String] = [:]
        for article in loaded.articles {
            let headline = [article.headline.title] + [article.headline.kicker, article.headline.subtitle, article.headline.column].compactMap { $0 }
            texts[article.url] = SearchTokenizer.normalize(headline.joined(separator: "\n")) + "\n" + SearchTokenizer.normalize(renderer.render(article).plainText)
        }
        return (output.snapshot, texts)
    }

    static func urls(_ documents: [Int], in files: [String: Data]) -> Set<String> {
        Set(documents.compactMap { number in
            files["search/docs/\(number).json"].flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["u"] as? String
        })
    }

    @Test("hundreds of random substrings find exactly the stories that contain them")
    func randomSubstrings() throws {
        let (files, texts) = try Self.site(articles: 120, seed: 20_231_121)
        let reader: SearchEngine.FileReader = { files[$0] }
        let engine = try #require(SearchEngine(read: reader))
        var generator = SeededGenerator(seed: 7)
        let allTexts = Array(texts.values).sorted()
        var checked = 0
        var kinds: Set<String> = []
        while checked < 400 {
            let text = Array(try #require(allTexts.randomElement(using: &generator)).unicodeScalars)
            let length = Int.random(in: 1...8, using: &generator)
            guard text.count > length else { continue }
            let start = Int.random(in: 0...(text.count - length), using: &generator)
            let scalars = text[start..<(start + length)]
            // Word characters only: punctuation and spaces are not searchable, spaces split terms.
            guard scalars.allSatisfy({ SearchTokenizer.characterClass($0) != 0 }) else { continue }
            let query = String(String.UnicodeScalarView(scalars))
            let classes = Set(scalars.map { SearchTokenizer.characterClass($0) })
            kinds.insert(classes.count == 2 ? "mixed" : classes.first == 1 ? "chinese" : "latin")
            let expected = Set(texts.filter { $0.value.contains(query) }.keys)
            let found = Self.urls(engine.search(query), in: files)
            #expect(found == expected, "“\(query)”: \(found.count) found, \(expected.count) contain it")
            checked += 1
        }
        #expect(kinds == ["chinese", "latin", "mixed"])
    }

    /// The search engine over the site of the Markdown stories `stories` (text by file name), and the site's files.
    static func engine(over stories: [String: String]) throws -> (engine: SearchEngine, files: [String: Data]) {
        let root = try makeTree(stories)
        defer { try? FileManager.default.removeItem(at: root) }
        let output = MemoryOutput()
        _ = try SiteRenderer(site: Site.defaultInfo).render(try testLoader.load(source: root).articles, into: output)
        let files = output.snapshot
        let reader: SearchEngine.FileReader = { files[$0] }
        return (try #require(SearchEngine(read: reader)), files)
    }

    /// The titles of the stories `query` finds, best first.
    static func titles(_ query: String, _ engine: SearchEngine, _ files: [String: Data]) -> [String] {
        engine.search(query).compactMap { number in
            (files["search/docs/\(number).json"].flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] })?["t"] as? String
        }
    }

    @Test("headline matches rank first; newer stories first on ties; filters narrow by region and topic")
    func ranking() throws {
        let (engine, files) = try Self.engine(over: [
            "a.md": "---\ntitle: 职工书屋开放\ndate: 2023-01-01\nregions: [杭州市]\ntopics: [职工服务]\n---\n\n骑手也来读书。\n",
            "b.md": "---\ntitle: 骑手驿站启用\ndate: 2022-01-01\nregions: [宁波市]\ntopics: [新就业形态]\n---\n\n驿站为快递员服务。\n",
            "c.md": "---\ntitle: 工会新闻\ndate: 2023-06-01\nregions: [杭州市]\ntopics: [新就业形态]\n---\n\n骑手入会。\n",
        ])
        #expect(Self.titles("骑手", engine, files) == ["骑手驿站启用", "工会新闻", "职工书屋开放"])
        #expect(Self.urls(engine.search("骑手", region: "hangzhou"), in: files).count == 2)
        #expect(Self.urls(engine.search("骑手", region: "hangzhou", topic: "xin-jiu-ye-xing-tai"), in: files).count == 1)
        #expect(engine.search("！？。").isEmpty)
        #expect(engine.search("骑手驿站关闭").isEmpty)
    }

    @Test("a reporter's, correspondent's or photographer's name finds the stories the byline names them on")
    func bylineNames() throws {
        let (engine, files) = try Self.engine(over: [
            "a.md": "---\ntitle: 职工书屋开放\ndate: 2023-01-01\nreporters: [阮向民]\nphotographers: [曾晨路]\n---\n\n骑手也来读书。\n",
            "b.md": "---\ntitle: 骑手驿站启用\ndate: 2023-02-01\ncorrespondents: [阮向民]\n---\n\n驿站为快递员服务。\n",
            "c.md": "---\ntitle: 工会新闻\ndate: 2023-06-01\n---\n\n骑手入会。\n",
        ])
        #expect(Self.urls(engine.search("阮向民"), in: files).count == 2)
        #expect(Self.urls(engine.search("曾晨路"), in: files).count == 1)
        #expect(Self.urls(engine.search("阮向民 驿站"), in: files).count == 1)
    }

    @Test("a story's own headline, searched for, ranks it above newer stories whose longer headlines hold the same words, in any order")
    func ownHeadlineFirst() throws {
        let (engine, files) = try Self.engine(over: [
            "own.md": "---\ntitle: 未来科技城让“产改”更体现时代性\ndate: 2022-01-01\n---\n\n科技城工会推进产业工人队伍建设改革。\n",
            "longer.md": "---\ntitle: 未来科技城让“产改”更体现时代性 三年来成效显著\ndate: 2023-01-01\n---\n\n"
                + String(repeating: "未来科技城让产改更体现时代性。", count: 3) + "\n",
            "turned.md": "---\ntitle: 更体现时代性 未来科技城让“产改”再出发\ndate: 2023-06-01\n---\n\n"
                + String(repeating: "未来科技城让产改更体现时代性。", count: 3) + "\n",
        ])
        #expect(Self.titles("未来科技城让“产改”更体现时代性", engine, files).first == "未来科技城让“产改”更体现时代性")
        #expect(Self.titles("未来科技城 产改 时代性", engine, files).first == "未来科技城让“产改”更体现时代性")
        // The one that begins with the query before the one that holds it further on.
        #expect(Self.titles("更体现时代性 未来科技城", engine, files).first == "更体现时代性 未来科技城让“产改”再出发")
    }
}

