/// Eight bytes of text read as one word, for escapers that pass over runs needing no escape a word
/// at a time. Both tests may answer true when no byte matches (a borrow between bytes), never false
/// when one does: a true only makes the caller look at each byte.
enum ByteWord {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` may be `byte`.
    @inline(__always)
    static func mayContain(_ byte: UInt8, in word: UInt64) -> Bool {
        let value = word ^ (ones &* UInt64(byte))
        return (value &- ones) & ~value & highs != 0
    }

    /// Whether some byte of `word` may be below `limit` (at most 128). No byte of text beyond ASCII is.
    @inline(__always)
    static func mayHoldByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }
}
