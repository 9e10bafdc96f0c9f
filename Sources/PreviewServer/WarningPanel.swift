import NewsLoader
import Templates

/// What an editor sees when the site builds but the loader has warnings (a story with no byline,
/// no region, a page with no date): a small panel in the corner of every served page, the
/// warnings of the source the page was made from first.
///
/// The panel is open on a page whose own source has warnings, so the editor working on that story
/// sees them at once, and folded to its count elsewhere. It is never part of `build` output.
enum WarningPanel {
    /// The most warnings listed; the rest are counted, and `unionpress check` lists them all.
    static let listed = 100

    /// The panel for a page made from `pageSource` (a file relative to `--source`, or `nil` for a
    /// page that lists many stories), or `nil` when there are no warnings.
    /// - Parameters:
    ///   - warnings: the build's warnings, in the order the build reported them.
    ///   - pageSource: the source file of the page being served.
    static func panel(_ warnings: [LoadDiagnostic], pageSource: String?) -> String? {
        guard !warnings.isEmpty else { return nil }
        var own: [LoadDiagnostic] = [], others: [LoadDiagnostic] = []
        for warning in warnings {
            if let pageSource, Self.belongs(warning.file, to: pageSource) { own.append(warning) } else { others.append(warning) }
        }
        own.sort { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }
        let summary = own.isEmpty
            ? "UnionPress：全站 \(warnings.count) 条提示 (warnings)"
            : "UnionPress：本文 \(own.count) 条提示，全站 \(warnings.count) 条 (warnings)"
        let shown = (own + others).prefix(listed)
        var items = ""
        for (position, warning) in shown.enumerated() {
            let line = warning.line.map { " data-line=\"\($0)\"" } ?? ""
            let isOwn = position < own.count
            items += "<li data-file=\"\(HTML.escape(warning.file))\"\(line)\(isOwn ? " data-this-page" : "")"
                + " style=\"\(isOwn ? "font-weight:600;" : "")white-space:pre-wrap;overflow-wrap:anywhere\">\(HTML.escape(warning.description))</li>"
        }
        let more = warnings.count > shown.count
            ? "<div>另有 \(warnings.count - shown.count) 条 · \(warnings.count - shown.count) more: run <code>unionpress check</code></div>"
            : ""
        return """
        <details id="unionpress-warnings"\(own.isEmpty ? "" : " open") role="status" style="position:fixed;z-index:2147483646;\
        right:12px;bottom:12px;max-width:min(40em,calc(100vw - 24px));max-height:45vh;overflow:auto;margin:0;\
        padding:8px 12px;background:#fffbe6;color:#4d3800;border:1px solid #d9b400;border-radius:6px;\
        font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 2px 8px rgba(0,0,0,.2);text-align:left">\
        <summary style="cursor:pointer;font-family:system-ui,sans-serif">\(summary)</summary>\
        <ul style="margin:6px 0;padding-left:1.2em">\(items)</ul>\(more)\
        <div style="font-family:system-ui,sans-serif;color:#6b5a1e">这些问题不妨碍构建；修改后保存，提示会自动更新 · \
        the site still builds; fix and save, and this list updates by itself</div>\
        </details>
        """
    }

    /// Whether a warning about `file` is about the source `pageSource`: the file itself, or the
    /// sidecar beside a page dump (`page.txt` → `page.yml`), which corrects that page's stories.
    static func belongs(_ file: String, to pageSource: String) -> Bool {
        guard file != pageSource else { return true }
        guard let dot = pageSource.lastIndex(of: "."), pageSource[dot...].lowercased() == ".txt" else { return false }
        let stem = pageSource[..<dot]
        return file.hasPrefix(stem) && [".yml", ".yaml"].contains(file.dropFirst(stem.count).lowercased())
    }
}
