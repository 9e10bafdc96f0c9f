extension HTML {
    /// This markup with each link and source that climbs to the site's root from its page — an
    /// `href="` or `src="` whose value starts with `root` (`../../`) — made absolute, `root`
    /// replaced by `base` (the site's address, ending in `/`).
    ///
    /// For a story's body in a feed: read away from the page, by readers of which many ignore the
    /// entry's `xml:base`, its pictures, documents and links to other stories (which the renderer
    /// writes relative to the page, from its root) would lead nowhere. Only attributes are
    /// touched: the body has no raw HTML, so a `"` in its text is escaped and `href="` cannot
    /// appear in it but as an attribute.
    func absolutized(root: String, base: String) -> HTML {
        let root = Array(root.utf8)
        guard !root.isEmpty else { return self }
        let base = Array(base.utf8)
        let bytes = utf8
        var result: [UInt8] = []
        var copied = 0
        var index = 0
        /// Whether `name`, then `="` and `root`, ends just before `index + 2` (`index` at the `=`)
        /// and follows a space.
        func isAttribute(_ name: StaticString, at equals: Int) -> Bool {
            let count = name.utf8CodeUnitCount
            guard equals > count else { return false }
            let start = equals - count
            guard bytes[start - 1] == UInt8(ascii: " ") else { return false }
            return name.withUTF8Buffer { name in (0..<count).allSatisfy { bytes[start + $0] == name[$0] } }
        }
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "\""),
               isAttribute("href", at: index) || isAttribute("src", at: index) {
                let value = index + 2
                if bytes.count - value >= root.count, bytes[value..<(value + root.count)].elementsEqual(root) {
                    if result.isEmpty { result.reserveCapacity(bytes.count + 256) }
                    result += bytes[copied..<value]
                    result += base
                    copied = value + root.count
                    index = copied
                    continue
                }
            }
            index += 1
        }
        guard copied > 0 else { return self }
        result += bytes[copied...]
        return HTML(unsafeRawUTF8: result)
    }
}
