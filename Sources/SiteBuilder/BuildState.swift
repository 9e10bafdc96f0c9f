import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsLoader
import NewsModel
import CProgramIdentity
import Templates

/// What a build leaves in its output folder (`.unionpress-state`) so that the next build of the
/// same output redoes only what changed.
///
/// - For every source file: its stamp (size, modification and change times, inode), a fingerprint of
///   its bytes, and what the loader made of it — articles (a Markdown body is left out: it is read
///   again from the file when a page needs it), diagnostics, and each article's `BodyDigest`. A file
///   whose stamp is unchanged is not read again; one whose bytes are unchanged is not parsed again.
/// - For every file of the output: a fingerprint of the inputs it was made from, a fingerprint of its
///   bytes, and the size, modification time and inode it was written with; for every folder, its
///   modification time. A page whose inputs are unchanged is not rendered again; a page whose bytes
///   come out the same is not written again; and an output that differs in any way from what was
///   recorded (a file edited or added by hand) is not trusted, and is built whole.
/// - What the search index was made from (`SearchIndex.Ledger`), so that a few changed stories
///   change only the index files they appear in.
/// - The identity of the program and its data: a build by another program ignores the state.
struct BuildState {
    static let magic = Array("UNIONPRESS-STATE\n".utf8)
    static let formatVersion: UInt64 = 16

    /// What one source file gave.
    struct Source {
        var relativePath: String {
            didSet { record = nil }
        }
        var kind: SourceFile.Kind {
            didSet { record = nil }
        }
        var stamp: FileStamp {
            didSet { record = nil }
        }
        var contentHash: UInt64 {
            didSet { record = nil }
        }
        /// The loader's result; Markdown bodies left out.
        var result: NewsLoader.SourceFileResult {
            didSet { (encoded, record) = (nil, nil) }
        }
        /// The digest of each article's body, in the same order.
        var digests: [BodyDigest] {
            didSet { (encoded, record) = (nil, nil) }
        }
        /// `result` and `digests` as the state file held them, written back as they are while
        /// neither changes (most sources of a rebuild); `nil` once either does.
        var encoded: StateBytes?
        /// The whole source as the state file held it — path, kind, stamp, content hash and
        /// `encoded` — written back as a piece of that file (`StatePiece.kept`) while nothing of it
        /// changes; `nil` once anything does.
        var record: StateBytes?

        init(relativePath: String, kind: SourceFile.Kind, stamp: FileStamp, contentHash: UInt64,
             result: NewsLoader.SourceFileResult, digests: [BodyDigest], encoded: StateBytes? = nil, record: StateBytes? = nil) {
            self.relativePath = relativePath
            self.kind = kind
            self.stamp = stamp
            self.contentHash = contentHash
            self.result = result
            self.digests = digests
            self.encoded = encoded
            self.record = record
        }

        /// Moves `source` out of where it lies, leaving an empty source there: nothing it holds
        /// is copied or retained (a copy of a source retains every string and array in it).
        static func take(_ source: inout Source) -> Source {
            var taken = empty
            swap(&source, &taken)
            return taken
        }

        /// The empty source `take` leaves behind, made once (a result made anew for each source
        /// taken was a call into the loader's module); its result is every unread source's too.
        static let empty = Source(relativePath: "", kind: .markdown, stamp: FileStamp(size: 0, modified: 0, changed: 0, inode: 0),
                                          contentHash: 0, result: NewsLoader.SourceFileResult(), digests: [])
    }

    /// A folder of the output and its modification time.
    struct Folder: Hashable {
        var path: String
        var modified: Int64
    }

    /// Identity of the program and the loader's data.
    var generator: UInt64
    /// The `--base-url` the build was given.
    var baseURL: String?
    /// Every source file, in path order.
    var sources: [Source]
    /// What the page dumps, sidecars and site settings gave together.
    var settings: SiteSettings
    var settingsNotes: [LoadDiagnostic]
    var sidecarNotes: [LoadDiagnostic]
    /// Every file of the output but the marker and the state itself (empty while `recorded` holds
    /// them undecoded: see `hasDetails`).
    var outputs: [OutputRecord] {
        didSet { (recorded, outputsAsRead) = (nil, nil) }
    }
    /// Every folder of the output below its root (empty while `recorded` holds them).
    var folders: [Folder] {
        didSet { (recorded, outputsAsRead) = (nil, nil) }
    }
    /// The outputs and folders as the state file held them, until `readDetails()` decodes them.
    private(set) var recorded: RecordedOutputs? = nil
    /// The same, once `outputs` and `folders` are decoded from them and for as long as they stay as
    /// decoded: the next state keeps the records and folders no build changed as these bytes (see
    /// `PartsAwaitingOutputs.with`).
    private(set) var outputsAsRead: RecordedOutputs? = nil
    /// The build's report.
    var articleCount: Int
    var diagnostics: [LoadDiagnostic]
    /// The search index's documents; `nil` when the index was not built (or not read yet: see
    /// `hasDetails`).
    var search: SearchIndex.Ledger? {
        didSet { pendingSearch = nil }
    }
    /// The stories' related stories, for the next build to take when its term lists are the same
    /// (`nil` too while not read).
    var related: RelatedStories? {
        didSet { pendingRelated = nil }
    }
    /// Whether the sources' results and digests, the search ledger and the related stories are read
    /// (see `read(from:generator:details:)`).
    private(set) var hasDetails = true
    /// The search ledger and the related stories as the state file held them, until `readDetails()`
    /// reads them: a rebuild that finds nothing changed needs neither, and they came before the
    /// check of the output could begin.
    private(set) var pendingSearch: StateBytes? = nil
    private(set) var pendingRelated: StateBytes? = nil

    /// How many outputs the state records, decoded or not.
    var outputCount: Int { recorded?.outputCount ?? outputs.count }

    /// The outputs and folders as a state file holds them: as read, when not decoded yet.
    var recordedOutputs: RecordedOutputs { recorded ?? RecordedOutputs(outputs: outputs, folders: folders) }

    /// The identity of this program, of the loader's data and of the assets it copies (`assets`,
    /// `Assets.fingerprint()`: files beside the program, which a `swift build` can replace without
    /// linking the program again). A state made by anything else is ignored.
    ///
    /// The program is known by the build ID its linker wrote into it, a hash of its bytes: a copy of
    /// the same program (restored from a CI cache, installed elsewhere) is the same program, and any
    /// other build of it is not. A program without one is known by its file's size, modification
    /// time and inode instead.
    static func generatorFingerprint(loaderData: UInt64, assets: UInt64 = Assets.fingerprint()) -> UInt64 {
        var fingerprint = Fingerprint(seed: formatVersion)
        fingerprint.combine(loaderData)
        fingerprint.combine(assets)
        var buildID = [UInt8](repeating: 0, count: 64)
        let length = up_program_build_id(&buildID, buildID.count)
        if length > 0 {
            buildID.withUnsafeBytes { fingerprint.combine(bytes: UnsafeRawBufferPointer(rebasing: $0[..<length])) }
            return fingerprint.value
        }
        #if os(Linux)
        let executable = "/proc/self/exe"
        #else
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        #endif
        var info = stat()
        if stat(executable, &info) == 0 {
            fingerprint.combine(UInt64(info.st_size))
            fingerprint.combine(UInt64(bitPattern: DiskOutput.modified(info)))
            fingerprint.combine(UInt64(info.st_ino))
        } else {
            // Unknown program: never the same as another build's.
            fingerprint.combine(UInt64.random(in: .min ... .max))
        }
        return fingerprint.value
    }

    // MARK: - Reading and writing

    /// The state in `output`, if there is one this program made and no update was left half done.
    /// - Parameter details: false to leave what each source gave (`result`, `digests`) unread until
    ///   `readDetails()`: enough to tell that nothing changed, in a fraction of the time.
    static func read(from output: URL, generator: UInt64, details: Bool = true) -> BuildState? {
        let root = DiskOutput.resolve(output).path
        guard access(root + "/" + DiskOutput.journalName, F_OK) != 0,
              let bytes = StateBytes(mappingFileAt: root + "/" + DiskOutput.stateName) else { return nil }
        var reader = StateReader(bytes)
        guard var state = try? decode(&reader, generator: generator) else { return nil }
        if details, !state.readDetails() { return nil }
        return state
    }

    /// The sources, taken out of the state (which is left with none), so that nothing else holds
    /// them and a build can move them rather than copy them (`Site.load`).
    mutating func takeSources() -> [Source] {
        defer { sources = [] }
        return sources
    }

    /// Reads what each source gave, the search ledger and the related stories, if `read` left them;
    /// false when the state turns out unreadable.
    mutating func readDetails() -> Bool {
        guard !hasDetails else { return true }
        let failed = AtomicFlag()
        // The ledger and the related stories are read on a thread of their own, beside the sources.
        let (pendingSearch, pendingRelated, recorded) = (pendingSearch, pendingRelated, recorded)
        // The outputs and folders are decoded on a thread of their own too (when still undecoded).
        let records = recorded.map { recorded in Background { recorded.decoded() } }
        let rest = Background { () -> (SearchIndex.Ledger?, RelatedStories?)? in
            /// What `read` makes of `bytes`, which it must read to their end; `nil` for no bytes.
            func decoded<Value>(_ bytes: StateBytes?, _ read: (inout StateReader) throws(StateReader.Corrupt) -> Value) throws(StateReader.Corrupt) -> Value? {
                guard let bytes else { return nil }
                var reader = StateReader(bytes)
                let value = try read(&reader)
                guard reader.isAtEnd else { throw StateReader.Corrupt() }
                return value
            }
            return try? (decoded(pendingSearch, StateCoding.readLedger), decoded(pendingRelated, StateCoding.readRelated))
        }
        let count = sources.count
        // Decoded into the sources in place, a run of them per task: mapped into arrays of results
        // first, then moved into the sources, each source's bytes and results were copied twice more.
        sources.withUnsafeMutableBufferPointer { buffer in
            // Each task touches only the sources of its own indices.
            nonisolated(unsafe) let sources = buffer
            // Runs of 256 sources, each run with its own interner of the texts stories share.
            let run = 256
            try? Parallel.forEach((count + run - 1) / run, chunk: 1) { runIndex in
                let interner = StringInterner()
                for index in (runIndex * run)..<min(count, (runIndex + 1) * run) {
                    guard let encoded = sources[index].encoded else { return failed.set() }
                    let record = sources[index].record
                    var reader = StateReader(encoded)
                    guard let (result, digests) = try? Self.decodeDetails(&reader, interner: interner, file: sources[index].relativePath) else {
                        return failed.set()
                    }
                    sources[index].result = result
                    sources[index].digests = digests
                    // Setting them forgot the bytes they were read from, which are theirs still.
                    (sources[index].encoded, sources[index].record) = (encoded, record)
                }
            }
        }
        // Waited for on every way out, so that no read outlives this call.
        let restRead = rest.wait()
        let recordsRead = records?.wait()
        guard !failed.isSet, let (search, related) = restRead else { return false }
        if pendingSearch != nil { self.search = search }
        if pendingRelated != nil { self.related = related }
        if let recordsRead {
            (outputs, folders) = recordsRead
            outputsAsRead = recorded
        }
        hasDetails = true
        return true
    }

    /// A source's `result` and `digests`; `file` is the source's path.
    private static func decodeDetails(_ reader: inout StateReader, interner: StringInterner,
                                      file: String) throws(StateReader.Corrupt) -> (NewsLoader.SourceFileResult, [BodyDigest]) {
        var result = NewsLoader.SourceFileResult()
        if try reader.bool() { result.readError = try StateCoding.readDiagnostic(&reader) }
        let articleCount = try reader.count()
        result.articles.reserveCapacity(articleCount)
        for _ in 0..<articleCount { result.articles.append(try StateCoding.readArticle(&reader, interner: interner, file: file)) }
        result.parseNotes = try StateCoding.readDiagnostics(&reader)
        result.articleNotes = try StateCoding.readDiagnostics(&reader)
        result.bannerKeys = try reader.strings()
        let referenceCount = try reader.count()
        result.references.reserveCapacity(referenceCount)
        for _ in 0..<referenceCount {
            result.references.append(SourceReference(sourcePath: try reader.string(), written: try reader.string(), file: file,
                                                         line: Int(try reader.unsigned())))
        }
        let digestCount = try reader.count()
        var digests: [BodyDigest] = []
        digests.reserveCapacity(digestCount)
        for _ in 0..<digestCount { digests.append(try StateCoding.readDigest(&reader)) }
        guard digests.count == result.articles.count, reader.isAtEnd else { throw StateReader.Corrupt() }
        return (result, digests)
    }

    /// A source's `result` and `digests`, encoded.
    private static func encodeDetails(_ source: Source, into writer: inout StateWriter) {
        writer.bool(source.result.readError != nil)
        if let error = source.result.readError { StateCoding.write(&writer, diagnostic: error) }
        writer.unsigned(UInt64(source.result.articles.count))
        for article in source.result.articles { StateCoding.write(&writer, article: article) }
        StateCoding.write(&writer, diagnostics: source.result.parseNotes)
        StateCoding.write(&writer, diagnostics: source.result.articleNotes)
        writer.strings(source.result.bannerKeys)
        writer.unsigned(UInt64(source.result.references.count))
        for reference in source.result.references {
            writer.string(reference.sourcePath)
            writer.string(reference.written)
            writer.unsigned(UInt64(reference.line))
        }
        writer.unsigned(UInt64(source.digests.count))
        for digest in source.digests { StateCoding.write(&writer, digest: digest) }
    }

    private static func decode(_ reader: inout StateReader, generator expected: UInt64) throws(StateReader.Corrupt) -> BuildState? {
        for byte in magic { guard try reader.unsigned() == UInt64(byte) else { throw StateReader.Corrupt() } }
        guard try reader.unsigned() == formatVersion, try reader.fixed() == expected else { return nil }
        let baseURL = try reader.optionalString()
        let sourceCount = try reader.count()
        // The sources and what follows them are read at once, each on a core.
        let sourceBytes = try reader.raw(try reader.count())
        let (sourcesRead, restRead) = Parallel.both(
            { Result { () throws(StateReader.Corrupt) in
                var sourceReader = StateReader(sourceBytes)
                return try decodeSources(&sourceReader, count: sourceCount)
            } },
            { [reader] in Result { () throws(StateReader.Corrupt) in
                var restReader = reader
                return try decodeRest(&restReader, generator: expected, baseURL: baseURL)
            } })
        var state = try restRead.get()
        state.sources = try sourcesRead.get()
        state.hasDetails = false
        return state
    }

    /// The `count` sources `encodeSources` wrote, each with its details left encoded.
    private static func decodeSources(_ reader: inout StateReader, count: Int) throws(StateReader.Corrupt) -> [Source] {
        var sources: [Source] = []
        sources.reserveCapacity(count)
        // One empty result for every source (each made anew was a call into the loader's module).
        let unread = Source.empty.result
        for _ in 0..<count {
            let start = reader.position
            let path = try reader.string()
            let kind: SourceFile.Kind
            switch try reader.unsigned() {
            case 0: kind = .pageDump
            case 1: kind = .markdown
            case 2: kind = .sidecar
            case 3: kind = .media
            default: throw StateReader.Corrupt()
            }
            let stamp = try StateCoding.readStamp(&reader)
            let contentHash = try reader.fixed()
            let details = try reader.raw(try reader.count())
            sources.append(Source(relativePath: path, kind: kind, stamp: stamp, contentHash: contentHash, result: unread,
                                  digests: [], encoded: details, record: reader.bytes(since: start)))
        }
        guard reader.isAtEnd else { throw StateReader.Corrupt() }
        return sources
    }

    /// A state of no sources holding what follows the sources (see `encodedParts()`).
    private static func decodeRest(_ reader: inout StateReader, generator: UInt64, baseURL: String?) throws(StateReader.Corrupt) -> BuildState {
        let settings = SiteSettings(name: try reader.optionalString(), description: try reader.optionalString(), url: try reader.optionalString())
        let settingsNotes = try StateCoding.readDiagnostics(&reader)
        let sidecarNotes = try StateCoding.readDiagnostics(&reader)
        // The outputs and folders read where they lie, left for `readDetails()` to decode.
        let recorded = try RecordedOutputs(reading: &reader)
        let articleCount = try reader.int()
        let diagnostics = try StateCoding.readDiagnostics(&reader)
        // The ledger and the related stories behind their lengths, left for `readDetails()`.
        let search = try reader.bool() ? try reader.raw(try reader.count()) : nil
        let related = try reader.bool() ? try reader.raw(try reader.count()) : nil
        guard reader.isAtEnd else { throw StateReader.Corrupt() }
        var state = BuildState(generator: generator, baseURL: baseURL, sources: [], settings: settings, settingsNotes: settingsNotes,
                               sidecarNotes: sidecarNotes, outputs: [], folders: [], articleCount: articleCount,
                               diagnostics: diagnostics, search: nil, related: nil)
        (state.pendingSearch, state.pendingRelated, state.recorded) = (search, related, recorded)
        return state
    }

    /// Writes the state into `output` (resolved), atomically.
    func write(into output: URL) throws(BuildError) {
        try DiskOutput.replace(output.path + "/" + DiskOutput.stateName, pieces: encodedParts(), inPlace: false)
    }

    /// The state's bytes.
    func encoded() -> [UInt8] {
        StatePiece.joined(encodedParts())
    }

    /// The bytes of `encoded()` in pieces, to be written one after the other without being joined
    /// (which would hold the state twice), each made into a buffer as large as it will be, on every
    /// core. After the header: the sources in two halves (each unchanged source kept as the state
    /// file held it, the runs of them one piece each: `StatePiece.kept`); the settings and their
    /// notes; the number of outputs and the outputs, in runs; the folders; the article count, the
    /// diagnostics, the search ledger and the related stories.
    func encodedParts() -> [StatePiece] {
        let independent = independentPartMakers()
        // Outputs and folders not decoded yet are written as they were read.
        let (outputs, folders) = recorded?.decoded() ?? (outputs, folders)
        let parts = Self.make(independent + Self.outputAndFolderMakers(outputs, folders))
        return PartsAwaitingOutputs(parts: Array(parts[..<independent.count]), header: self)
            .assembled(outputsAndFolders: parts[independent.count...])
    }

    /// The parts of `encodedParts()` that do not depend on the outputs and folders: a build encodes
    /// them while it writes its files (which gives the outputs their stamps and the folders their
    /// times), and the outputs and folders once they are known.
    struct PartsAwaitingOutputs: Sendable {
        /// The rest (counts, diagnostics, ledger, related), the sources in two halves, and the
        /// settings, as `independentPartMakers` makes them.
        private var parts: [[StatePiece]]
        private var generator: UInt64
        private var baseURL: String?
        private var sourceCount: Int

        fileprivate init(parts: [[StatePiece]], header state: BuildState) {
            self.parts = parts
            generator = state.generator
            baseURL = state.baseURL
            sourceCount = state.sources.count
        }

        /// The parts of a state whose outputs and folders are these, the outputs encoded on every
        /// core; those recorded by `previous` at the same place as they are (most of an update's)
        /// kept as its state file holds them, when its outputs were decoded from that file.
        func with(outputs: [OutputRecord], folders: [Folder], keptFrom previous: BuildState? = nil) -> [StatePiece] {
            let kept = previous.flatMap { state in state.outputsAsRead.map { KeptOutputs(records: state.outputs, folders: state.folders, bytes: $0) } }
            return assembled(outputsAndFolders: BuildState.make(BuildState.outputAndFolderMakers(outputs, folders, keptFrom: kept))[...])
        }

        /// In file order: the header, the sources, the settings, the outputs, the folders, the rest.
        /// `outputsAndFolders` are the parts `outputAndFolderMakers` made.
        fileprivate func assembled(outputsAndFolders: ArraySlice<[StatePiece]>) -> [StatePiece] {
            var writer = StateWriter(capacity: 64 + (baseURL?.utf8.count ?? 0))
            for byte in BuildState.magic { writer.unsigned(UInt64(byte)) }
            writer.unsigned(BuildState.formatVersion)
            writer.fixed(generator)
            writer.string(baseURL)
            writer.unsigned(UInt64(sourceCount))
            // The sources' length, so that a reader finds what follows them without reading them.
            writer.unsigned(UInt64(StatePiece.byteCount(parts[1] + parts[2])))
            return ([[.made(writer.bytes)], parts[1], parts[2], parts[3]] + outputsAndFolders + [parts[0]]).flatMap { $0 }
        }
    }

    /// Every part of `encodedParts()` that does not depend on the outputs and folders, made on every core.
    func encodedPartsAwaitingOutputs() -> PartsAwaitingOutputs {
        PartsAwaitingOutputs(parts: Self.make(independentPartMakers()), header: self)
    }

    /// Makers of the rest, the sources' two halves and the settings, in that order: the rest (its
    /// ledger a lookup for every filter of every document) takes longest, so it is begun first
    /// rather than left to run alone at the end.
    private func independentPartMakers() -> [@Sendable () -> [StatePiece]] {
        let half = sources.count / 2
        return [{ [.made(encodeCountsDiagnosticsAndLedger())] }, { encodeSources(sources[..<half]) }, { encodeSources(sources[half...]) },
                { [.made(encodeSettings())] }]
    }

    /// Makers of the runs of `outputs` (the first beginning with their number), then of `folders`.
    private static func outputAndFolderMakers(_ outputs: [OutputRecord], _ folders: [Folder],
                                              keptFrom kept: KeptOutputs? = nil) -> [@Sendable () -> [StatePiece]] {
        outputRuns(outputs.count).map { run in { outputPieces(outputs, run, keptFrom: kept) } } + [{ folderPieces(folders, keptFrom: kept) }]
    }

    /// The results of `makers`, made on every core, in order.
    private static func make(_ makers: [@Sendable () -> [StatePiece]]) -> [[StatePiece]] {
        let parts = Slots<[StatePiece]>(count: makers.count)
        try? Parallel.forEach(makers.count, chunk: 1) { parts.set($0, makers[$0]()) }
        return parts.takeValues()
    }

    /// The runs of outputs encoded each in a part of its own.
    private static func outputRuns(_ count: Int) -> [Range<Int>] {
        // At least one: the first holds the number of outputs.
        stride(from: 0, to: max(count, 1), by: outputsPerPart).map { $0..<min(count, $0 + outputsPerPart) }
    }

    /// Output records encoded in one part of `encodedParts()`.
    private static let outputsPerPart = 8192

    /// `sources`, one after the other, as `encoded()` writes them: each run of sources kept as the
    /// state file held them (`Source.record`) one piece of that file, the others encoded.
    private func encodeSources(_ sources: ArraySlice<Source>) -> [StatePiece] {
        var pieces: [StatePiece] = []
        var index = sources.startIndex
        while index < sources.endIndex {
            if let record = sources[index].record {
                if case .kept(let last)? = pieces.last, let joined = last.joined(with: record) {
                    pieces[pieces.count - 1] = .kept(joined)
                } else {
                    pieces.append(.kept(record))
                }
                index += 1
                continue
            }
            // A run of sources to encode, up to the next one kept, in a buffer as large as it will be.
            let run = index..<(sources.indices[index...].first { sources[$0].record != nil } ?? sources.endIndex)
            var capacity = 0
            for index in run { capacity += 64 + sources[index].relativePath.utf8.count + (sources[index].encoded?.count ?? 1024) }
            var writer = StateWriter(capacity: capacity)
            // Read in place: a copy of each source would retain everything it holds.
            for index in run {
                writer.string(sources[index].relativePath)
                switch sources[index].kind {
                case .pageDump: writer.unsigned(0)
                case .markdown: writer.unsigned(1)
                case .sidecar: writer.unsigned(2)
                case .media: writer.unsigned(3)
                }
                StateCoding.write(&writer, stamp: sources[index].stamp)
                writer.fixed(sources[index].contentHash)
                // Each source's details behind their length, so a reader can leave them for later.
                if let encoded = sources[index].encoded {
                    writer.unsigned(UInt64(encoded.count))
                    writer.raw(encoded)
                } else {
                    var details = StateWriter(capacity: 1024)
                    Self.encodeDetails(sources[index], into: &details)
                    writer.unsigned(UInt64(details.count))
                    writer.raw(details)
                }
            }
            pieces.append(.made(writer.bytes))
            index = run.upperBound
        }
        return pieces
    }

    /// The site settings and the settings' and sidecars' notes.
    private func encodeSettings() -> [UInt8] {
        var writer = StateWriter(capacity: 4096)
        writer.string(settings.name)
        writer.string(settings.description)
        writer.string(settings.url)
        StateCoding.write(&writer, diagnostics: settingsNotes)
        StateCoding.write(&writer, diagnostics: sidecarNotes)
        return writer.bytes
    }

    /// The article count, the diagnostics, the search ledger and the related stories (if any).
    private func encodeCountsDiagnosticsAndLedger() -> [UInt8] {
        var writer = StateWriter(capacity: 4096 + (search?.entries.count ?? 0) * 24 + (related?.items.count ?? 0) * 3)
        writer.int(articleCount)
        StateCoding.write(&writer, diagnostics: diagnostics)
        // Each behind its length, so that a reader can leave it for later; written back as read while unread.
        func section(_ encode: ((inout StateWriter) -> Void)?, capacity: Int, unread: StateBytes?) {
            writer.bool(encode != nil || unread != nil)
            if let encode {
                var part = StateWriter(capacity: capacity)
                encode(&part)
                writer.unsigned(UInt64(part.count))
                writer.raw(part)
            } else if let unread {
                writer.unsigned(UInt64(unread.count))
                writer.raw(unread)
            }
        }
        section(search.map { search in { StateCoding.write(&$0, ledger: search) } }, capacity: 4096 + (search?.entries.count ?? 0) * 24,
                unread: pendingSearch)
        section(related.map { related in { StateCoding.write(&$0, related: related) } }, capacity: 4096 + (related?.items.count ?? 0) * 3,
                unread: pendingRelated)
        return writer.bytes
    }

    /// Every folder the output files lie in (site-relative, the root not included), in the order the
    /// records first reach them, each folder before those inside it: `OutputCheckPlan` walks the
    /// records and these side by side, looking each folder up just before its first file (whose
    /// lookup then finds the folder's entry still in the processor's cache).
    static func folders(of records: [OutputRecord]) -> [String] {
        var known = Set<String>(minimumCapacity: records.count)
        var folders: [String] = []
        folders.reserveCapacity(records.count)
        var new: [String] = []
        for record in records {
            var path = record.path
            // The slashes found among the bytes, from the last: a `/` is one byte of UTF-8, and
            // looking for it by character broke every path into graphemes (a build has one path
            // per page, and this runs alone, after the pages).
            path.withUTF8 { bytes in
                var end = bytes.count
                while end > 0 {
                    end -= 1
                    guard bytes[end] == UInt8(ascii: "/") else { continue }
                    let folder = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
                    guard known.insert(folder).inserted else { return }
                    new.append(folder)
                }
            }
            // Found from the deepest up; kept from the top down.
            folders.append(contentsOf: new.reversed())
            new.removeAll(keepingCapacity: true)
        }
        return folders
    }
}
