import NewsLoader
import Templates

/// What an editor sees when the sources fail to build: a banner over the last good site, or a whole
/// page when there has never been a good build. Both name every error as `file:line`.
enum ErrorBanner {
    /// The banner inserted into each served HTML page while the sources are broken.
    /// - Parameter failure: why the latest build failed.
    /// It opens unfolded; its heading folds it to one line, so that the page under it (its menu,
    /// the story being fixed) can be read.
    static func banner(_ failure: PreviewError) -> String {
        """
        <div id="unionpress-error" role="alert" style="position:fixed;z-index:2147483647;left:0;right:0;top:0;\
        max-height:60vh;overflow:auto;margin:0;padding:0;background:#fff4f4;color:#5c0000;\
        border-bottom:3px solid #c00;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
        box-shadow:0 2px 8px rgba(0,0,0,.2);text-align:left"><details open style="padding:8px 16px">\
        <summary style="cursor:pointer;font-family:system-ui,sans-serif;font-weight:bold">\
        UnionPress：源文件有 \(failure.problems.count) 处错误，下面显示的是上一次成功的构建 \
        (the sources have errors; showing the last good build)</summary>\
        \(list(failure))\
        <div style="font-family:system-ui,sans-serif;color:#555">修改后保存，页面会自动刷新 · fix the file and save: this page reloads by itself\
         · 点标题可收起 · click the heading to fold this away</div>\
        </details></div>
        """
    }

    /// A whole page for when no build has succeeded yet.
    /// - Parameter failure: why the build failed.
    static func page(_ failure: PreviewError) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>构建失败 · build failed</title></head>
        <body style="margin:0;padding:16px;font:15px/1.6 system-ui,sans-serif">\
        <h1 style="font-size:1.3em;color:#900">UnionPress：无法构建网站 (the site cannot be built)</h1>\
        <div id="unionpress-error" role="alert" style="font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;color:#5c0000">\
        \(list(failure))</div>\
        <p>修改后保存，页面会自动刷新 · fix the file and save: this page reloads by itself.</p>
        </body></html>
        """
    }

    /// One `<li>` per problem, each carrying `data-file` and `data-line` for tools and tests.
    private static func list(_ failure: PreviewError) -> String {
        var items = ""
        for problem in failure.problems {
            let file = problem.file.map { " data-file=\"\(escape($0))\"" } ?? ""
            let line = problem.line.map { " data-line=\"\($0)\"" } ?? ""
            items += "<li\(file)\(line) style=\"white-space:pre-wrap;overflow-wrap:anywhere\">\(escape(problem.description))</li>"
        }
        return "<ul style=\"margin:6px 0;padding-left:1.2em\">" + items + "</ul>"
    }

    /// Escapes text for HTML content and attribute values: the `HTML` type owns escaping.
    static func escape(_ text: String) -> String { HTML.escape(text) }
}
