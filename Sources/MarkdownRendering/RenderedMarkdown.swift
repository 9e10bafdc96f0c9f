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
    public var plainText: String { String(decoding: plainTextUTF8, as: UTF8.self) }
    /// `plainText` as UTF-8 bytes, valid as `htmlUTF8` is (cmark-gfm's literal text of valid
    /// Markdown), for a reader that needs the bytes only: making the string checks every byte again.
    public var plainTextUTF8: [UInt8]
    /// The headings, in document order.
    public var headings: [Heading]
    /// How many characters of `plainText` are not whitespace (for a reading time).
    public var characters: Int
    /// The destination of the document's first image (as rewritten, when destinations were), if
    /// it has one: the picture a page's preview on a social site shows.
    public var image: String?

    /// Creates a record.
    public init(htmlUTF8: [UInt8], plainText: String, headings: [Heading], characters: Int) {
        self.init(htmlUTF8: htmlUTF8, plainTextUTF8: Array(plainText.utf8), headings: headings, characters: characters)
    }

    /// Creates a record whose plain text is given as bytes, which must be valid UTF-8.
    public init(htmlUTF8: [UInt8], plainTextUTF8: [UInt8], headings: [Heading], characters: Int) {
        self.htmlUTF8 = htmlUTF8
        self.plainTextUTF8 = plainTextUTF8
        self.headings = headings
        self.characters = characters
    }
}
