import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NewsLoader
import NewsModel
import Templates

extension FileStamp {
    /// Whether the file was modified or changed less than two seconds before `time` (or after it):
    /// file times move in coarse steps, so a change made now might not move them.
    func isRecent(than time: Int64) -> Bool {
        max(modified, changed) > time - 2_000_000_000
    }
}

/// Builds a site: load every source, plan, render, and put the finished output in place.
public struct Site: Sendable {
    /// The portal's default name and description.
    public static let defaultInfo = SiteInfo(name: "职工新闻网", description: "工会新闻门户：产改、新就业形态、建会入会与职工服务")

    /// What a finished build reports.
    public struct Report: Sendable {
        /// Articles on the site.
        public var articles: Int
        /// Files the site has.
        public var files: Int
        /// The loader's warnings.
        public var warnings: [LoadDiagnostic]
        /// Files this build wrote (the others were already there, unchanged).
        public var written: Int = 0
        /// Stories whose page this build moved away from an address the previous build published,
        /// leaving nothing there: a warning each, told by this build alone (the next does not repeat it).
        public var moved: [LoadDiagnostic] = []
    }

    /// How a build goes about its work.
    public struct Options: Sendable {
        /// Reuse what an earlier build left in the output (the build state) to read, render and write
        /// only what changed. Off: every source is read and every page rendered and written.
        public var incremental: Bool
        /// Render every page and write nothing: the output folder is neither checked nor touched.
        public var renderToMemory: Bool
        /// Leave what the build held in memory unfreed when it returns: for a command that exits
        /// right after (the system reclaims the heap at once; freeing a large archive's records one
        /// by one takes longer). Never for a process that goes on, such as the preview server.
        public var exitsAfterwards: Bool
        /// Called with the lock file's path when another build holds the output folder and this one
        /// waits for it to finish (see `OutputLock`).
        public var waitingForOutput: @Sendable (_ lockPath: String) -> Void
        /// Whether the output is checked against the state on a thread of its own from the start
        /// (off for tests: then it is checked only when its answer is needed, after an update is rendered).
        var checksOutputAhead = true
        /// Whether an update that the output check fails is followed by a whole build (off for
        /// tests: the build then stops with an error, the output as it found it).
        var buildsWholeAfterAFailedCheck = true

        /// Creates options.
        public init(incremental: Bool = true, renderToMemory: Bool = false, exitsAfterwards: Bool = false,
                    waitingForOutput: @escaping @Sendable (_ lockPath: String) -> Void = { _ in }) {
            self.incremental = incremental
            self.renderToMemory = renderToMemory
            self.exitsAfterwards = exitsAfterwards
            self.waitingForOutput = waitingForOutput
        }

        /// The lock of `output` for a build that writes it, taken (after checking the output may
        /// be written, against `source`); `nil` for a build that writes nothing.
        func lock(output: URL, source: URL) throws(BuildError) -> OutputLock? {
            guard !renderToMemory else { return nil }
            return try OutputLock(output: DiskOutput.checkedOutput(output: output, source: source), waiting: waitingForOutput)
        }

        /// Keeps `value` until the process exits, when the build `exitsAfterwards`.
        func keepUntilExit(_ value: Any) {
            if exitsAfterwards { KeptUntilExit.keep(value) }
        }
    }

    /// The loader.
    public var loader: NewsLoader
    /// The portal's name and description.
    public var info: SiteInfo

    /// Creates a builder.
    public init(loader: NewsLoader, info: SiteInfo = Site.defaultInfo) {
        // The pages lead every reference to a media file to its copy, so the loader must find them
        // for the site to carry the files (`LoadedSources.media`).
        self.loader = loader.findingSourceLinks()
        self.info = info
    }

    /// The site's information: `site.yml` over the defaults, `baseURL` over `site.yml`.
    public func siteInfo(_ settings: SiteSettings, baseURL: String? = nil) -> SiteInfo {
        SiteInfo(name: settings.name ?? info.name, description: settings.description ?? info.description,
                 baseURL: baseURL ?? settings.url ?? info.baseURL)
    }

    /// Builds the site from `source` into `output`. The previous contents of `output` stay in place
    /// until the new site is complete; another build into `output` waits until this one is done
    /// (`OutputLock`), and this one waits for any before it.
    ///
    /// When `output` holds a site an earlier build of this program made, only what changed is
    /// redone: sources whose files changed are read, pages whose inputs changed are rendered, files
    /// whose bytes changed are written (see `BuildState`). The result is byte for byte the site a
    /// build into an empty folder makes.
    /// - Throws: `BuildError` naming every problem; nothing is written to `output` then.
    /// - Parameters:
    ///   - baseURL: the site's public address; overrides `url` in `site.yml`.
    ///   - options: incremental or whole; to disk or to nowhere.
    public func build(source: URL, output: URL, baseURL: String? = nil, options: Options = Options()) throws(BuildError) -> Report {
        let lock = try options.lock(output: output, source: source)
        defer { lock?.release() }
        var survey = try Self.survey(source: source, output: output, baseURL: baseURL, options: options, info: info,
                                     loaderData: loader.dataFingerprint)
        if let report = survey.upToDate { return report }
        return try build(&survey)
    }

    /// Whether `output` holds the journal of an update cut short (a failed or killed build that had
    /// begun to change the files): the next build then rebuilds the site whole. A build that failed
    /// before it changed anything leaves none, and the site as it was.
    public static func holdsUnfinishedUpdate(_ output: URL) -> Bool {
        access(DiskOutput.resolve(output).path + "/" + DiskOutput.journalName, F_OK) == 0
    }

    /// Builds with the bundled loader, whose data is read while the sources and the build state are
    /// looked at; a build that finds the output already made from these sources returns without
    /// waiting for it or using it.
    /// - Parameters:
    ///   - info: the portal's name and description, as for `init(loader:info:)`.
    ///   - others: as for `build(source:output:baseURL:options:)`.
    public static func buildWithBundledLoader(source: URL, output: URL, baseURL: String? = nil, options: Options = Options(),
                                              info: SiteInfo = Site.defaultInfo) throws -> Report {
        let loaderData = try NewsLoader.bundledDataFingerprint()
        let lock = try options.lock(output: output, source: source)
        defer { lock?.release() }
        // The loader's data is read only once the sources are found changed: while the sources,
        // the state and the output are looked at, both cores are busy with them, and a build
        // that finds nothing to do (most builds in CI) needs no loader. It is read while the
        // state's details are decoded.
        var survey = try Self.survey(source: source, output: output, baseURL: baseURL, options: options, info: info, loaderData: loaderData)
        if let report = survey.upToDate {
            options.keepUntilExit(survey)
            return report
        }
        let loader = Background { Result { try NewsLoader.forSite() } }
        if survey.previous?.readDetails() == false { survey.previous = nil }
        let bundled: NewsLoader
        do {
            bundled = try loader.wait().get()
        } catch {
            // The check of the output ends before the build gives up (and lets go of the output).
            _ = survey.intact?.wait()
            throw error
        }
        return try Site(loader: bundled, info: info).build(&survey)
    }

    /// `folders` with the times of those among `touched` read again: an update that makes the same
    /// files as before leaves every other folder's entries as they were. The few touched folders
    /// are found by their paths' lengths first, not by hashing every folder's path.
    static func retimed(_ folders: [BuildState.Folder], touched: Set<String>, under root: String) -> [BuildState.Folder] {
        var folders = folders
        let lengths = Array(Set(touched.map(\.utf8.count)))
        let positions = folders.indices.filter { lengths.contains(folders[$0].path.utf8.count) && touched.contains(folders[$0].path) }
        for (position, time) in zip(positions, DiskOutput.folderTimes(positions.map { folders[$0].path }, under: root)) {
            folders[position].modified = time
        }
        return folders
    }

    /// The folders of `records` with their times: read again for those touched or new, kept from
    /// `known` for the others.
    static func folders(of records: [OutputRecord], known: [BuildState.Folder], touched: Set<String>,
                        under root: String) -> [BuildState.Folder] {
        let folders = BuildState.folders(of: records)
        let knownTimes = Dictionary(known.map { ($0.path, $0.modified) }, uniquingKeysWith: { first, _ in first })
        let restat = folders.filter { touched.contains($0) || knownTimes[$0] == nil }
        let times = Dictionary(uniqueKeysWithValues: zip(restat, DiskOutput.folderTimes(restat, under: root)))
        return folders.map { BuildState.Folder(path: $0, modified: times[$0] ?? knownTimes[$0] ?? 0) }
    }

    /// What a build finds before reading any source: the sources' stamps, the state of the previous
    /// build, and — when nothing changed and the output is intact — the report, with nothing to do.
    struct Survey {
        var source: URL
        var output: URL
        var baseURL: String?
        var options: Options
        var generator: UInt64
        var previous: BuildState?
        /// Whether the output is as `previous` recorded it (being found out).
        var intact: OutputCheck?
        var files: [SourceFile]
        var scanned: Int64
        var upToDate: Report?
        var timer: PhaseTimer
    }

    static func survey(source: URL, output: URL, baseURL: String?, options: Options, info: SiteInfo,
                       loaderData: UInt64) throws(BuildError) -> Survey {
        var timer = PhaseTimer()
        var identity = Fingerprint(seed: loaderData)
        identity.combine(info.name)
        identity.combine(info.description)
        identity.combine(info.baseURL)
        let generator = BuildState.generatorFingerprint(loaderData: identity.value)
        // The state is read while the sources are listed; what each source gave is read only once
        // something is found to have changed.
        let readState = options.incremental && !options.renderToMemory
        // The output is checked against the state as soon as the state is read, on a thread of its
        // own, while the sources are still being listed: a build that finds nothing changed needs
        // the check, and one that finds changes needs it before it puts any of them in place.
        let (read, listing) = Parallel.both(
            { () -> (state: BuildState, intact: OutputCheck)? in
                guard readState, let state = BuildState.read(from: output, generator: generator, details: false) else { return nil }
                let resolvedOutput = DiskOutput.resolve(output)
                return (state, OutputCheck(resolvedOutput, recorded: state.recordedOutputs, inBackground: options.checksOutputAhead))
            },
            // The listing may have begun before this build did (see `SourceListing`).
            { SourceListing.make(under: source) })
        let previous = read?.state
        let scanned = listing.began
        let files: [SourceFile]
        switch listing.files {
        case .success(let listed): files = listed
        case .failure(let error):
            // The check of the output ends before the build gives up (and lets go of the output).
            _ = read?.intact.wait()
            throw .load(error)
        }
        timer.mark("read state, list \(files.count) sources")
        var survey = Survey(source: source, output: output, baseURL: baseURL, options: options, generator: generator, previous: previous,
                            intact: read?.intact, files: files, scanned: scanned, upToDate: nil, timer: timer)
        // Nothing changed: the output is the site already, as long as it is exactly as left.
        // (The output was checked as its lock was taken: a build that reads the state holds it.)
        if let previous, previous.baseURL == baseURL, sameSources(files, previous.sources) {
            let intact = read?.intact.wait() ?? false
            survey.timer.mark("check the output")
            if intact {
                // An output copied or restored holds what the state records under new stamps: the
                // state records those, so that the next build finds it as recorded again. (Only a
                // saving: an output that cannot be written is checked by its bytes again next time.)
                if let restamps = read?.intact.restamps, !restamps.isEmpty {
                    try? restamps.applied(to: previous).write(into: DiskOutput.resolve(output))
                }
                survey.upToDate = Report(articles: previous.articleCount, files: previous.outputCount, warnings: previous.diagnostics)
            }
        }
        return survey
    }

    /// Builds what `survey` found changed. The survey's state is taken out of it, so that its
    /// sources are held by nothing else when they are loaded again (see `load`).
    func build(_ survey: inout Survey) throws(BuildError) -> Report {
        var timer = survey.timer
        let (source, output, baseURL, options, generator, files, scanned) =
            (survey.source, survey.output, survey.baseURL, survey.options, survey.generator, survey.files, survey.scanned)
        var previous = survey.previous
        survey.previous = nil
        if previous?.readDetails() == false { previous = nil }
        let recordedSources = previous?.takeSources()
        timer.mark("  read the state's details")
        // The check of the output against the state (begun when the state was read) goes on while
        // the sources are loaded, the model is made, the pages are fingerprinted and an update is
        // rendered, on the core these leave idle (see `PutInPlace.update`).
        let verified = survey.intact
        var loaded: Loaded
        do {
            loaded = try load(files, previous: previous, recordedSources: recordedSources, scanned: scanned)
        } catch {
            // What is left of the check is checked on this thread too.
            _ = verified?.wait()
            throw error
        }
        timer.mark("load")
        guard !loaded.entries.isEmpty else {
            _ = verified?.wait()
            throw .noArticles(source: source.path)
        }
        defer { options.keepUntilExit((survey, previous, loaded)) }
        let model = SiteModel(entries: loaded.takeEntries(), site: siteInfo(loaded.settings, baseURL: baseURL), pinyin: loader.pinyin,
                              relatedBefore: previous?.related)
        let engine = RenderEngine(model: model, fetchBody: { [loader] file, hash in loader.markdownBodyUTF8(of: file, contentHash: hash) },
                                  media: loaded.media, storyPages: loaded.storyPages)
        timer.mark("site model")

        let jobs = model.jobs()
        timer.mark("fingerprint \(jobs.count) pages")
        defer { options.keepUntilExit((model, jobs)) }

        if options.renderToMemory {
            _ = verified?.wait()
            let sink = DiscardingOutput()
            do {
                let records = try engine.run(jobs, into: sink, previous: nil).records
                return Report(articles: model.entries.count, files: records.count, warnings: loaded.diagnostics,
                              written: sink.totals.files)
            } catch let error as BuildError { throw error } catch { throw .write(path: "(memory)", reason: "\(error)") }
        }

        // An output whose state is known is updated in place, unless most of it changes (or its check
        // has failed already); any other is built whole.
        var base = previous.map { UpdateBase(state: $0, records: PreviousOutputs($0.outputs)) }
        if verified?.hasFailed != false {
            base = nil
        } else if let old = base?.records,
                  jobs.indices.filter({ old.page(jobs[$0].path, job: $0)?.fingerprint != jobs[$0].fingerprint }).count * 2 > jobs.count {
            base = nil
        } else if let old = base?.records, MediaFile.changesShape(loaded.media, from: old.records) {
            // A copy where a folder of copies was, or the other way round: built whole, as an
            // update puts files in place but does not turn a file into a folder.
            base = nil
        }
        let putting = PutInPlace(source: source, output: output, baseURL: baseURL, generator: generator, options: options,
                                 model: model, engine: engine, jobs: jobs, loaded: loaded)
        if let base, let verified {
            if let report = try putting.update(base, verifiedBy: verified, timer: &timer) { return report }
            // The output is not as the state says (a file changed by hand): it is built whole.
            guard options.buildsWholeAfterAFailedCheck else {
                throw .write(path: output.path, reason: "the output is not as the build that made it left it")
            }
        } else if let previous, verified?.wait() == true, !loaded.media.isEmpty {
            // Most pages change, but the output is as its build left it: the media whose sources
            // kept their stamps are carried over from it instead of copied.
            return try putting.build(carryingMediaOf: PreviousOutputs(previous.outputs), timer: &timer)
        } else {
            // Not used, but ended first, so that no check outlives the build.
            _ = verified?.wait()
        }
        return try putting.build(timer: &timer)
    }

    /// Whether `files` are the sources `recorded` lists, with the same stamps.
    static func sameSources(_ files: [SourceFile], _ recorded: [BuildState.Source]) -> Bool {
        guard files.count == recorded.count else { return false }
        for (file, record) in zip(files, recorded) where file.relativePath != record.relativePath || file.stamp != record.stamp {
            return false
        }
        return true
    }

    /// What loading a Markdown file gave: the source the state recorded for it, unchanged (by its
    /// position there), or a source made now, with the plain texts of its bodies when they are kept.
    enum MarkdownLoad {
        case unchanged(Int)
        /// Boxed: the array of one per file then takes 16 bytes a file, not the size of a source
        /// (at 100,000 files, 23 MB fewer to make and fault in).
        indirect case loaded(BuildState.Source, [String]?)
    }

    /// What loading gave: the articles with what the renderer needs of them, and what the build
    /// state keeps.
    struct Loaded {
        var entries: [ArticleEntry]
        var diagnostics: [LoadDiagnostic]
        var settings: SiteSettings
        var settingsNotes: [LoadDiagnostic]
        var sidecarNotes: [LoadDiagnostic]
        var sources: [BuildState.Source]
        /// The media files to copy into the site, in path order.
        var media: [MediaFile] = []
        /// The page of each Markdown story (`Article.url`) by its source file, when a story links to
        /// another (`SourceReference.isStory`); empty otherwise.
        var storyPages: [String: String] = [:]
        /// Stories whose page this build moved away from an address the previous build published
        /// (`movedPages`): warnings of this build alone, not kept in the state.
        var moved: [LoadDiagnostic] = []

        /// The entries, given up (to `SiteModel`, which puts them in order where they are).
        mutating func takeEntries() -> [ArticleEntry] {
            defer { entries = [] }
            return entries
        }
    }

    /// For each of `files`, the position of the source of the same path in `recorded`, if any.
    /// Both lists are in path order (the bytes of the relative path), so they are walked side by side.
    static func recordedPositions(of files: [SourceFile], in recorded: [BuildState.Source]) -> [Int?] {
        var positions = [Int?](repeating: nil, count: files.count)
        var next = 0
        for (index, file) in files.enumerated() {
            // Mostly the same paths side by side: compared for equality first, ordered only when not.
            if next < recorded.count, recorded[next].relativePath == file.relativePath {
                positions[index] = next
                next += 1
                continue
            }
            while next < recorded.count, SourceFile.pathPrecedes(recorded[next].relativePath, file.relativePath) { next += 1 }
            if next < recorded.count, recorded[next].relativePath == file.relativePath {
                positions[index] = next
                next += 1
            }
        }
        return positions
    }

    /// Loads `files`, reusing what `previous` recorded for files that did not change. Each Markdown
    /// file is read, parsed, enriched and its body digested by one task, and its body dropped: the
    /// bodies of the archive are never held at once.
    /// - Parameters:
    ///   - previous: the state of the previous build, its sources taken out into `recordedSources`
    ///     (`BuildState.takeSources()`), or with them.
    ///   - recordedSources: the previous build's sources, when taken out of `previous`: held by
    ///     nothing else, the unchanged ones are moved into the new state rather than copied (at
    ///     100,000 sources, a retain of each one's every string and array).
    ///   - scanned: when `files` were listed. A file changed within the clock's resolution of that
    ///     could change again with the same stamp: its recorded stamp is spoilt, so the next build
    ///     reads it again (as Git does).
    ///   - keepPlainTexts: whether the entries keep the plain text of the bodies read now.
    ///     A build does not: the search index reads them again a batch at a time, so the texts of the
    ///     whole archive are never held at once. The preview, which rebuilds again and again, does.
    func load(_ files: [SourceFile], previous: BuildState?, recordedSources: consuming [BuildState.Source]? = nil, scanned: Int64,
              keepPlainTexts: Bool = false) throws(BuildError) -> Loaded {
        var recordedSources = recordedSources ?? previous?.sources ?? []
        let recorded = Self.recordedPositions(of: files, in: recordedSources)
        let loader = self.loader
        let renderer = BodyRenderer()

        let markdown = files.indices.filter { files[$0].kind == .markdown }
        // Read through a copy that ends with the map, so that the sources are held once again when
        // they are moved out below.
        let markdownSources = { [recordedSources] in ConcurrentMap.map(markdown) { index -> MarkdownLoad in
            // An unchanged file is named by its place in the state, not copied out here (each copy of a
            // source retains all it holds; the merge below makes the one copy kept); nor is its
            // listing copied (a retain of both its paths).
            if let position = recorded[index], recordedSources[position].kind == .markdown, recordedSources[position].stamp == files[index].stamp {
                return .unchanged(position)
            }
            let file = files[index]
            let old = recorded[index].flatMap { recordedSources[$0].kind == .markdown ? recordedSources[$0] : nil }
            // A file whose bytes are those recorded (its stamp changed alone) keeps what it gave.
            let (result, contentHash) = loader.loadMarkdownFile(file, unlessContentHash: old?.contentHash)
            if var old, old.contentHash == contentHash {
                old.stamp = file.stamp
                return .loaded(old, nil)
            }
            // Not the recorded bytes, so the file was read whole (`result` is left out only for those).
            var stored = result ?? loader.loadMarkdownFile(file).result
            var texts: [String] = []
            var digests: [BodyDigest] = []
            for index in stored.articles.indices {
                if keepPlainTexts {
                    texts.append(renderer.plainText(stored.articles[index].body))
                    digests.append(BodyDigest(plainText: texts[index]))
                } else {
                    digests.append(renderer.digest(stored.articles[index].body))
                }
                stored.articles[index].body = .markdown("")
            }
            return .loaded(BuildState.Source(relativePath: file.relativePath, kind: file.kind, stamp: file.stamp, contentHash: contentHash,
                                             result: stored, digests: digests), keepPlainTexts ? texts : nil)
        } }()

        // Page dumps, sidecars and the settings are read together, or reused together.
        let group = loadPageGroup(files.filter { $0.kind.isReadWithPages }, recorded: recordedSources.filter { $0.kind.isReadWithPages },
                                  previous: previous, keepPlainTexts: keepPlainTexts)
        let (groupSources, groupTexts) = (group.sources, group.texts)

        // Everything back in path order: the Markdown files and the others, each in path order, merged;
        // each file's result added to the load as it comes.
        var ordered: [BuildState.Source] = []
        var texts: [[String]?] = []
        ordered.reserveCapacity(files.count)
        texts.reserveCapacity(files.count)
        var assembly = NewsLoader.Assembly(capacity: files.count)
        var (nextMarkdown, nextInGroup) = (0, 0)
        /// The Markdown files read anew, whose stories may have moved (by their place in `files`).
        var readAnew: [Int] = []
        for (fileIndex, file) in files.enumerated() {
            if file.kind == .markdown {
                switch markdownSources[nextMarkdown] {
                case .unchanged(let position):
                    // Moved out, an empty source left in its place: no copy of what it holds.
                    ordered.append(BuildState.Source.take(&recordedSources[position]))
                    texts.append(nil)
                case .loaded(let source, let plainTexts):
                    if recorded[fileIndex].map({ recordedSources[$0].contentHash != source.contentHash }) ?? true { readAnew.append(fileIndex) }
                    ordered.append(source)
                    texts.append(plainTexts)
                }
                nextMarkdown += 1
            } else if file.kind == .media {
                // Copied as it is: its stamp is all a build keeps of it.
                ordered.append(BuildState.Source(relativePath: file.relativePath, kind: .media, stamp: file.stamp, contentHash: 0,
                                                 result: NewsLoader.SourceFileResult(), digests: []))
                texts.append(nil)
            } else {
                ordered.append(groupSources[nextInGroup])
                texts.append(groupTexts[nextInGroup])
                nextInGroup += 1
            }
            assembly.add(ordered[ordered.count - 1].result)
        }

        let mediaIndices = files.indices.filter { files[$0].kind == .media }
        let loaded: LoadedSources
        do {
            loaded = try assembly.finish(by: loader, settings: group.settings, settingsNotes: group.settingsNotes, sidecarNotes: group.sidecarNotes,
                                         media: mediaIndices.map { files[$0] })
        } catch { throw .load(error) }

        // Pages moved away from an address the previous build published (read before the sources
        // are changed below; the ones read anew were not taken out of `recordedSources`).
        let changed = readAnew.map { (source: ordered[$0], recordedAt: recorded[$0]) }
        let moved = previous == nil ? [] : Self.movedPages(changed: changed, recorded: recordedSources,
                                                          listed: files, published: loaded.articles)

        // The assembled articles, in the same order as the sources' own: their slugs are unique
        // over the whole site, so a story's may depend on other files (see `SlugMaker.makeUnique`).
        // Where each source's stories start among them:
        var starts: [Int] = []
        starts.reserveCapacity(ordered.count)
        var storyCount = 0
        for index in ordered.indices {
            starts.append(storyCount)
            storyCount += ordered[index].result.articles.count
        }
        // The assembly holds exactly the sources' stories, in their order (it only renames some).
        precondition(storyCount == loaded.articles.count, "the load assembled \(loaded.articles.count) stories of \(storyCount)")
        let storyPages = Self.storyPages(of: ordered, starts: starts, articles: loaded.articles)
        // Made on every core, each entry in its place; the sources are read in place, not copied out
        // one by one (each copy retains all they hold).
        let entries = [ArticleEntry](unsafeUninitializedCapacity: storyCount) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer
            // Read through copies that end with this closure (the sources are changed in place below).
            let (ordered, texts, starts) = (ordered, texts, starts)
            let (articles, dataFingerprint, run) = (loaded.articles, loader.dataFingerprint, 512)
            let storyPages = storyPages
            // Each source and listing read through a pointer, where it lies: an array's element is
            // copied out whole to be passed on (a retain of each string and array it holds).
            ordered.withUnsafeBufferPointer { sources in files.withUnsafeBufferPointer { listed in
                nonisolated(unsafe) let (sources, listed) = (sources, listed)
                // Nothing in the body throws: every entry is made.
                try? Parallel.forEach((sources.count + run - 1) / run, chunk: 1) { runIndex in
                    for index in (runIndex * run)..<min(sources.count, (runIndex + 1) * run) {
                        for position in 0..<sources[index].result.articles.count {
                            (buffer.baseAddress! + starts[index] + position).initialize(
                                to: Self.entry(of: articles[starts[index] + position], at: position, in: sources.baseAddress! + index,
                                               file: listed.baseAddress! + index,
                                               dataFingerprint: dataFingerprint, storyPages: storyPages,
                                               plainText: texts[index]?[position]))
                        }
                    }
                }
            } }
            initialized = storyCount
        }
        // Moved, not copied: changing a stamp of a shared array would copy every source first.
        var sourcesToKeep = consume ordered
        for index in sourcesToKeep.indices where sourcesToKeep[index].stamp.isRecent(than: scanned) {
            sourcesToKeep[index].stamp.modified = -1
        }
        // The files a story names: the ones the site carries.
        let named = Set(loaded.media.map { Array($0.relativePath.utf8) })
        let media = mediaIndices.filter { named.contains(Array(files[$0].relativePath.utf8)) }
            .map { MediaFile(file: files[$0], stamp: sourcesToKeep[$0].stamp) }
        return Loaded(entries: entries, diagnostics: loaded.diagnostics, settings: group.settings, settingsNotes: group.settingsNotes,
                      sidecarNotes: group.sidecarNotes, sources: sourcesToKeep, media: media, storyPages: storyPages, moved: moved)
    }

    /// The page of each Markdown story by its source file, when one of `sources` links to a story
    /// (else none, and nothing is spent on them); `starts` gives where each source's stories begin
    /// among `articles`.
    private static func storyPages(of sources: [BuildState.Source], starts: [Int], articles: [Article]) -> [String: String] {
        // By index: each source read where it lies, not copied out (a retain of all it holds).
        guard sources.indices.contains(where: { sources[$0].kind == .markdown && sources[$0].result.references.contains(where: \.isStory) }) else {
            return [:]
        }
        var pages: [String: String] = [:]
        for index in sources.indices where sources[index].kind == .markdown && !sources[index].result.articles.isEmpty {
            pages[sources[index].relativePath] = articles[starts[index]].url
        }
        return pages
    }

    /// The entry of `article`, the story at `position` among those of `source` (listed as `file`).
    /// The source and the listing are read through pointers, field by field: passed as values, each
    /// would be copied whole first (a retain of every string and array it holds).
    private static func entry(of article: Article, at position: Int, in source: UnsafePointer<BuildState.Source>, file: UnsafePointer<SourceFile>,
                              dataFingerprint: UInt64, storyPages: [String: String], plainText: String?) -> ArticleEntry {
        var fingerprint = Fingerprint(seed: 0x4152_5449)
        fingerprint.combine(dataFingerprint)
        fingerprint.combine(source.pointee.relativePath)
        fingerprint.combine(position)
        fingerprint.combine(article.slug.value)
        let body: BodySource
        if source.pointee.kind == .markdown {
            fingerprint.combine(source.pointee.contentHash)
            // The pages its links to other stories lead to: a story retitled elsewhere moves its page.
            if !storyPages.isEmpty {
                for reference in source.pointee.result.references where reference.isStory { fingerprint.combine(storyPages[reference.sourcePath]) }
            }
            body = .markdownFile(file.pointee, contentHash: source.pointee.contentHash)
        } else {
            // A page dump's stories are read with the whole group (a banner is known by recurring
            // across pages), so no one file's bytes stand for a story: what the story holds does.
            // An edit of one page changes the stories it changes, not every story of the paper.
            fingerprint.combine(StateCoding.fingerprint(of: article))
            body = .inline
        }
        return ArticleEntry(article: article, fingerprint: fingerprint.value, digest: source.pointee.digests[position], body: body, plainText: plainText)
    }
}
