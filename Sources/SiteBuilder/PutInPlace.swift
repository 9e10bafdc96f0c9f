import Foundation
import NewsModel

extension Site {
    /// What an update builds on: the previous build's state and the records of its files.
    struct UpdateBase {
        var state: BuildState
        var records: PreviousOutputs
    }

    /// Renders a build's pages into its output and puts them in place: as an update of the files
    /// the previous build left, or as a whole new output.
    struct PutInPlace {
        let source: URL, output: URL, baseURL: String?, generator: UInt64, options: Options
        let model: SiteModel, engine: RenderEngine, jobs: [PageJob], loaded: Loaded

        /// Puts the site in place as a whole new output. The media that `old`, the records of the
        /// output it replaces (which the check found as recorded), records from their sources'
        /// present stamps are carried over from there (see `MediaToCarry`).
        func build(carryingMediaOf old: PreviousOutputs? = nil, timer: inout PhaseTimer) throws(BuildError) -> Report {
            // Never `nil`: a whole build waits on no check.
            guard let report = try put(base: nil, verifiedBy: nil, carryingMediaOf: old, timer: &timer) else {
                throw .write(path: output.path, reason: "the build was not put in place")
            }
            return report
        }

        /// Updates the output in place from `base`, rendering while `check` still checks the output
        /// against the state: nothing reaches the output before the check has passed. `nil` when
        /// it fails (nothing of the update is kept).
        func update(_ base: UpdateBase, verifiedBy check: OutputCheck, timer: inout PhaseTimer) throws(BuildError) -> Report? {
            try put(base: base, verifiedBy: check, timer: &timer)
        }

        private func put(base: UpdateBase?, verifiedBy check: OutputCheck?, carryingMediaOf old: PreviousOutputs? = nil,
                         timer: inout PhaseTimer) throws(BuildError) -> Report? {
            let trusted = base?.state
            let disk: DiskOutput
            do {
                disk = try DiskOutput(output: output, source: source, update: trusted != nil)
            } catch {
                // Ended first, so that no check outlives the build.
                _ = check?.wait()
                throw error
            }
            if trusted == nil { disk.makeFoldersAhead(of: RenderEngine.pathsInWriteOrder(jobs)) }
            timer.mark(trusted != nil ? "staging (update)" : "staging (whole build)")
            do {
                let outputRoot = disk.output.path
                let searchBase = trusted?.search.map { ledger in
                    RenderEngine.SearchIndexBase(ledger: ledger, read: { FileManager.default.contents(atPath: outputRoot + "/" + $0) })
                }
                let carried = old.map { MediaToCarry(records: $0, root: outputRoot) }
                var rendered = try engine.run(jobs, into: disk, previous: base?.records, searchBase: searchBase, carriedMedia: carried)
                // Taken out, so that setting the stamps below changes them in place rather than copying all.
                var records = rendered.records
                rendered.records = []
                timer.mark("render and write")
                defer { options.keepUntilExit(rendered) }
                // The state but its outputs and folders is encoded, on every core, while the files are
                // written and put in place (which gives the outputs their stamps and the folders their times).
                var state = BuildState(generator: generator, baseURL: baseURL, sources: loaded.sources, settings: loaded.settings,
                                       settingsNotes: loaded.settingsNotes, sidecarNotes: loaded.sidecarNotes, outputs: [],
                                       folders: [], articleCount: model.entries.count, diagnostics: loaded.diagnostics,
                                       search: rendered.searchLedger, related: model.related)
                let encoding = Background { [state] in state.encodedPartsAwaitingOutputs() }
                // Waited for on every way out, so that no encoding outlives a build that failed.
                defer { options.keepUntilExit(encoding.wait()) }
                // The output is as the state says, or the update is thrown away (what is left of the
                // check is checked on this thread too).
                var knownFolders = trusted?.folders ?? []
                if let check {
                    let intact = check.wait()
                    timer.mark("output check")
                    guard intact else {
                        disk.discard()
                        return nil
                    }
                    // A copied or restored output: what it holds is as recorded, under new stamps,
                    // which the files kept as they were take.
                    if let trusted {
                        let restamps = check.restamps
                        restamps.restampKept(&records, recorded: trusted.outputs)
                        knownFolders = restamps.applied(to: knownFolders)
                    }
                }
                // Mostly the same files in the same order as before; otherwise those no longer made.
                let samePaths = trusted.map { trusted in
                    records.count == trusted.outputs.count && zip(records, trusted.outputs).allSatisfy { $0.path == $1.path }
                } ?? false
                var removed: [String] = []
                if let trusted, !samePaths {
                    let kept = Set(records.map(\.path))
                    removed = trusted.outputs.map(\.path).filter { !kept.contains($0) }
                }
                // Nothing reaches the output unless all of it can.
                if trusted != nil { try disk.checkChangesAllowed(removing: removed) }
                // An update's files held in memory go over the output's in place now, which gives their stamps.
                try disk.writeHeldInPlace()
                var written: [String] = []
                // A record kept from the previous build has that file's stamp; one just written has none yet.
                for index in records.indices where records[index].modified == 0 && records[index].inode == 0 {
                    guard let stamp = disk.stamp(of: records[index].path) else { continue }
                    records[index].modified = stamp.modified
                    records[index].inode = stamp.inode
                    written.append(records[index].path)
                }
                state.outputs = records
                defer { options.keepUntilExit(state) }
                if let trusted {
                    if written.isEmpty, removed.isEmpty {
                        state.folders = samePaths ? knownFolders
                            : Site.folders(of: records, known: knownFolders, touched: [], under: disk.output.path)
                        try disk.replaceInOutput(DiskOutput.stateName,
                                                 pieces: encoding.wait().with(outputs: records, folders: state.folders, keptFrom: trusted))
                        disk.discard()
                        return Report(articles: model.entries.count, files: records.count, warnings: loaded.diagnostics, written: 0,
                                      moved: loaded.moved)
                    }
                    try disk.commitChanges(written: written, removed: removed) { touched in
                        // The same files in the same order as before: the same folders, in the same order
                        // (`BuildState.folders(of:)`; files reordered, by a story's new date, reorder them).
                        state.folders = samePaths
                            ? Site.retimed(knownFolders, touched: touched, under: disk.output.path)
                            : Site.folders(of: records, known: knownFolders, touched: touched, under: disk.output.path)
                        // Over the old state's file, which the previous state was read from (mapped, see
                        // `StateBytes`): the sources left as they were are kept where they lie, and any
                        // that moved are copied before anything is written (`StatePiece.write`).
                        try disk.replaceInOutput(DiskOutput.stateName,
                                                 pieces: encoding.wait().with(outputs: records, folders: state.folders, keptFrom: trusted),
                                                 overJournal: true)
                    }
                } else {
                    // Every folder is made now; their times are final.
                    disk.finishFoldersAhead()
                    let folders = BuildState.folders(of: records)
                    state.folders = zip(folders, DiskOutput.folderTimes(folders, under: disk.staging.path)).map { BuildState.Folder(path: $0, modified: $1) }
                    try disk.write(DiskOutput.stateName, pieces: encoding.wait().with(outputs: records, folders: state.folders))
                    try disk.commit()
                }
                timer.mark("state and commit")
                // A medium carried over from the old output is there unchanged, not written.
                let carriedOver = old == nil ? 0 : written.count(where: disk.wasCarriedOver)
                return Report(articles: model.entries.count, files: records.count, warnings: loaded.diagnostics,
                              written: written.count - carriedOver, moved: loaded.moved)
            } catch {
                disk.discard()
                // An update that failed on an output the check then finds changed is built whole instead.
                if let check, !check.wait() { return nil }
                if let error = error as? BuildError { throw error }
                throw .write(path: output.path, reason: error.localizedDescription)
            }
        }
    }
}
