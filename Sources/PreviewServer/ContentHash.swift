import Foundation

/// A 64-bit FNV-1a hash of bytes: the validator behind `ETag`s and the site's version.
///
/// It is not cryptographic — it only has to change when a file changes, and to be the same for the
/// same bytes in every run, so a browser's cached copy stays valid across restarts of `serve`.
struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    /// The hash value.
    var value: UInt64

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of no bytes.
    init() { value = Self.offsetBasis }

    /// The hash of `bytes`.
    init(_ bytes: Data) {
        self.init()
        combine(bytes)
    }

    /// The hash of a string's UTF-8.
    init(_ text: String) {
        self.init()
        combine(text)
    }

    /// Folds `bytes` into the hash.
    mutating func combine(_ bytes: Data) {
        var hash = value
        bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* Self.prime
            }
        }
        value = hash
    }

    /// Folds a string's UTF-8 into the hash, followed by a separator so that `"ab","c"` and `"a","bc"` differ.
    mutating func combine(_ text: String) {
        var hash = value
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* Self.prime }
        value = (hash ^ 0xff) &* Self.prime
    }

    /// Folds another hash into this one.
    mutating func combine(_ other: ContentHash) {
        var hash = value
        var word = other.value
        for _ in 0..<8 {
            hash = (hash ^ (word & 0xff)) &* Self.prime
            word >>= 8
        }
        value = hash
    }

    /// Sixteen lowercase hex digits.
    var description: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
