import Foundation
import NewsModel

/// The administrative divisions the portal knows, read from `gazetteer.tsv`.
///
/// The table is generated from a maintained source by `scripts/gen-gazetteer.py`; slugs carry the
/// correct pinyin of each short name (长兴 → changxing), which a character-by-character transform
/// gets wrong.
public struct Gazetteer: Sendable {
    /// One division.
    public struct Place: Sendable, Hashable {
        /// Administrative code.
        public var code: String
        /// Full name (`上虞区`).
        public var name: String
        /// Name without its suffix (`上虞`).
        public var short: String
        /// Level in the hierarchy.
        public var level: Region.Level
        /// Code of the parent division, if any.
        public var parentCode: String?
        /// URL slug.
        public var slug: String
    }

    /// All places, in code order.
    public let places: [Place]
    private let byCode: [String: Place]
    private let byName: [String: [Place]]

    /// Reads a gazetteer from TSV text with the header `code name short level parent slug`.
    public init(tsv: String) throws {
        var places: [Place] = []
        // Split at the bytes of line feeds and tabs: splitting the text by character would find
        // every character's boundaries first.
        for (offset, line) in tsv.utf8.split(separator: UInt8(ascii: "\n")).enumerated() where offset > 0 {
            let content = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
            let fields = content.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count >= 6, let level = Region.Level(rawValue: fields[3]) else {
                throw ResourceError(resource: "gazetteer.tsv", line: offset + 1, message: "expected 6 fields: code name short level parent slug")
            }
            places.append(Place(code: fields[0], name: fields[1], short: fields[2], level: level,
                                parentCode: fields[4].isEmpty ? nil : fields[4], slug: fields[5]))
        }
        self.places = places
        self.byCode = Dictionary(places.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var byName: [String: [Place]] = [:]
        for place in places {
            byName[place.name, default: []].append(place)
            if place.short != place.name { byName[place.short, default: []].append(place) }
        }
        self.byName = byName
    }

    /// The gazetteer shipped with UnionPress.
    public static func bundled() throws -> Gazetteer {
        try Gazetteer(tsv: BundledResource.text("gazetteer", "tsv"))
    }

    /// The parent of `place`, if any.
    public func parent(of place: Place) -> Place? { place.parentCode.flatMap { byCode[$0] } }

    /// `place` and its ancestors, most specific first.
    public func chain(of place: Place) -> [Place] {
        var chain = [place]
        while let parent = parent(of: chain[chain.count - 1]), chain.count < 4 { chain.append(parent) }
        return chain
    }

    /// Places called `name`, by full or short name.
    public func places(named name: String) -> [Place] { byName[name] ?? [] }

    /// The region record of `place`.
    public func region(_ place: Place) -> Region {
        Region(name: place.name, slug: place.slug, level: place.level, parent: parent(of: place)?.name)
    }
}

/// A bundled data file that could not be read.
public struct ResourceError: Error, CustomStringConvertible, Sendable {
    /// The resource's file name.
    public var resource: String
    /// 1-based line, when known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// `resource:line: message`.
    public var description: String { "\(resource)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// Reads the data files bundled in the module.
enum BundledResource {
    /// The text of the file `name.ext`, which must be UTF-8.
    static func text(_ name: String, _ ext: String) throws -> String {
        try String(contentsOf: url(name, ext), encoding: .utf8)
    }

    /// The bytes of the file `name.ext`.
    static func data(_ name: String, _ ext: String) throws -> Data {
        try Data(contentsOf: url(name, ext))
    }

    /// The file beside the program when it is there (see `ResourceFolder`), else `Bundle.module`'s.
    private static func url(_ name: String, _ ext: String) throws -> URL {
        guard let url = ResourceFolder.url(name, ext, subdirectory: "Resources", target: "NewsLoader", bundle: Bundle.module) else {
            throw ResourceError(resource: "\(name).\(ext)", message: "missing from the bundle")
        }
        return url
    }
}
