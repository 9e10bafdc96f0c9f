import Foundation

/// Gives each heading of a rendered body an `id` made from its text, as GitHub does, so that a link
/// to a section of a story (`rider.md#名单`, `#二服务到位`) lands on it: letters, digits and
/// characters of every script kept (Latin letters lowercased), spaces made `-`, punctuation left
/// out; a second heading of the same text gets `-1`, a third `-2` (the next number whose id is free).
enum HeadingAnchors {
    private static let idOpening = Array(" id=\"".utf8)

    /// Ids the article page gives outside the body (`Templates`' `main`, `related-heading`) and the
    /// preview adds: a heading of that text takes the next free one (`main-1`), so no id is given twice.
    static let reservedIDs = ["main", "related-heading", "latest-heading", "regions-heading", "topics-heading",
                              "unionpress-warnings", "unionpress-live-reload"]

    /// `html` with an `id` on each `<h1>`…`<h6>` cmark-gfm rendered (opening tags without
    /// attributes); `html` itself when it has none.
    static func withIDs(_ html: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        // The ids the page around the body gives (the article page's, the preview's) count as used.
        var used: [(anchor: [UInt8], times: Int)] = reservedIDs.map { (Array($0.utf8), 1) }
        var copied = 0
        var index = 0
        let count = html.count
        while index + 3 < count {
            // The next `<`, found with `memchr` (text runs between tags are skipped whole).
            guard let next = html.withUnsafeBufferPointer({ buffer -> Int? in
                memchr(buffer.baseAddress! + index, Int32(UInt8(ascii: "<")), count - index - 3)
                    .map { buffer.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            }) else { break }
            index = next
            // `<hN>` where N is 1…6.
            guard html[index + 1] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(html[index + 2]),
                  html[index + 3] == UInt8(ascii: ">") else {
                index += 1
                continue
            }
            let level = html[index + 2]
            let contentStart = index + 4
            // The heading's closing tag `</hN>` (a heading holds no other `</h`).
            var end = contentStart
            while end + 4 < count, !(html[end] == UInt8(ascii: "<") && html[end + 1] == UInt8(ascii: "/") && html[end + 2] == UInt8(ascii: "h")
                                      && html[end + 3] == level && html[end + 4] == UInt8(ascii: ">")) { end += 1 }
            guard end + 4 < count else { break }
            let contentEnd = end
            let closingLength = 5
            var id = anchor(ofHeadingHTML: html[contentStart..<contentEnd])
            // A footnote's ids (`fn-1`, `fnref-1`) are cmark's: a heading of that text takes another.
            if id.starts(with: Array("fn-".utf8)) || id.starts(with: Array("fnref-".utf8)), !used.contains(where: { $0.anchor == id }) {
                used.append((id, 1))
            }
            // A story has few headings: the anchors so far are looked through, not hashed. A text
            // given before takes the next number whose id is free (`名单`, `名单-1`, and a heading
            // `名单-1` after them `名单-1-1`), as GitHub numbers them.
            if let seen = used.firstIndex(where: { $0.anchor == id }) {
                var candidate: [UInt8]
                repeat {
                    candidate = id + Array("-\(used[seen].times)".utf8)
                    used[seen].times += 1
                } while used.contains(where: { $0.anchor == candidate })
                id = candidate
            }
            used.append((id, 1))
            if result.isEmpty { result.reserveCapacity(count + 64) }
            result += html[copied..<(index + 3)]
            result += Self.idOpening
            result += id
            result.append(UInt8(ascii: "\""))
            copied = index + 3
            index = contentEnd + closingLength
        }
        guard copied > 0 else { return html }
        result += html[copied...]
        return result
    }

    /// The scalar of the UTF-8 `bytes` of one (valid, as cmark's output is).
    private static func scalar(_ bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var value: UInt32
        switch bytes.count {
        case 2: value = UInt32(bytes.first! & 0x1F)
        case 3: value = UInt32(bytes.first! & 0x0F)
        case 4: value = UInt32(bytes.first! & 0x07)
        default: return nil
        }
        for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        return Unicode.Scalar(value)
    }

    /// The anchor of a heading whose inner HTML is `inner`, as UTF-8: its text without tags or
    /// entities, as GitHub makes one; `section` when nothing is left.
    static func anchor(ofHeadingHTML inner: ArraySlice<UInt8>) -> [UInt8] {
        var anchor: [UInt8] = []
        var inTag = false
        var index = inner.startIndex
        while index < inner.endIndex {
            let byte = inner[index]
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "<"): inTag = true
            case UInt8(ascii: "&"):
                // An entity (cmark escapes `&<>"` so): punctuation, left out.
                while index < inner.endIndex, inner[index] != UInt8(ascii: ";") { index += 1 }
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): anchor.append(byte | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): anchor.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "-"): anchor.append(UInt8(ascii: "-"))
            case 0..<0x80: break   // other ASCII: punctuation
            default:
                // A scalar beyond ASCII: its bytes, as far as the next lead byte.
                var end = index + 1
                while end < inner.endIndex, inner[end] & 0xC0 == 0x80 { end += 1 }
                let bytes = inner[index..<end]
                if let scalar = Self.scalar(bytes) {
                    switch scalar.value {
                    case 0x4E00...0x9FFF, 0x3400...0x4DBF: anchor += bytes   // Han, the common case
                    case 0x3000...0x3004, 0x3008...0x3020, 0x3030, 0x303D...0x303F, 0x2010...0x205F, 0xFF01...0xFF0F, 0xFF1A...0xFF20: break   // punctuation
                    default:
                        let properties = scalar.properties
                        if properties.isAlphabetic || properties.numericType != nil { anchor += Array(properties.lowercaseMapping.utf8) }
                    }
                }
                index = end
                continue
            }
            index += 1
        }
        return anchor.isEmpty ? Array("section".utf8) : anchor
    }
}
