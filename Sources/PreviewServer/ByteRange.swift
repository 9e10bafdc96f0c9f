import Foundation

/// A request's `Range` header read against a file of a known size (RFC 9110 §14): a browser asks
/// for part of a film to seek in it, or to start playing before the rest has come.
enum ByteRange: Equatable, Sendable {
    /// The whole file: no range asked, one the server may ignore (several ranges, another unit, a
    /// header it cannot read), or a file of no bytes.
    case whole
    /// The bytes from `lowerBound` to `upperBound`, both included, within the file.
    case part(ClosedRange<Int>)
    /// A range that starts past the file's end: answered 416.
    case unsatisfiable

    /// The range `header` asks for in a file of `size` bytes.
    static func read(_ header: String?, size: Int) -> ByteRange {
        guard let header, size > 0 else { return .whole }
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return .whole }
        let spec = text.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else { return .whole }
        let (first, last) = (spec[..<dash], spec[spec.index(after: dash)...])
        guard first.allSatisfy(\.isASCIIDigit), last.allSatisfy(\.isASCIIDigit) else { return .whole }
        if first.isEmpty {
            // The last n bytes.
            guard let count = Int(last) else { return last.isEmpty ? .whole : .part(0...(size - 1)) }
            guard count > 0 else { return .unsatisfiable }
            return .part(max(0, size - count)...(size - 1))
        }
        // Digits too many for an Int start past any file.
        guard let start = Int(first) else { return .unsatisfiable }
        guard start < size else { return .unsatisfiable }
        guard !last.isEmpty else { return .part(start...(size - 1)) }
        let end = Int(last) ?? Int.max
        guard end >= start else { return .whole }
        return .part(start...min(end, size - 1))
    }
}

extension Character {
    /// `0` to `9`, and nothing else that Unicode calls a digit.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
