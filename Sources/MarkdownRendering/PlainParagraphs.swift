extension MarkdownRenderer {
    /// The literal text `collectedText(of:)` gives for `bytes`, worked out without cmark-gfm when
    /// the bytes are plain paragraphs only: text in which no Markdown construct can start. `nil`
    /// for any other text, which is parsed as usual.
    ///
    /// A story's opening (its summaries' source) is usually a few paragraphs of prose; parsing
    /// them with cmark cost a fifth of loading a Markdown story. The bytes are plain paragraphs when:
    /// - No inline extension could match (`needsInlineExtensions` is false), so a parse would
    ///   attach the block extensions only.
    /// - No byte can open an inline construct or a table: `\`, `` ` ``, `*`, `_`, `[`, `]`, `<`,
    ///   `>`, `&`, `|` (and `~`, `@`, which the extensions' test already refused).
    /// - No control character but the line feed: no tab, carriage return, NUL or form feed.
    /// - Every line that is not empty starts with a byte no block starts with: a letter, a byte
    ///   of a non-ASCII character, or digits that no `.` or `)` follows (an ordered list's marker).
    ///   So no heading, quote, list, code, fence, thematic break, HTML block, link reference
    ///   definition, table row or setext underline, and no indentation.
    /// - No line ends with a space: a paragraph's lines are their text as they stand, and each
    ///   line break is a soft one.
    /// - The text does not start with a byte-order mark, which cmark would skip.
    ///
    /// Then each run of lines that are not empty is a paragraph: its lines joined as soft line
    /// breaks join them (`appendLineJoin`), followed by a blank line.
    static func plainParagraphsText(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard !needsInlineExtensions(bytes) else { return nil }
        let count = bytes.count
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return nil }
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var text: [UInt8] = []
        text.reserveCapacity(count + 2)
        var lineStart = 0
        var inParagraph = false
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A {
                // Eight bytes at a time while each is a byte of a non-ASCII character (Chinese text).
                while lineEnd + 8 <= count,
                      UnsafeRawPointer(bytes.baseAddress! + lineEnd).loadUnaligned(as: UInt64.self) & highBits == highBits {
                    lineEnd += 8
                }
                guard lineEnd < count, bytes[lineEnd] != 0x0A else { break }
                guard !opensConstruct(bytes[lineEnd]) else { return nil }
                lineEnd += 1
            }
            if lineEnd == lineStart {
                if inParagraph { text.append(contentsOf: [0x0A, 0x0A]) }
                inParagraph = false
            } else {
                guard startsPlainLine(bytes, at: lineStart, end: lineEnd), bytes[lineEnd - 1] != 0x20 else { return nil }
                if inParagraph { appendLineJoin(&text) }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
                inParagraph = true
            }
            lineStart = lineEnd + 1
        }
        if inParagraph { text.append(contentsOf: [0x0A, 0x0A]) }
        return text
    }

    /// Whether `byte` may open an inline construct or a table, or is a control character other
    /// than the line feed (which the caller splits lines at).
    @inline(__always)
    private static func opensConstruct(_ byte: UInt8) -> Bool {
        guard byte < 0x80 else { return false }
        if byte < 0x20 || byte == 0x7F { return true }
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "|"):
            return true
        default:
            return false
        }
    }

    /// Whether the line `start..<end` (not empty) starts with a byte no block construct starts
    /// with: a letter, a byte of a non-ASCII character, or digits followed by anything but `.`
    /// or `)`.
    private static func startsPlainLine(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Bool {
        let first = bytes[start]
        if first >= 0x80 || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z")) { return true }
        guard first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
        var index = start
        while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index == end || (bytes[index] != UInt8(ascii: ".") && bytes[index] != UInt8(ascii: ")"))
    }
}
