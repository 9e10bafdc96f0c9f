import Foundation

/// The loader's decoding of a source file's bytes, for tools that read bytes themselves (the fuzz
/// targets feed raw inputs through it so they see exactly what `load(source:)` would).
public enum SourceDecoding {
    /// Decodes `data` as a source file is decoded: UTF-8 with or without a byte-order mark, or
    /// GB18030/GBK.
    /// - Parameter data: the file's bytes.
    /// - Returns: the text, or `nil` when the bytes hold a NUL or are in neither encoding (the loader
    ///   reports those files as errors).
    public static func text(from data: Data) -> String? {
        try? SourceText.decode(data)
    }
}
