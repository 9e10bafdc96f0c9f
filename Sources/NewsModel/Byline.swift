/// The people credited on a story, as bare names without their role prefixes (记者, 通讯员).
public struct Byline: Sendable, Hashable {
    /// Staff reporters (记者).
    public var reporters: [String]
    /// Correspondents (通讯员).
    public var correspondents: [String]
    /// Photographers (摄影, 摄).
    public var photographers: [String]

    /// Creates a byline.
    public init(reporters: [String] = [], correspondents: [String] = [], photographers: [String] = []) {
        self.reporters = reporters
        self.correspondents = correspondents
        self.photographers = photographers
    }

    /// True when nobody is credited.
    public var isEmpty: Bool { reporters.isEmpty && correspondents.isEmpty && photographers.isEmpty }

    /// Everyone credited, each name once, in the order reporters, correspondents, photographers.
    public var allNames: [String] {
        var seen = Set<String>()
        return (reporters + correspondents + photographers).filter { seen.insert($0).inserted }
    }
}
