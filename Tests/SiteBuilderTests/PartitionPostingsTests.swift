import Foundation
@testable import SiteBuilder
import Testing
import TestSupport

/// The gatherer adds a document's entries to each token's list, moving the lists to a temporary
/// file when told to: what it gives back must be, for every token, the plain list — each
/// document's number as a difference from the token's previous one, then its entry.
@Suite("Search postings gathered by partition")
struct PartitionPostingsTests {
    /// Documents of `length` characters drawn from a few ideographs, so that every single character
    /// has an entry in nearly every document.
    static func entries(documents: Int, length: Int, partitions: Int) -> [SearchIndex.DocumentEntries] {
        let alphabet = Array("工会职工技能竞赛新就业形态服务建会入会产改劳模工匠")
        var generator = SeededGenerator(seed: 7)
        return (0..<documents).map { _ in
            let scalars = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))].unicodeScalars.first! }
            var entries = SearchIndex.DocumentEntries(scalars: scalars, headlineLength: 5)
            entries.arrange(partitions: partitions)
            return entries
        }
    }

    /// The plain lists: token → (entry count, bytes).
    static func reference(_ documents: [SearchIndex.DocumentEntries]) -> [UInt64: (Int, [UInt8])] {
        var lists: [UInt64: (count: Int, last: Int, bytes: [UInt8])] = [:]
        for (number, entries) in documents.enumerated() {
            for (index, key) in entries.keys.enumerated() {
                var list = lists[key.raw] ?? (0, 0, [])
                SearchIndexFormat.appendVarint(number - list.last, to: &list.bytes)
                list.bytes += entries.bytes[entries.entryRange(index)]
                list.count += 1
                list.last = number
                lists[key.raw] = list
            }
        }
        return lists.mapValues { ($0.count, $0.bytes) }
    }

    /// What the tables give back: token → (entry count, bytes from the file, then from memory).
    static func gathered(_ tables: [SearchIndex.PartitionTable], spill: PostingSpill?) throws -> [UInt64: (Int, [UInt8])] {
        var result: [UInt64: (Int, [UInt8])] = [:]
        for table in tables {
            for (key, postings) in table.takePostings() {
                var bytes: [UInt8] = []
                for chunk in postings.chunks { try #require(spill).read(chunk, into: &bytes) }
                bytes += postings.bytes
                #expect(bytes.count == postings.byteCount)
                #expect(result[key.raw] == nil, "a token in two partitions")
                result[key.raw] = (postings.count, bytes)
            }
        }
        return result
    }

    @Test("long lists, moved to the file between documents or not, in two partitions, are the plain lists",
          arguments: [[], [700], [300, 301, 1500, 2999]])
    func listsArePlain(spillAfter: [Int]) throws {
        let partitions = 2
        let documents = Self.entries(documents: 3000, length: 240, partitions: partitions)
        let tables = (0..<partitions).map { _ in SearchIndex.PartitionTable() }
        let spill = spillAfter.isEmpty ? nil : try PostingSpill()
        for (number, entries) in documents.enumerated() {
            for partition in 0..<partitions {
                tables[partition].add(entries, document: number, partition: partition, of: partitions)
            }
            if spillAfter.contains(number) {
                for table in tables { try table.spill(to: try #require(spill)) }
                #expect(tables.allSatisfy { $0.heldBytes == 0 })
            }
        }
        let expected = Self.reference(documents)
        let made = try Self.gathered(tables, spill: spill)
        #expect(made.count == expected.count)
        let longest = expected.values.map(\.1.count).max() ?? 0
        #expect(longest > 16_384, "some lists are long")
        for (key, (count, bytes)) in expected {
            let found = made[key]
            #expect(found?.0 == count, "token \(key)")
            #expect(found?.1 == bytes, "token \(key)")
        }
    }

    @Test("tokens spread over every partition, each a partition that exists")
    func partitionsSpread() {
        // The single characters and pairs of a few hundred ideographs.
        let characters = (0x5DE5..<0x5DE5 + 300).compactMap(Unicode.Scalar.init)
        let keys = characters.map { SearchIndex.TokenKey(single: $0) } + zip(characters, characters.dropFirst()).map { SearchIndex.TokenKey($0, $1) }
        for count in 1...5 {
            var sizes = [Int](repeating: 0, count: count)
            for key in keys {
                let partition = key.partition(of: count)
                #expect((0..<count).contains(partition))
                if (0..<count).contains(partition) { sizes[partition] += 1 }
            }
            // Each partition within a quarter of an even share.
            #expect(sizes.allSatisfy { abs($0 * count - keys.count) * 4 <= keys.count }, "\(count) partitions: \(sizes)")
        }
    }

    @Test("an entry is copied whole, whatever its length, and nothing beside it is touched")
    func smallCopies() {
        for count in 1...40 {
            let source = (0..<count).map { UInt8(truncatingIfNeeded: 7 &* $0 &+ 1) }
            // The target inside guard bytes, at an odd offset so that its words are unaligned.
            var target = [UInt8](repeating: 0xEE, count: count + 19)
            source.withUnsafeBufferPointer { from in
                target.withUnsafeMutableBufferPointer { to in
                    SearchIndex.PartitionTable.copySmall(from.baseAddress!, count, to: to.baseAddress! + 9)
                }
            }
            #expect(Array(target[9..<(9 + count)]) == source, "length \(count)")
            #expect(target[..<9].allSatisfy { $0 == 0xEE } && target[(9 + count)...].allSatisfy { $0 == 0xEE }, "length \(count)")
        }
    }
}
