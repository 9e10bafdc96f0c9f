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
    }

    /// The page group `files` (in path order) gives: what `previous` recorded for it when the same
    /// files hold the same bytes (their stamps changed at most, as in a fresh checkout: then read
    /// and fingerprinted only), else the group read and parsed now.
    /// - Parameters:
    ///   - recorded: the group's sources as `previous` recorded them, in path order.
    ///   - keepPlainTexts: as for `load`.
    func loadPageGroup(_ files: [SourceFile], recorded: [BuildState.Source], previous: BuildState?, keepPlainTexts: Bool) -> PageGroupLoad {
        if let previous, recorded.count == files.count, zip(files, recorded).allSatisfy({ $0.relativePath == $1.relativePath }) {
            let sameStamps = zip(files, recorded).allSatisfy { $0.stamp == $1.stamp }
            guard !sameStamps, let group = loader.loadPageGroup(files, unlessContentHashes: recorded.map(\.contentHash)) else {
                var sources = recorded
                for index in sources.indices where sources[index].stamp != files[index].stamp {
                    sources[index].stamp = files[index].stamp
                }
                return PageGroupLoad(sources: sources, texts: Array(repeating: nil, count: sources.count), settings: previous.settings,
                                     settingsNotes: previous.settingsNotes, sidecarNotes: previous.sidecarNotes)
            }
            return parsed(group, files, keepPlainTexts: keepPlainTexts)
        }
        return parsed(loader.loadPageGroup(files), files, keepPlainTexts: keepPlainTexts)
    }

    /// The sources of the group `files` read as `group`, each with its bodies' digests.
    private func parsed(_ group: NewsLoader.PageGroupResult, _ files: [SourceFile], keepPlainTexts: Bool) -> PageGroupLoad {
        let renderer = BodyRenderer()
        var load = PageGroupLoad(sources: [], texts: [], settings: group.settings, settingsNotes: group.settingsNotes,
                                 sidecarNotes: group.sidecarNotes)
        for (position, file) in files.enumerated() {
            let result = group.files[position]
            let texts = result.articles.map { renderer.plainText($0.body) }
            load.sources.append(BuildState.Source(relativePath: file.relativePath, kind: file.kind, stamp: file.stamp,
                                                  contentHash: group.contentHashes[position], result: result,
                                                  digests: texts.map(BodyDigest.init(plainText:))))
            load.texts.append(keepPlainTexts ? texts : nil)
        }
        return load
    }
}
