import Foundation

/// The search tokenizer. `Templates/Assets/search.js` implements the same rules, and shared test
/// vectors keep the two equal:
///
/// - Unicode NFKC, then lowercase (full-width and half-width forms fold together).
/// - CJK text: every character, and every overlapping pair of characters (bigram).
/// - Latin letters and digits: lowercase words.
/// - Anything else separates tokens.
///
/// For a query, a CJK run of two or more characters gives its bigrams only, so a one-character
/// query still finds stories through the single-character tokens.
public enum SearchTokenizer {
    /// Tokens of `text`, in order, with repeats.
    /// - Parameters:
    ///   - text: the text.
    ///   - forQuery: true to tokenize a query rather than a document.
    public static func tokens(_ text: String, forQuery: Bool = false) -> [String] {
        let normal = text.precomposedStringWithCompatibilityMapping.lowercased()
        var tokens: [String] = []
        var run: [Unicode.Scalar] = []
        var word = ""
        func flushRun() {
            if run.count == 1 || !forQuery { tokens += run.map { String($0) } }
            if run.count >= 2 {
                for index in 0..<(run.count - 1) { tokens.append(String(run[index]) + String(run[index + 1])) }
            }
            run = []
        }
        func flushWord() {
            if !word.isEmpty { tokens.append(word) }
            word = ""
        }
        for scalar in normal.unicodeScalars {
            if isCJK(scalar) {
                flushWord()
                run.append(scalar)
            } else if isWordCharacter(scalar) {
                flushRun()
                word.unicodeScalars.append(scalar)
            } else {
                flushRun()
                flushWord()
            }
        }
        flushRun()
        flushWord()
        return tokens
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2A6DF, 0x3040...0x30FF: return true
        default: return false
        }
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    /// The 32-bit FNV-1a hash of the token's UTF-8 bytes: which shard a token lives in.
    public static func shardHash(_ token: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in token.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }
}
