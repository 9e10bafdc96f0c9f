@testable import SiteBuilder
import Testing
import TestSupport

/// A document's entries: for each token (a character, or a pair of neighbouring characters of one
/// class), numbered as it first comes, its entry without the document number.
@Suite("Search analysis of one document")
struct DocumentEntriesTests {
    static func entries(_ text: String, headline: Int = 0) -> SearchIndex.DocumentEntries {
        SearchIndex.DocumentEntries(scalars: Array(text.unicodeScalars), headlineLength: headline)
    }

    @Test("each token's entry: a character's count, doubled, and its count in the headline when it has some; a pair's first position, doubled, and its count and later positions when it has more")
    func entriesWrittenOut() {
        let made = Self.entries("工会工", headline: 1)
        #expect(made.keys.map(\.utf8) == [Array("工".utf8), Array("会".utf8), Array("工会".utf8), Array("会工".utf8)])
        // 工: twice, once in the headline (2 × 2 + 1, 1); 会: once (1 × 2); 工会 once at 0 (0 × 2); 会工 once at 1 (1 × 2).
        let expected: [UInt8] = [5, 1, 2, 0, 2]
        #expect(made.bytes == expected)
        #expect(made.ends == [2, 3, 4, 5])
        let repeated = Self.entries("工会工会")
        // 工 and 会 twice (2 × 2); 工会 at 0 and 2 (0 × 2 + 1, a count of 2, then 2 − 0); 会工 once at 1 (1 × 2).
        let repeatedExpected: [UInt8] = [4, 4, 1, 2, 2, 2]
        #expect(repeated.bytes == repeatedExpected)
        #expect(repeated.ends == [1, 2, 5, 6])
        let spaced = Self.entries("ab 工")
        #expect(spaced.keys.map(\.utf8) == [Array("a".utf8), Array("b".utf8), Array("ab".utf8), Array("工".utf8)],
                "no pair across a space or across classes")
    }

    /// The entries as the format describes them, made plainly: tokens numbered as they first come,
    /// each with its positions in text order.
    static func reference(_ scalars: [Unicode.Scalar], headline: Int) -> (keys: [UInt64], bytes: [UInt8]) {
        var keys: [UInt64] = []
        var positions: [UInt64: [Int]] = [:]
        func occur(_ key: SearchIndex.TokenKey, _ position: Int) {
            if positions[key.raw] == nil { keys.append(key.raw) }
            positions[key.raw, default: []].append(position)
        }
        for (position, scalar) in scalars.enumerated() where SearchTokenizer.characterClass(scalar) != 0 {
            occur(SearchIndex.TokenKey(single: scalar), position)
            if position > 0, SearchTokenizer.characterClass(scalars[position - 1]) == SearchTokenizer.characterClass(scalar) {
                occur(SearchIndex.TokenKey(scalars[position - 1], scalar), position - 1)
            }
        }
        var bytes: [UInt8] = []
        for key in keys {
            let list = positions[key]!
            if SearchIndex.TokenKey(raw: key).isPair {
                SearchIndexFormat.appendVarint(list[0] * 2 + (list.count > 1 ? 1 : 0), to: &bytes)
                if list.count > 1 {
                    SearchIndexFormat.appendVarint(list.count, to: &bytes)
                    for index in 1..<list.count { SearchIndexFormat.appendVarint(list[index] - list[index - 1], to: &bytes) }
                }
            } else {
                let inHeadline = list.count { $0 < headline }
                SearchIndexFormat.appendVarint(list.count * 2 + (inHeadline > 0 ? 1 : 0), to: &bytes)
                if inHeadline > 0 { SearchIndexFormat.appendVarint(inHeadline, to: &bytes) }
            }
        }
        return (keys, bytes)
    }

    @Test("entries equal the plain reference, for text that repeats itself, text whose every character and pair is new (the table doubles), and text with characters beyond the Basic Multilingual Plane",
          arguments: [0, 1, 2, 3])
    func matchesReference(kind: Int) {
        var generator = SeededGenerator(seed: UInt64(kind + 11))
        let alphabet = Array("工会职工技能竞赛新就业形态服务建会入会产改劳模工匠 AI5G，。".unicodeScalars)
        let scalars: [Unicode.Scalar] = switch kind {
        case 0: (0..<4_000).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        case 1: (0..<3_000).map { Unicode.Scalar(0x4E00 + $0)! }
        case 2: (0..<5_000).map { _ in Unicode.Scalar(0x4E00 + UInt32(generator.next() % 20_000))! }
        default: (0..<4_000).map { _ in
            generator.next() % 3 == 0 ? Unicode.Scalar(0x20000 + UInt32(generator.next() % 64))! : alphabet[Int(generator.next() % UInt64(alphabet.count))]
        }
        }
        let made = SearchIndex.DocumentEntries(scalars: scalars, headlineLength: 300)
        let expected = Self.reference(scalars, headline: 300)
        #expect(made.keys.map(\.raw) == expected.keys)
        #expect(made.bytes == expected.bytes)
        #expect(made.ends.last == expected.bytes.count)
        if kind == 1 { #expect(made.keys.count == 2 * 3_000 - 1) }
    }

    @Test("a document's entries do not depend on the documents analysed before it, shorter or longer")
    func independentOfEarlierDocuments() {
        let text = "新就业形态劳动者入会，工会服务站点覆盖骑手"
        let first = Self.entries(text)
        let long = String(repeating: "技能竞赛职工创新工作室劳模工匠", count: 2_000)
        for other in [long, "工", text + "产改", ""] {
            _ = Self.entries(other)
            let again = Self.entries(text)
            #expect(again.keys == first.keys)
            #expect(again.bytes == first.bytes)
            #expect(again.ends == first.ends)
        }
    }

    /// What `scratch` numbers in `scalars`: each token's key and count, and a character's count
    /// in the headline or a pair's first position; then the pairs' later occurrences.
    static func scanned(_ scalars: [Unicode.Scalar], with scratch: SearchIndex.AnalysisScratch) -> [String] {
        scratch.prepare(room: scalars.count * 2)
        let occurrences = scalars.withUnsafeBufferPointer { scratch.scan($0, headlineLength: 2) }
        return (0..<scratch.keyCount).map { number in
            let key = scratch.keys[number]
            let detail = SearchIndex.TokenKey(raw: key).isPair ? scratch.firstPositions[number] : scratch.headlineCounts[number]
            return "\(key):\(scratch.counts[number]):\(detail)"
        } + (0..<occurrences).map { String(scratch.occurrences[$0]) }
    }

    @Test("a scratch numbers each document as a new one would, its table never cleared but when its generations run out")
    func tableGenerations() {
        var generator = SeededGenerator(seed: 5)
        // Characters beyond the Basic Multilingual Plane (kept in the table too: all of them new,
        // with their pairs, fill it past half and double it), repeats, and documents shorter than
        // the one before.
        let distinctBeyond = (0..<1_500).map { Unicode.Scalar(0x20000 + UInt32($0))! }
        let documents: [[Unicode.Scalar]] = [distinctBeyond, Array(distinctBeyond.prefix(30))] + (0..<12).map { number in
            let length = [3_000, 40, 700, 5, 2_500, 1][number % 6]
            return (0..<length).map { _ in
                switch generator.next() % 7 {
                case 0: Unicode.Scalar(0x20000 + UInt32(generator.next() % 300))!
                case 1: "，"
                default: Unicode.Scalar(0x4E00 + UInt32(generator.next() % (number % 2 == 0 ? 40 : 4_000)))!
                }
            }
        }
        for lastGeneration in [1, 2, 3, SearchIndex.AnalysisScratch.generationLimit] {
            let reused = SearchIndex.AnalysisScratch(lastGeneration: lastGeneration)
            for document in documents {
                #expect(Self.scanned(document, with: reused) == Self.scanned(document, with: SearchIndex.AnalysisScratch()),
                        "\(document.count) scalars, generations up to \(lastGeneration)")
            }
        }
    }
}
