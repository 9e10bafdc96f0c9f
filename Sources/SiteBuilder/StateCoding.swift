import Foundation
import NewsLoader
import NewsModel

/// Writes the build state's compact binary form: variable-length integers and length-prefixed UTF-8.
///
/// The bytes go into memory of the writer's own, written through a pointer: appended to an array,
/// each number cost a check of the array's uniqueness and capacity and a call to copy its bytes
/// (about 670 instructions for each output's record).
struct StateWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    /// How many bytes are written.
    private(set) var count = 0
    private var capacity: Int

    /// A writer with room for `capacity` bytes before it grows.
    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// The bytes written so far, copied.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// What `body` makes of the bytes written so far, read where they lie.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        body(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        memory.initialize(from: start, count: count)
        start.deallocate()
        (start, capacity) = (memory, grown)
    }

    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        reserve(buffer.count)
        (start + count).initialize(from: source, count: buffer.count)
        count += buffer.count
    }

    mutating func unsigned(_ value: UInt64) {
        reserve(10)
        var value = value
        while value >= 0x80 {
            start[count] = UInt8(truncatingIfNeeded: value) | 0x80
            count += 1
            value >>= 7
        }
        start[count] = UInt8(value)
        count += 1
    }

    mutating func int(_ value: Int) {
        let value = Int64(value)
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A time in nanoseconds, in 8 bytes: as a number of variable length it took 9 or 10, read a
    /// byte at a time (every output file, folder and source has one or two).
    mutating func int64(_ value: Int64) { fixed(UInt64(bitPattern: value)) }

    mutating func fixed(_ value: UInt64) {
        reserve(8)
        UnsafeMutableRawPointer(start + count).storeBytes(of: value.littleEndian, as: UInt64.self)
        count += 8
    }

    mutating func bool(_ value: Bool) {
        reserve(1)
        start[count] = value ? 1 : 0
        count += 1
    }

    mutating func string(_ value: String) {
        value.withUTF8InPlace { utf8 in
            unsigned(UInt64(utf8.count))
            append(utf8)
        }
    }

    mutating func string(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func strings(_ values: [String]) {
        unsigned(UInt64(values.count))
        for value in values { string(value) }
    }

    mutating func int(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    /// Bytes made elsewhere, as they are.
    mutating func raw(_ encoded: [UInt8]) {
        encoded.withUnsafeBufferPointer { append($0) }
    }

    /// What `other` wrote, as it is.
    mutating func raw(_ other: borrowing StateWriter) {
        append(UnsafeBufferPointer(start: other.start, count: other.count))
    }

    /// Appends `encoded` as it is, copied at once.
    mutating func raw(_ encoded: StateBytes) {
        encoded.withUInt8Buffer { append($0) }
    }
}

/// Reads what `StateWriter` wrote; any inconsistency is `StateReader.Corrupt`.
struct StateReader {
    /// The state is unreadable: an older format, a cut file, other bytes.
    struct Corrupt: Error {}

    private let bytes: StateBytes
    /// The position of the next byte to read, from the first of `bytes`.
    private var offset = 0

    /// Reads a copy of `bytes`.
    init(_ bytes: [UInt8]) { self.init(StateBytes(bytes)) }

    /// Reads `bytes`, a state or a part of a larger one, from the byte at `offset`.
    init(_ bytes: StateBytes, at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// Where the next byte is read from, for `bytes(since:)`.
    var position: Int { offset }

    /// The bytes read since the reader was at `start` (a `position`), sharing their memory.
    func bytes(since start: Int) -> StateBytes { bytes[start..<offset] }

    /// The next `length` bytes, as they are (sharing the memory of these).
    mutating func raw(_ length: Int) throws(Corrupt) -> StateBytes {
        guard length <= bytes.count - offset else { throw Corrupt() }
        defer { offset += length }
        return bytes[offset..<offset + length]
    }

    mutating func unsigned() throws(Corrupt) -> UInt64 {
        // Most numbers of a state (counts, lengths, flags) fit in one byte.
        guard offset < bytes.count else { throw Corrupt() }
        let first = bytes.buffer[offset]
        guard first >= 0x80 else {
            offset += 1
            return UInt64(first)
        }
        return try longUnsigned()
    }

    private mutating func longUnsigned() throws(Corrupt) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Corrupt() }
            let byte = bytes.buffer[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws(Corrupt) -> Int {
        let raw = try unsigned()
        return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    mutating func int64() throws(Corrupt) -> Int64 { Int64(bitPattern: try fixed()) }

    mutating func count() throws(Corrupt) -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw Corrupt() }
        return Int(value)
    }

    mutating func fixed() throws(Corrupt) -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Corrupt() }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func bool() throws(Corrupt) -> Bool {
        guard offset < bytes.count, bytes.buffer[offset] <= 1 else { throw Corrupt() }
        offset += 1
        return bytes.buffer[offset - 1] == 1
    }

    /// A string; one that recurs across the state is made once by `interner` (see `StringInterner`).
    mutating func string(interning interner: StringInterner? = nil) throws(Corrupt) -> String {
        let length = try count()
        defer { offset += length }
        // Read through a pointer: slicing the bytes would retain and release their storage, which
        // every source of a state shares, for every string (contended when sources decode on
        // several cores).
        let text = UnsafeBufferPointer(rebasing: bytes.uint8Buffer[offset..<offset + length])
        return interner?.string(text) ?? String(decoding: text, as: UTF8.self)
    }

    /// A string's UTF-8 bytes where they lie, nothing made: valid while the bytes this reader
    /// reads are (as long as the reader, or what they were taken from, is in use).
    mutating func stringBytes() throws(Corrupt) -> UnsafeBufferPointer<UInt8> {
        let length = try count()
        defer { offset += length }
        return UnsafeBufferPointer(rebasing: bytes.uint8Buffer[offset..<offset + length])
    }

    /// A string; `known` itself (its storage shared, nothing made) when the bytes are its text.
    mutating func string(reusing known: String) throws(Corrupt) -> String {
        let length = try count()
        defer { offset += length }
        let text = UnsafeBufferPointer(rebasing: bytes.uint8Buffer[offset..<offset + length])
        let same = known.withUTF8InPlace { knownBytes in
            knownBytes.count == length && (length == 0 || memcmp(knownBytes.baseAddress!, text.baseAddress!, length) == 0)
        }
        return same ? known : String(decoding: text, as: UTF8.self)
    }

    /// One of `cases`, written as its position (`allCases` of an enumeration, written as numbers
    /// rather than their raw text).
    mutating func oneOf<Case>(_ cases: [Case]) throws(Corrupt) -> Case {
        let position = try unsigned()
        guard position < UInt64(cases.count) else { throw Corrupt() }
        return cases[Int(position)]
    }

    mutating func optionalString(interning interner: StringInterner? = nil) throws(Corrupt) -> String? {
        try bool() ? try string(interning: interner) : nil
    }

    mutating func strings(interning interner: StringInterner? = nil) throws(Corrupt) -> [String] {
        let number = try count()
        // Most lists of names in a state are empty (no correspondent, no photographer).
        guard number > 0 else { return [] }
        var values: [String] = []
        values.reserveCapacity(number)
        for _ in 0..<number { values.append(try string(interning: interner)) }
        return values
    }

    mutating func optionalInt() throws(Corrupt) -> Int? {
        try bool() ? try int() : nil
    }
}

/// The build state's encoding of the records it keeps. Every stored property of each record is
/// written (the tests check the counts against the types, so a new property cannot be forgotten).
enum StateCoding {
    /// The kinds of story and levels of region, written as their places here (made once: an
    /// enumeration's `allCases` is a new array each time).
    private static let articleKinds = ArticleKind.allCases
    private static let regionLevels = Region.Level.allCases

    /// Stored properties of `Article`, as written by `write(_:article:)`.
    static let articleProperties = 12
    /// Stored properties of `Permalink`, as written by `write(_:article:)`.
    static let permalinkProperties = 4

    static func write(_ writer: inout StateWriter, article: Article) {
        writer.string(article.slug.value)
        writer.string(article.headline.column)
        writer.string(article.headline.kicker)
        writer.string(article.headline.title)
        writer.string(article.headline.subtitle)
        writer.strings(article.byline.reporters)
        writer.strings(article.byline.correspondents)
        writer.strings(article.byline.photographers)
        writer.string(article.attribution)
        writer.unsigned(UInt64(articleKinds.firstIndex(of: article.kind)!))
        writer.bool(article.date != nil)
        if let date = article.date {
            writer.int(date.year)
            writer.int(date.month)
            writer.int(date.day)
        }
        writer.bool(article.edition != nil)
        if let edition = article.edition {
            writer.string(edition.newspaper)
            writer.int(edition.number)
            writer.int(edition.page)
        }
        writer.unsigned(UInt64(article.regions.count))
        for region in article.regions {
            writer.string(region.name)
            writer.string(region.slug)
            writer.unsigned(UInt64(regionLevels.firstIndex(of: region.level)!))
            writer.string(region.parent)
        }
        writer.unsigned(UInt64(article.topics.count))
        for topic in article.topics {
            writer.string(topic.name)
            writer.string(topic.slug)
        }
        switch article.body {
        case .markdown(let text):
            writer.unsigned(0)
            writer.string(text)
        case .blocks(let blocks):
            writer.unsigned(1)
            writer.unsigned(UInt64(blocks.count))
            for block in blocks {
                switch block {
                case .paragraph(let text): writer.unsigned(0); writer.string(text)
                case .subheading(let text): writer.unsigned(1); writer.string(text)
                case .caption(let text): writer.unsigned(2); writer.string(text)
                }
            }
        }
        writer.string(article.source.file)
        writer.int(article.source.firstLine)
        writer.int(article.source.lastLine)
        writer.int(article.permalink.fixedSlugLine)
        writer.strings(article.permalink.aliases.map(\.value))
        writer.int(article.permalink.aliasesLine)
        writer.string(article.permalink.file)
    }

    /// A fingerprint of everything `write(_:article:)` writes of `article`: equal for two articles
    /// that hold the same, whichever source or build made them.
    static func fingerprint(of article: Article) -> UInt64 {
        var writer = StateWriter(capacity: 4096)
        write(&writer, article: article)
        return writer.withBytes { Fingerprint.of(bytes: $0, seed: 0x5354_4F52) }
    }

    /// An article `write(_:article:)` wrote. The texts stories share (column, names, newspaper,
    /// regions, topics) are made once by `interner`; `file`, the path of the source it was read from
    /// (the path its span names, as a rule), is shared by the span rather than made again.
    static func readArticle(_ reader: inout StateReader, interner: StringInterner, file: String = "") throws(StateReader.Corrupt) -> Article {
        guard let slug = Slug(try reader.string()) else { throw StateReader.Corrupt() }
        let column = try reader.optionalString(interning: interner)
        let kicker = try reader.optionalString()
        let title = try reader.string()
        let subtitle = try reader.optionalString()
        let byline = Byline(reporters: try reader.strings(interning: interner), correspondents: try reader.strings(interning: interner),
                            photographers: try reader.strings(interning: interner))
        let attribution = try reader.optionalString(interning: interner)
        let kind = try reader.oneOf(articleKinds)
        var date: EditionDate?
        if try reader.bool() {
            guard let read = EditionDate(year: try reader.int(), month: try reader.int(), day: try reader.int()) else { throw StateReader.Corrupt() }
            date = read
        }
        var edition: Edition?
        if try reader.bool() {
            edition = Edition(newspaper: try reader.optionalString(interning: interner), number: try reader.optionalInt(), page: try reader.optionalInt())
        }
        var regions: [Region] = []
        let regionCount = try reader.count()
        regions.reserveCapacity(regionCount)
        for _ in 0..<regionCount {
            let name = try reader.string(interning: interner)
            let regionSlug = try reader.string(interning: interner)
            let level = try reader.oneOf(regionLevels)
            regions.append(Region(name: name, slug: regionSlug, level: level, parent: try reader.optionalString(interning: interner)))
        }
        var topics: [Topic] = []
        let topicCount = try reader.count()
        topics.reserveCapacity(topicCount)
        for _ in 0..<topicCount {
            topics.append(Topic(name: try reader.string(interning: interner), slug: try reader.string(interning: interner)))
        }
        let body: ArticleBody
        switch try reader.unsigned() {
        case 0:
            body = .markdown(try reader.string())
        case 1:
            var blocks: [BodyBlock] = []
            for _ in 0..<(try reader.count()) {
                switch try reader.unsigned() {
                case 0: blocks.append(.paragraph(try reader.string()))
                case 1: blocks.append(.subheading(try reader.string()))
                case 2: blocks.append(.caption(try reader.string()))
                default: throw StateReader.Corrupt()
                }
            }
            body = .blocks(blocks)
        default:
            throw StateReader.Corrupt()
        }
        let source = SourceSpan(file: try reader.string(reusing: file), firstLine: try reader.int(), lastLine: try reader.int())
        let fixedSlugLine = try reader.optionalInt()
        var aliases: [Slug] = []
        for text in try reader.strings() {
            guard let alias = Slug(text) else { throw StateReader.Corrupt() }
            aliases.append(alias)
        }
        let aliasesLine = try reader.optionalInt()
        let permalink = Permalink(fixedSlugLine: fixedSlugLine, aliases: aliases, aliasesLine: aliasesLine,
                                  file: try reader.optionalString(interning: interner))
        return Article(slug: slug, headline: Headline(column: column, kicker: kicker, title: title, subtitle: subtitle), byline: byline,
                       attribution: attribution, kind: kind, date: date, edition: edition, regions: regions, topics: topics,
                       body: body, source: source, permalink: permalink)
    }

    static func write(_ writer: inout StateWriter, diagnostic: LoadDiagnostic) {
        writer.bool(diagnostic.severity == .error)
        writer.string(diagnostic.file)
        writer.int(diagnostic.line)
        writer.string(diagnostic.step)
        writer.string(diagnostic.message)
    }

    static func readDiagnostic(_ reader: inout StateReader) throws(StateReader.Corrupt) -> LoadDiagnostic {
        let severity: LoadDiagnostic.Severity = try reader.bool() ? .error : .warning
        return LoadDiagnostic(severity, file: try reader.string(), line: try reader.optionalInt(), step: try reader.string(),
                              message: try reader.string())
    }

    static func write(_ writer: inout StateWriter, diagnostics: [LoadDiagnostic]) {
        writer.unsigned(UInt64(diagnostics.count))
        for diagnostic in diagnostics { write(&writer, diagnostic: diagnostic) }
    }

    static func readDiagnostics(_ reader: inout StateReader) throws(StateReader.Corrupt) -> [LoadDiagnostic] {
        var diagnostics: [LoadDiagnostic] = []
        for _ in 0..<(try reader.count()) { diagnostics.append(try readDiagnostic(&reader)) }
        return diagnostics
    }

    static func write(_ writer: inout StateWriter, stamp: FileStamp) {
        writer.unsigned(stamp.size)
        writer.int64(stamp.modified)
        writer.int64(stamp.changed)
        writer.unsigned(stamp.inode)
    }

    static func readStamp(_ reader: inout StateReader) throws(StateReader.Corrupt) -> FileStamp {
        FileStamp(size: try reader.unsigned(), modified: try reader.int64(), changed: try reader.int64(), inode: try reader.unsigned())
    }

    static func write(_ writer: inout StateWriter, digest: BodyDigest) {
        writer.string(digest.snippet)
        writer.string(digest.description)
    }

    static func readDigest(_ reader: inout StateReader) throws(StateReader.Corrupt) -> BodyDigest {
        // The texts stay where the state holds them (see `BodyDigest`): the state's bytes are kept
        // for the whole build anyway, as most sources are written back as they were read.
        let snippet = try reader.raw(try reader.count())
        let description = try reader.raw(try reader.count())
        return BodyDigest(snippetUTF8: snippet, descriptionUTF8: description)
    }

    /// A ledger: its filter tokens once, in a table, then each document's key, length, headline
    /// length and filters as numbers in the table. A ledger read from a state keeps that state's table and numbers:
    /// only the filters of entries made since are looked up (and new ones added to the table).
    static func write(_ writer: inout StateWriter, ledger: SearchIndex.Ledger) {
        var names = ledger.filterTable
        // Each filter not numbered yet looked up once: its number in the table, in the order the entries list them.
        var table: [String: Int32]?
        var numbers: [Int32] = []
        numbers.reserveCapacity(ledger.entries.count * 4)
        for entry in ledger.entries {
            if let numbered = ledger.numbers(of: entry) {
                numbers.append(contentsOf: numbered)
                continue
            }
            if table == nil {
                table = Dictionary(names.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
            }
            for filter in entry.filters {
                if let number = table?[filter] {
                    numbers.append(number)
                } else {
                    table?[filter] = Int32(names.count)
                    numbers.append(Int32(names.count))
                    names.append(filter)
                }
            }
        }
        writer.strings(names)
        writer.unsigned(UInt64(ledger.entries.count))
        var next = 0
        for entry in ledger.entries {
            writer.fixed(entry.key)
            writer.int(entry.length)
            writer.int(entry.headlineLength)
            writer.unsigned(UInt64(entry.filters.count))
            for number in numbers[next..<(next + entry.filters.count)] { writer.unsigned(UInt64(number)) }
            next += entry.filters.count
        }
    }

    /// Related stories: the lists' fingerprint, then each story's count and positions.
    static func write(_ writer: inout StateWriter, related: RelatedStories) {
        writer.fixed(related.lists)
        writer.unsigned(UInt64(related.count))
        for index in 0..<related.count {
            writer.unsigned(UInt64(related.starts[index + 1] - related.starts[index]))
            for position in related.positions(of: index) { writer.unsigned(UInt64(position)) }
        }
    }

    static func readRelated(_ reader: inout StateReader) throws(StateReader.Corrupt) -> RelatedStories {
        let lists = try reader.fixed()
        let count = try reader.count()
        var starts: [Int32] = [0]
        starts.reserveCapacity(count + 1)
        var items: [Int32] = []
        items.reserveCapacity(count * SitePlan.relatedStories)
        for _ in 0..<count {
            for _ in 0..<(try reader.count()) {
                let position = try reader.unsigned()
                guard position < UInt64(Int32.max) else { throw StateReader.Corrupt() }
                items.append(Int32(position))
            }
            starts.append(Int32(items.count))
        }
        guard let related = RelatedStories(lists: lists, starts: starts, items: items) else { throw StateReader.Corrupt() }
        return related
    }

    static func readLedger(_ reader: inout StateReader) throws(StateReader.Corrupt) -> SearchIndex.Ledger {
        let names = try reader.strings()
        let count = try reader.count()
        // Any number but 0 (a ledger made by a build): another ledger read by this process gets another.
        let identity = UInt64.random(in: 1...UInt64.max)
        var entries: [SearchIndex.Ledger.Entry] = []
        entries.reserveCapacity(count)
        var numbers: [Int32] = []
        numbers.reserveCapacity(count * 4)
        for _ in 0..<count {
            let key = try reader.fixed()
            let length = try reader.int()
            let headlineLength = try reader.int()
            let filterCount = try reader.count()
            var filters: [String] = []
            filters.reserveCapacity(filterCount)
            let start = Int32(numbers.count)
            for _ in 0..<filterCount {
                let index = try reader.unsigned()
                guard index < UInt64(names.count) else { throw StateReader.Corrupt() }
                filters.append(names[Int(index)])
                numbers.append(Int32(index))
            }
            entries.append(SearchIndex.Ledger.Entry(key: key, length: length, headlineLength: headlineLength, filters: filters,
                                                    numbered: .init(table: identity, numbers: start..<Int32(numbers.count))))
        }
        return SearchIndex.Ledger(entries: entries, filterTable: names, filterNumbers: numbers, identity: identity)
    }
}
