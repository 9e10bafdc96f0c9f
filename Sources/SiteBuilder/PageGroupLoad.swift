import NewsLoader
import NewsModel

extension Site {
    /// What the page dumps, their sidecars and the site settings gave together: a source for each
    /// file, the plain texts of its bodies when kept, and the settings with their notes.
    struct PageGroupLoad {
        var sources: [BuildState.Source]
        var texts: [[String]?]
        var settings: SiteSettings
        var settingsNotes: [LoadDiagnostic]
        var sidecarNotes: [LoadDiagnostic]

        /// Adds the source `file` gives as `result`, read now (its bytes' fingerprint `contentHash`),
        /// with its bodies' digests, and their plain texts when kept.
        mutating func add(_ file: SourceFile, read result: NewsLoader.SourceFileResult, contentHash: UInt64, renderer: BodyRenderer,
                          keepPlainTexts: Bool) {
            let texts = result.articles.map { renderer.plainText($0.body) }
            sources.append(BuildState.Source(relativePath: file.relativePath, kind: file.kind, stamp: file.stamp, contentHash: contentHash,
                                             result: result, digests: texts.map(BodyDigest.init(plainText:))))
            self.texts.append(keepPlainTexts ? texts : nil)
        }
    }

    /// The page group `files` (in path order) gives: what `previous` recorded for it when the same
    /// files have the same stamps, or hold the same bytes (their stamps changed at most, as in a
    /// fresh checkout: then read and fingerprinted only); else what is recorded for the pages the
    /// loader did not parse again (`NewsLoader.loadPageGroup(_:known:)`) and the others read now.
    /// - Parameters:
    ///   - recorded: the group's sources as `previous` recorded them, in path order.
    ///   - keepPlainTexts: as for `load`.
    func loadPageGroup(_ files: [SourceFile], recorded: [BuildState.Source], previous: BuildState?, keepPlainTexts: Bool) -> PageGroupLoad {
        guard let previous else { return parsed(loader.loadPageGroup(files), files, keepPlainTexts: keepPlainTexts) }
        let sameStamps = recorded.count == files.count
            && zip(files, recorded).allSatisfy { $0.relativePath == $1.relativePath && $0.stamp == $1.stamp }
        func known() -> [String: NewsLoader.KnownGroupFile] {
            Dictionary(recorded.map { ($0.relativePath, NewsLoader.KnownGroupFile(kind: $0.kind, contentHash: $0.contentHash, bannerKeys: $0.result.bannerKeys)) },
                       uniquingKeysWith: { first, _ in first })
        }
        guard !sameStamps, let changes = loader.loadPageGroup(files, known: known()) else {
            // The same files with the same bytes (the loader tells no change only for the same
            // paths, and both lists are in path order): what they gave stands, under their new stamps.
            precondition(recorded.count == files.count && zip(files, recorded).allSatisfy { $0.relativePath == $1.relativePath },
                         "a page group found unchanged lists the paths the state records")
            var sources = recorded
            for index in sources.indices where sources[index].stamp != files[index].stamp {
                sources[index].stamp = files[index].stamp
            }
            return PageGroupLoad(sources: sources, texts: Array(repeating: nil, count: sources.count), settings: previous.settings,
                                 settingsNotes: previous.settingsNotes, sidecarNotes: previous.sidecarNotes)
        }
        return merged(changes, files, recorded: recorded, keepPlainTexts: keepPlainTexts)
    }

    /// The sources of the group `files` as `changes` gives them: those it read again made now, the
    /// others (unchanged pages) as `recorded` holds them, under their new stamps.
    private func merged(_ changes: NewsLoader.PageGroupChanges, _ files: [SourceFile], recorded: [BuildState.Source],
                        keepPlainTexts: Bool) -> PageGroupLoad {
        let renderer = BodyRenderer()
        let recordedByPath = Dictionary(recorded.indices.map { (recorded[$0].relativePath, $0) }, uniquingKeysWith: { first, _ in first })
        var load = PageGroupLoad(sources: [], texts: [], settings: changes.settings, settingsNotes: changes.settingsNotes,
                                 sidecarNotes: changes.sidecarNotes)
        for (position, file) in files.enumerated() {
            guard let result = changes.files[position] else {
                // Not read again: the loader found it as recorded at its path.
                var source = recorded[recordedByPath[file.relativePath]!]
                source.stamp = file.stamp
                load.sources.append(source)
                load.texts.append(nil)
                continue
            }
            load.add(file, read: result, contentHash: changes.contentHashes[position], renderer: renderer, keepPlainTexts: keepPlainTexts)
        }
        return load
    }

    /// The sources of the group `files` read as `group`, each with its bodies' digests.
    private func parsed(_ group: NewsLoader.PageGroupResult, _ files: [SourceFile], keepPlainTexts: Bool) -> PageGroupLoad {
        let renderer = BodyRenderer()
        var load = PageGroupLoad(sources: [], texts: [], settings: group.settings, settingsNotes: group.settingsNotes,
                                 sidecarNotes: group.sidecarNotes)
        for (position, file) in files.enumerated() {
            load.add(file, read: group.files[position], contentHash: group.contentHashes[position], renderer: renderer,
                     keepPlainTexts: keepPlainTexts)
        }
        return load
    }
}
