/// Counts how often each of a fixed set of phrases occurs in a text, in one pass over the text.
///
/// Matching hundreds of place names and keywords one `range(of:)` at a time costs a pass per name;
/// this indexes the phrases by their first character instead.
struct PhraseCounter: Sendable {
    /// The phrases, in the order their counts are returned.
    let phrases: [String]
    private let byFirstScalar: [Unicode.Scalar: [(index: Int, scalars: [Unicode.Scalar])]]

    /// Prepares to count `phrases`; empty phrases never match.
    init(_ phrases: [String]) {
        self.phrases = phrases
        var index: [Unicode.Scalar: [(Int, [Unicode.Scalar])]] = [:]
        for (number, phrase) in phrases.enumerated() {
            let scalars = Array(phrase.unicodeScalars)
            guard let first = scalars.first else { continue }
            index[first, default: []].append((number, scalars))
        }
        byFirstScalar = index
    }

    /// Occurrences of every phrase in `text` (overlapping occurrences of one phrase count once each).
    func counts(in text: String) -> [Int] {
        var counts = Array(repeating: 0, count: phrases.count)
        let scalars = Array(text.unicodeScalars)
        for start in scalars.indices {
            guard let candidates = byFirstScalar[scalars[start]] else { continue }
            for candidate in candidates where start + candidate.scalars.count <= scalars.count {
                var matches = true
                for offset in 1..<max(1, candidate.scalars.count) where scalars[start + offset] != candidate.scalars[offset] {
                    matches = false
                    break
                }
                if matches { counts[candidate.index] += 1 }
            }
        }
        return counts
    }
}
