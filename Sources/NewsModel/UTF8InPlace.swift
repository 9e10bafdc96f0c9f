extension String {
    /// Calls `body` with the string's UTF-8 bytes, read where they lie when the string is stored
    /// contiguously (every native string), and from a contiguous copy only otherwise.
    ///
    /// `withUTF8` is mutating: a caller holding the string only to read it makes a copy to call it,
    /// a retain of the string's storage — at 100,000 stories, one per path, slug or headline hashed
    /// or joined, each on memory not touched for a while.
    @inlinable
    public func withUTF8InPlace<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
