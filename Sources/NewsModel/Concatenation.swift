extension String {
    /// `first`, `second` and `third` one after the other, made in one allocation: `+` and
    /// interpolation grow a string a part at a time, which costs several times as much for the short
    /// paths and URLs a build makes for every story.
    public static func concatenating(_ first: String, _ second: String, _ third: String = "") -> String {
        let count = first.utf8.count + second.utf8.count + third.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var end = 0
            func append(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
                (buffer.baseAddress! + end).initialize(from: start, count: bytes.count)
                end += bytes.count
            }
            first.withUTF8InPlace(append)
            second.withUTF8InPlace(append)
            third.withUTF8InPlace(append)
            return end
        }
    }
}
