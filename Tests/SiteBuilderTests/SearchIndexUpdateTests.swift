import Foundation
@testable import SiteBuilder
import Testing

/// Changing the search index in place for a few changed stories must give, file for file, the index
/// a whole build of the same stories gives.
@Suite("Search index updated in place")
struct SearchIndexUpdateTests {
    static let sentences = [
        "市总工会组织劳模工匠走进企业，为一线职工讲授安全生产知识。",
        "快递小哥在驿站里喝上热水，给手机充满电，再出发送件。",
        "新就业形态劳动者建会入会工作在全区推开，网约车司机也有了“娘家”。",
        "产业工人队伍建设改革推进会上，十家企业交流了技能人才培养经验。",
        "职工技能大赛决赛在工业园区举行，焊工、电工等八个工种同场比拼。",
        "工会法律援助中心今年为农民工追回工资一百二十万元。",
    ]
    static let regions = ["hangzhou", "ningbo", "wenzhou", "shaoxing"]
    static let topics = ["chan-gai", "jian-hui-ru-hui", "ji-neng-jing-sai"]

    /// The `number`-th story of a made-up archive.
    static func document(_ number: Int, text: String? = nil, title: String? = nil, regionSlugs: [String]? = nil) -> SearchIndex.Document {
        let body = text ?? (0..<(2 + number % 4)).map { sentences[(number + $0 * 5) % sentences.count] }.joined(separator: "\n\n")
        let title = title ?? "第\(number)号职工服务站建成"
        return SearchIndex.Document(
            url: "articles/story-\(number)/", title: title, kicker: number % 3 == 0 ? "工会在身边" : nil,
            headline: number % 3 == 0 ? [title, "工会在身边"] : [title], date: "2024-03-\(10 + number % 18)",
            region: "", regionSlugs: regionSlugs ?? [regions[number % regions.count]],
            topicSlugs: [topics[number % topics.count]], text: body)
    }

    /// Every file `write` makes, by path.
    static func files(_ documents: [SearchIndex.Document]) throws -> [String: Data] {
        let output = MemoryOutput()
        _ = try SearchIndex.write(documents, emit: { _, path, data in try output.write(path, data) })
        return output.snapshot
    }

    static func ledger(_ documents: [SearchIndex.Document]) -> SearchIndex.Ledger {
        SearchIndex.Ledger(entries: documents.enumerated().map { SearchIndex.Ledger.entry($1, key: UInt64($0)) })
    }

    /// The file at `path` of `files`, an index of `documents` documents, read as file `number`: the
    /// number an update gives with the path must name the same file.
    static func read(_ files: [String: Data], number: Int, path: String, documents: Int) -> Data? {
        #expect(SearchIndex.path(ofFile: number, documents: documents) == path)
        return files[path]
    }

    /// Updates `old` (the index of `before`) for the documents of `after` that differ; the files
    /// after the update, or `nil` when `update` declined. The declines tested here come before any
    /// shard is spliced (or find every shard unreadable), so nothing may be emitted then.
    static func updated(_ old: [String: Data], from before: [SearchIndex.Document], to after: [SearchIndex.Document],
                        changed: [Int]) throws -> (files: [String: Data], emitted: Set<String>)? {
        let output = MemoryOutput()
        var ledger = Self.ledger(before)
        for number in changed { ledger.entries[number] = SearchIndex.Ledger.entry(after[number], key: UInt64(number) | 1 << 40) }
        let result = try SearchIndex.update(changed.map { ($0, after[$0]) }, previous: Self.ledger(before), ledger: ledger,
                                            read: { Self.read(old, number: $0, path: $1, documents: before.count) },
                                            emit: { _, path, data in try output.write(path, data) })
        guard let emitted = result else {
            #expect(output.snapshot.isEmpty, "an update that declines emits nothing")
            return nil
        }
        #expect(emitted.count == output.snapshot.count)
        return (old.merging(output.snapshot) { $1 }, Set(output.snapshot.keys))
    }

    @Test("bodies, headlines and filters changed in place give the index a whole build gives")
    func updateEqualsWholeBuild() throws {
        let before = (0..<60).map { Self.document($0) }
        var after = before
        // A body gains a word no story had, and loses every other.
        after[3] = Self.document(3, text: "鲲鹏职工驿站揭牌。")
        // A headline changed: headline counts and headline lengths move.
        after[10] = Self.document(10, title: "萧山区快递行业工会联合会成立")
        // A story moves to a region no story was in, leaving its old region to the others.
        after[21] = Self.document(21, regionSlugs: ["lishui", "hangzhou"])
        // The only story with a word loses it.
        var lonely = before
        lonely[44] = Self.document(44, text: "独有词汇貔貅出现在这里。")
        let lonelyFiles = try Self.files(lonely)
        after[44] = Self.document(44)

        let (files, emitted) = try #require(try Self.updated(lonelyFiles, from: lonely, to: after, changed: [3, 10, 21, 44]))
        let whole = try Self.files(after)
        #expect(Set(files.keys) == Set(whole.keys))
        #expect(files.keys.filter { files[$0] != whole[$0] }.sorted() == [])
        #expect(emitted.count < whole.count, "the unchanged stories' fragments are left as they are")
        // And the engine finds what was added and nothing of what went.
        let index = files
        let opened = SearchEngine(read: { index[$0] })
        let engine = try #require(opened)
        #expect(engine.search("鲲鹏") == [3])
        #expect(engine.search("貔貅") == [])
        #expect(engine.search("萧山区快递", region: "lishui").isEmpty)
        #expect(engine.search("服务站", region: "lishui") == [21])
    }

    @Test("the first story, the last, and stories side by side changed in place give the index a whole build gives",
          arguments: [[0], [59], [29, 30], [0, 1, 58, 59], [17]])
    func updateAtEdges(changed: [Int]) throws {
        let before = (0..<60).map { Self.document($0) }
        var after = before
        for number in changed {
            // Each keeps some words (lists that go on past it) and drops others (lists it ended or began).
            after[number] = Self.document(number, text: Self.sentences[number % 2] + "换新内容\(number)。", regionSlugs: ["lishui"])
        }
        let (files, _) = try #require(try Self.updated(try Self.files(before), from: before, to: after, changed: changed))
        let whole = try Self.files(after)
        #expect(Set(files.keys) == Set(whole.keys))
        #expect(files.keys.filter { files[$0] != whole[$0] }.sorted() == [])
    }

    /// Edits of a story's text: two characters appended, or its third character replaced by one no
    /// story has.
    enum Edit: String, CaseIterable, Sendable {
        case append, replace

        func apply(to text: String) -> String {
            switch self {
            case .append: text + "劳模"
            case .replace: String(text.prefix(2)) + "鲲" + String(text.dropFirst(3))
            }
        }
    }

    @Test("an edit rewrites only the shards of the tokens it changed, whether or not it moves the story to another length class, and gives the index a whole build gives",
          arguments: [(Edit.append, true), (.append, false), (.replace, false)])
    func editTouchesOnlyItsTokens(edit: Edit, movesLengthClass: Bool) throws {
        let before = (0..<300).map { Self.document($0) }
        let old = try Self.files(before)
        // The first story (after the first few) whose length class the edit moves or keeps, as the
        // case says, and another story rewritten whole, sharing many of its words.
        let number = try #require((7..<300).first { number in
            let edited = Self.document(number, text: edit.apply(to: before[number].text))
            let moved = SearchIndexFormat.lengthClass(edited.searchLength) != SearchIndexFormat.lengthClass(before[number].searchLength)
            return moved == movesLengthClass
        })
        for changed in [[number], [2, number]] {
            var after = before
            after[number] = Self.document(number, text: edit.apply(to: before[number].text))
            if changed.count > 1 { after[2] = Self.document(2, text: Self.sentences.joined() + "鲲鹏劳模。", regionSlugs: ["lishui"]) }
            let (files, emitted) = try #require(try Self.updated(old, from: before, to: after, changed: changed))
            let whole = try Self.files(after)
            #expect(files.keys.filter { files[$0] != whole[$0] }.sorted() == [])
            // The shards rewritten are exactly those whose bytes a whole build changes; of the
            // length tables, the one holding the stories' lengths (all in one here).
            func shards(_ paths: some Sequence<String>) -> Set<String> { Set(paths.filter { $0.hasPrefix("search/index-") }) }
            #expect(shards(emitted) == shards(whole.keys.filter { whole[$0] != old[$0] }), "\(changed)")
            #expect(!shards(emitted).isEmpty)
            #expect(emitted.filter { $0.hasPrefix("search/lengths-") } == ["search/lengths-0.bin"])
            if changed.count == 1 {
                #expect((whole["search/lengths-0.bin"] != old["search/lengths-0.bin"]) == movesLengthClass)
                // Far fewer than the shards holding any of the story's tokens.
                let storyTokens = Set(SearchTokenizer.documentTokens(normalized: SearchTokenizer.normalize(before[number].text)).map(\.text))
                let shardCount = UInt32(SearchIndex.shardCount(documents: 300))
                let holding = Set(storyTokens.map { SearchIndex.shardPath(Int(SearchTokenizer.shardHash($0) % shardCount)) })
                #expect(shards(emitted).count * 4 < holding.count, "\(shards(emitted).count) of \(holding.count)")
            }
        }
    }

    /// An archive whose entries do not all fit a byte a number: a word in every 150th story only
    /// (document differences of two bytes), a story that repeats a phrase 200 times (a count of two
    /// bytes) and one with a headline of 140 characters (a headline length of two bytes).
    static func archiveOfLongEntries(count: Int) -> [SearchIndex.Document] {
        (0..<count).map { number in
            var text = sentences[number % sentences.count]
            if number % 150 == 7 { text += "稀见词麒麟出现。" }
            if number == 80 { text += String(repeating: "技能比武，", count: 200) }
            return document(number, text: text, title: number == 160 ? String(repeating: "职工之家", count: 35) : nil)
        }
    }

    @Test("entries with numbers of more than one byte before, at and after a changed story give the index a whole build gives",
          arguments: [[7], [80], [160], [157, 299], [0, 80, 160, 307]])
    func updateAmongLongEntries(changed: [Int]) throws {
        let before = Self.archiveOfLongEntries(count: 308)
        var after = before
        for number in changed { after[number] = Self.document(number, text: "换新内容\(number)。技能比武，麒麟。", regionSlugs: ["lishui"]) }
        let (files, _) = try #require(try Self.updated(try Self.files(before), from: before, to: after, changed: changed))
        let whole = try Self.files(after)
        #expect(Set(files.keys) == Set(whole.keys))
        #expect(files.keys.filter { files[$0] != whole[$0] }.sorted() == [])
    }

    /// Updates `old` (the index of `before`) into the index of `after`, which may hold more or
    /// fewer documents: those at `inPlace` and every number `before` did not have are changed, those
    /// beyond `after`'s count go. The files after the update, or `nil` when `update` declined.
    static func resized(_ old: [String: Data], from before: [SearchIndex.Document], to after: [SearchIndex.Document],
                        inPlace: [Int]) throws -> [String: Data]? {
        let output = MemoryOutput()
        let changed = inPlace + Array(min(before.count, after.count)..<after.count)
        let ledger = Self.ledger(after)
        guard try SearchIndex.update(changed.map { ($0, after[$0]) }, previous: Self.ledger(before), ledger: ledger,
                                     read: { Self.read(old, number: $0, path: $1, documents: before.count) },
                                     emit: { _, path, data in try output.write(path, data) }) != nil else {
            #expect(output.snapshot.isEmpty, "an update that declines emits nothing")
            return nil
        }
        var files = old.merging(output.snapshot) { $1 }
        // The fragments of documents gone, and length tables left without documents, are no longer
        // made (a build removes what it did not make).
        for number in after.count..<max(after.count, before.count) { files[SearchIndex.fragmentPath(number)] = nil }
        for table in SearchIndex.lengthFileCount(documents: after.count)..<max(SearchIndex.lengthFileCount(documents: after.count),
                                                                                 SearchIndex.lengthFileCount(documents: before.count)) {
            files[SearchIndex.lengthsPath(table)] = nil
        }
        return files
    }

    @Test("stories added at the end or gone from the end, with or without others changed in place, give the index a whole build gives",
          arguments: [(60, 61, [Int]()), (60, 63, [5, 59]), (60, 57, []), (60, 50, [0, 20]), (64, 60, [63 - 4])])
    func updateWithNewCount(before: Int, after: Int, inPlace: [Int]) throws {
        let old = (0..<before).map { Self.document($0) }
        var new = (0..<after).map { Self.document($0) }
        for number in inPlace { new[number] = Self.document(number, text: "换新内容\(number)。鲲鹏驿站。", regionSlugs: ["lishui"]) }
        // New stories bring a word no story had.
        for number in before..<max(before, after) { new[number] = Self.document(number, text: "新增稿件\(number)，貔貅出现。") }
        let files = try #require(try Self.resized(try Self.files(old), from: old, to: new, inPlace: inPlace))
        let whole = try Self.files(new)
        #expect(Set(files.keys) == Set(whole.keys))
        #expect(files.keys.filter { files[$0] != whole[$0] }.sorted() == [])
    }

    @Test("stories added that begin a new length table, or gone that end one, with another changed in place, give the index a whole build gives",
          arguments: [(3 * SearchIndex.lengthsPerFile - 1, 3 * SearchIndex.lengthsPerFile + 2),
                      (3 * SearchIndex.lengthsPerFile + 2, 3 * SearchIndex.lengthsPerFile - 1)])
    func updateAcrossLengthTables(before: Int, after: Int) throws {
        #expect(SearchIndex.shardCount(documents: before) == SearchIndex.shardCount(documents: after), "the same shards either way")
        #expect(SearchIndex.lengthFileCount(documents: before) != SearchIndex.lengthFileCount(documents: after))
        // Short stories, so that twelve thousand are indexed quickly.
        func story(_ number: Int) -> SearchIndex.Document { Self.document(number, text: Self.sentences[number % Self.sentences.count]) }
        let old = (0..<before).map(story)
        var new = (0..<after).map(story)
        new[17] = Self.document(17, text: "换新内容，鲲鹏驿站。")
        for number in before..<max(before, after) { new[number] = Self.document(number, text: "新增稿件\(number)，貔貅出现。") }
        let files = try #require(try Self.resized(try Self.files(old), from: old, to: new, inPlace: [17]))
        let whole = try Self.files(new)
        #expect(Set(files.keys) == Set(whole.keys))
        #expect(files.keys.filter { files[$0] != whole[$0] }.sorted() == [])
    }

    @Test("the length tables an update makes again: those of the documents changed or added, and the last one when documents went from the end and left part of it")
    func lengthTablesChanged() {
        let size = SearchIndex.lengthsPerFile
        #expect(SearchIndex.lengthTablesChanged([17, 3 * size - 1, 3 * size, 3 * size + 1], count: 3 * size + 2, oldCount: 3 * size - 1) == [0, 2, 3])
        #expect(SearchIndex.lengthTablesChanged([size + 5], count: 3 * size - 1, oldCount: 3 * size + 2) == [1, 2], "documents gone from the last table")
        #expect(SearchIndex.lengthTablesChanged([], count: 3 * size, oldCount: 3 * size + 2) == [], "the third table whole, the fourth gone")
        #expect(SearchIndex.lengthTablesChanged([], count: 0, oldCount: 5) == [])
        #expect(SearchIndex.lengthTablesChanged([2], count: 10, oldCount: 10) == [0])
    }

    @Test("a change of count that changes the number of shards is left to a whole build")
    func newShardCount() throws {
        let old = (0..<64).map { Self.document($0) }
        let new = (0..<65).map { Self.document($0) }
        #expect(SearchIndex.shardCount(documents: 64) != SearchIndex.shardCount(documents: 65))
        #expect(try Self.resized(try Self.files(old), from: old, to: new, inPlace: []) == nil)
        #expect(try Self.resized(try Self.files(old), from: old, to: Array(new.prefix(63)), inPlace: []) != nil, "fewer stories, the same shards")
    }

    @Test("an index it cannot read, or a fragment cut short, is left to a whole build")
    func declines() throws {
        let long = String(repeating: "职工", count: SearchIndex.fragmentTextLimit)
        var before = (0..<20).map { Self.document($0) }
        before[5] = Self.document(5, text: long)
        let old = try Self.files(before)
        var after = before
        after[5] = Self.document(5, text: "短了。")
        #expect(try Self.updated(old, from: before, to: after, changed: [5]) == nil, "the old text of story 5 is not all in its fragment")

        after = before
        after[6] = Self.document(6, text: "换了内容。")
        var broken = old
        for path in broken.keys where path.hasSuffix(".bin") { broken[path] = broken[path]!.prefix(broken[path]!.count - 1) }
        #expect(try Self.updated(broken, from: before, to: after, changed: [6]) == nil, "shards cut short")
        var missing = old
        missing[SearchIndex.fragmentPath(6)] = nil
        #expect(try Self.updated(missing, from: before, to: after, changed: [6]) == nil, "no old fragment")
        #expect(try Self.updated(old, from: before, to: after, changed: [6]) != nil, "the same change on the intact index")
    }

    @Test("postings moved to a temporary file, batch after batch, give the index made in memory")
    func spilledPostings() throws {
        // More documents than one batch, so a token's list is cut between the file and memory.
        let documents = (0..<1300).map { Self.document($0) }
        let inMemory = try Self.files(documents)
        let output = MemoryOutput()
        let written = try #require(try SearchIndex.write(count: documents.count, document: { documents[$0] }, memoryBudget: 1,
                                                         emit: { _, path, data in try output.write(path, data) }))
        #expect(written.files == inMemory.count)
        #expect(output.snapshot.keys.filter { output.snapshot[$0] != inMemory[$0] }.sorted() == [])
    }

    @Test("a length class is one byte for any story, depends on the story alone and stays within an eighth of the length")
    func lengthClasses() {
        #expect(SearchIndexFormat.lengthClass(Int.max) <= 255)
        var previous = 0
        for length in Array(1...5000) + stride(from: 5000, through: 262_143, by: 97).map({ $0 }) + [262_143] {
            let value = SearchIndexFormat.lengthClass(length)
            #expect(value < 128, "\(length)")
            #expect(value >= previous, "never smaller for a longer story: \(length)")
            previous = value
            let middle = SearchIndexFormat.length(ofClass: value)
            #expect(abs(middle - Double(length)) <= Double(length) / 8, "\(length) → \(value) → \(middle)")
        }
        #expect(SearchIndexFormat.lengthClass(0) == SearchIndexFormat.lengthClass(1))
    }
}

@Suite("The search index's file paths")
struct SearchIndexPathTests {
    @Test("a path is told to be a file's from its bytes exactly when it is that file's path")
    func isPath() {
        for documents in [0, 1, 7, 300, 5_000, 40_000] {
            let files = SearchIndex.fileCount(documents: documents)
            let tables = SearchIndex.lengthFileCount(documents: documents)
            #expect(tables == (documents + SearchIndex.lengthsPerFile - 1) / SearchIndex.lengthsPerFile)
            if tables > 0 {
                #expect(SearchIndex.path(ofFile: files - 1, documents: documents) == SearchIndex.lengthsPath(tables - 1))
                #expect(SearchIndex.path(ofFile: files - tables, documents: documents) == SearchIndex.lengthsPath(0))
                #expect(SearchIndex.path(ofFile: files - tables - 1, documents: documents) == SearchIndex.fragmentPath(documents - 1))
            }
            let edges = [files - tables - 1, files - tables, files - tables + 1]
            let numbers = Set(([0, 1, 2, 9, 10, 11, 99, 100, 101, files / 2, files - 2, files - 1] + edges).filter { $0 >= 0 && $0 < files })
            for number in numbers {
                let path = SearchIndex.path(ofFile: number, documents: documents)
                #expect(SearchIndex.isPath(path, ofFile: number, documents: documents), "\(path)")
                for other in [number - 1, number + 1, number + 10] where other >= 0 && other < files {
                    #expect(!SearchIndex.isPath(path, ofFile: other, documents: documents), "\(path) is not file \(other)")
                }
            }
        }
        for wrong in ["search/docs/07.json", "search/docs/.json", "search/docs/7.jsonx", "xsearch/docs/7.json", "search/docs/7", "search/index-7.json", "search/docs/-7.json"] {
            #expect(!SearchIndex.isPath(wrong, ofFile: 1 + SearchIndex.shardCount(documents: 100) + 7, documents: 100), "\(wrong)")
        }
        #expect(!SearchIndex.isPath("search/lengths-0.bin", ofFile: 1, documents: 100), "a length table is not shard 0")
        #expect(!SearchIndex.isPath("search/index-0.bin", ofFile: SearchIndex.fileCount(documents: 100) - 1, documents: 100))
    }
}
