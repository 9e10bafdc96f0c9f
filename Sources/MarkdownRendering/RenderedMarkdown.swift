/// What rendering a Markdown document gives: the HTML, the plain text (for search and summaries)
/// and the headings (for tables of contents).
public struct RenderedMarkdown: Sendable, Hashable {
    /// A heading of the document.
    public struct Heading: Sendable, Hashable {
        /// 1 to 6.
        public var level: Int
        /// The heading's text.
        public var text: String

        /// Creates a heading.
        public init(level: Int, text: String) {
            self.level = level
            self.text = text
        }
    }

    /// Safe HTML: raw HTML in the source is dropped, unsafe link schemes are removed.
    public var html: String { String(decoding: htmlUTF8, as: UTF8.self) }
    /// `html` as cmark-gfm wrote it: UTF-8 bytes, valid when the Markdown was (a Swift string, or
    /// bytes checked before), so they need not be checked again on the way into a page.
    public var htmlUTF8: [UInt8]
    /// The text without markup, blocks separated by a blank line.
    public var plainText: String
    /// The headings, in document order.
    public var headings: [Heading]
    /// How many characters of `plainText` are not whitespace (for a reading time).
    public var characters: Int

    /// Creates a record.
    public init(htmlUTF8: [UInt8], plainText: String, headings: [Heading], characters: Int) {
        self.htmlUTF8 = htmlUTF8
        self.plainText = plainText
        self.headings = headings
        self.characters = characters
    }
}
