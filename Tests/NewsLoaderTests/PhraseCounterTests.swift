@testable import NewsLoader
import Testing
import TestSupport

/// The phrase counter behind region and topic matching.
@Suite("Phrase counts")
struct PhraseCounterTests {
    /// The counts as the definition gives them: at every scalar, every phrase whose scalars follow.
    static func reference(_ phrases: [String], _ text: String) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        return phrases.map { phrase in
            let wanted = Array(phrase.unicodeScalars)
            guard !wanted.isEmpty, wanted.count <= scalars.count else { return 0 }
            return (0...(scalars.count - wanted.count)).filter { Array(scalars[$0..<$0 + wanted.count]) == wanted }.count
        }
    }

    @Test("counts names, overlapping and repeated, phrases sharing a first character, and none for the empty phrase")
    func examples() {
        let counter = PhraseCounter(["杭州", "杭州市", "州市", "", "工会", "总工会", "AA"])
        #expect(counter.counts(in: "杭州市总工会和杭州工会") == [2, 1, 1, 0, 2, 1, 0])
        #expect(counter.counts(in: "AAA") == [0, 0, 0, 0, 0, 0, 2])
        #expect(counter.counts(in: "") == [0, 0, 0, 0, 0, 0, 0])
    }

    @Test("counts as the definition does on mixed texts: scalars beyond the Basic Multilingual Plane, combining marks, a phrase cut inside a character")
    func asDefined() {
        var generator = SeededGenerator(seed: 5)
        let pieces = ["杭", "州", "市", "工", "会", "总", "e", "\u{301}", "é", "𠀀", "𠀁", "👷", "\r\n", "a", " "]
        func text(_ length: Int) -> String {
            (0..<Int.random(in: 0...length, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        for _ in 0..<300 {
            let phrases = (0..<8).map { _ in text(3) } + ["e", "e\u{301}", "𠀀𠀁", "\n"]
            let counter = PhraseCounter(phrases)
            for _ in 0..<10 {
                let sample = text(40)
                #expect(counter.counts(in: sample) == Self.reference(phrases, sample), "\(phrases.map(\.debugDescription)) in \(sample.debugDescription)")
            }
        }
    }
}
