import Foundation

/// Gives each heading of a rendered body an `id` made from its text, as GitHub does, so that a link
/// to a section of a story (`rider.md#名单`, `#二服务到位`) lands on it: letters, digits and
/// characters of every script kept (Latin letters lowercased), spaces made `-`, punctuation left
/// out; a second heading of the same text gets `-1`, a third `-2`.
enum HeadingAnchors {
    /// `html` with an `id` on each `<h1>`…`<h6>` cmark-gfm rendered (opening tags without
    /// attributes); `html` itself when it has none.
    static func withIDs(_ html: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var used: [String: Int] = [:]
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
            let closing: [UInt8] = Array("</h".utf8) + [level, UInt8(ascii: ">")]
            let contentStart = index + 4
            guard let contentEnd = html[contentStart...].firstRange(of: closing)?.lowerBound else { break }
            var id = anchor(ofHeadingHTML: html[contentStart..<contentEnd])
            if let times = used[id] {
                used[id] = times + 1
                id += "-\(times)"
            } else {
                used[id] = 1
            }
            if result.isEmpty { result.reserveCapacity(count + 64) }
            result += html[copied..<(index + 3)]
            result += Array(" id=\"\(id)\"".utf8)
            copied = index + 3
            index = contentEnd + closing.count
        }
        guard copied > 0 else { return html }
        result += html[copied...]
        return result
    }

    /// The anchor of a heading whose inner HTML is `inner`: its text without tags or entities, as
    /// GitHub makes one; `section` when nothing is left.
    static func anchor(ofHeadingHTML inner: ArraySlice<UInt8>) -> String {
        var text = ""
        var inTag = false
        for scalar in String(decoding: inner, as: UTF8.self).unicodeScalars {
            if scalar == "<" { inTag = true; continue }
            if scalar == ">" { inTag = false; continue }
            if !inTag { text.unicodeScalars.append(scalar) }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        var anchor = ""
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            if scalar == " " || scalar == "-" {
                anchor.unicodeScalars.append("-")
            } else if scalar == "_" || properties.isAlphabetic || properties.numericType != nil {
                anchor.unicodeScalars.append(scalar)
            }
        }
        return anchor.isEmpty ? "section" : anchor
    }
}
