import Foundation
import NewsModel

/// Counts how often each of a fixed set of phrases occurs in a text, in one pass over the text.
///
/// Matching hundreds of place names and keywords one `range(of:)` at a time costs a pass per name;
/// this indexes the phrases by their first scalar instead, and walks the text's UTF-8 bytes: a
/// phrase matches where its bytes stand, which is where its scalars do. The index of a scalar of
/// the Basic Multilingual Plane is a table entry, not a hash (a page dump's stories are counted
/// twice each, with hundreds of phrases; hashing every scalar of every story was most of it).
struct PhraseCounter: Sendable {
    /// The phrases, in the order their counts are returned.
    let phrases: [String]
    /// Each phrase's UTF-8 bytes.
    private let phraseBytes: [[UInt8]]
    /// The numbers of the phrases that begin with the same scalar, one list per such scalar.
    private let groups: [[Int]]
    /// For each scalar of the Basic Multilingual Plane, its group's position plus one (0: none).
    private let groupOfBMPScalar: [Int32]
    /// The same for the scalars beyond it.
    private let groupOfOtherScalar: [UInt32: Int]

    /// Prepares to count `phrases`; empty phrases never match.
    init(_ phrases: [String]) {
        self.phrases = phrases
        phraseBytes = phrases.map { Array($0.utf8) }
        var groups: [[Int]] = []
        var bmp = [Int32](repeating: 0, count: 0x10000)
        var other: [UInt32: Int] = [:]
        for (number, phrase) in phrases.enumerated() {
            guard let first = phrase.unicodeScalars.first?.value else { continue }
            let known = first < 0x10000 ? Int(bmp[Int(first)]) - 1 : (other[first] ?? -1)
            if known >= 0 {
                groups[known].append(number)
                continue
            }
            groups.append([number])
            if first < 0x10000 { bmp[Int(first)] = Int32(groups.count) } else { other[first] = groups.count - 1 }
        }
        (self.groups, groupOfBMPScalar, groupOfOtherScalar) = (groups, bmp, other)
    }

    /// Occurrences of every phrase in `text` (overlapping occurrences of one phrase count once each).
    func counts(in text: String) -> [Int] {
        var counts = Array(repeating: 0, count: phrases.count)
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var index = 0
            while index < bytes.count {
                let start = index
                let scalar = TextMetrics.decode(bytes, &index)
                let group = scalar < 0x10000 ? Int(groupOfBMPScalar[Int(scalar)]) - 1 : (groupOfOtherScalar[scalar] ?? -1)
                guard group >= 0 else { continue }
                for number in groups[group] {
                    let phrase = phraseBytes[number]
                    if phrase.count <= bytes.count - start, memcmp(base + start, phrase, phrase.count) == 0 { counts[number] += 1 }
                }
            }
        }
        return counts
    }
}
