import Foundation

/// The search page, the page for addresses that lead nowhere, and the page at a story's former address.
public enum UtilityPages {
    /// The search page: a form with region and topic filters, and a results area that the search
    /// script fills from the index. The form submits to the page itself, so `?q=`, `region=` and
    /// `topic=` make a search that can be linked and shared.
    /// - Parameters:
    ///   - regions: every region for the region filter, as the regions page lays them out: each
    ///     after the one it lies in, `depth` levels below the top (a county under its city).
    ///   - topics: `(slug, name)` of every topic, for the topic filter.
    public static func search(regions: [(slug: String, name: String, depth: Int)] = [], topics: [(String, String)] = [],
                              context: PageContext) -> HTML {
        // A list can hold no nested groups: each level is set in by an ideographic space.
        let regionOptions: [HTML] = regions.map {
            "<option value=\"\($0.slug)\">\(String(repeating: "\u{3000}", count: $0.depth) + $0.name)</option>"
        }
        let topicOptions: [HTML] = topics.map { "<option value=\"\($0.0)\">\($0.1)</option>" }
        let content: HTML = """
        <h1 class="page-title">站内搜索</h1>
        <form class="search-form" action="./" method="get" role="search">
        <div class="search-row">
        <label for="search-input" class="visually-hidden">搜索关键词</label>
        <input id="search-input" type="search" name="q" placeholder="例如：骑手、一键入会" autocomplete="off" maxlength="64">
        <button type="submit">搜索</button>
        </div>
        <div class="search-filters">
        <label for="search-region">地区</label>
        <select id="search-region" name="region"><option value="">全部地区</option>\(regionOptions)</select>
        <label for="search-topic">专题</label>
        <select id="search-topic" name="topic"><option value="">全部专题</option>\(topicOptions)</select>
        </div>
        </form>
        <p id="search-status" class="search-status" role="status" aria-live="polite"></p>
        <ol id="search-results" class="story-list search-results" data-result-count="0"></ol>
        <nav id="search-pages" class="pagination" aria-label="搜索结果分页" hidden></nav>
        <noscript><p>搜索需要浏览器启用 JavaScript。</p></noscript>
        """
        let script: HTML = "<script src=\"\(context.link("assets/search.js"))\" defer></script>\n"
        return Layout.page(title: "搜索", description: "搜索\(context.site.name)的报道。", context: context, content: content, extraHead: script)
    }

    /// The home page's path on the server that shows the not-found page at any address: that of
    /// the site's address (`/portal/` for `https://news.example.org/portal/`), else `/`. A path,
    /// not the whole address, so that a preview of the site stays on the preview.
    static func homePath(_ baseURL: String?) -> String {
        guard let baseURL, let path = URLComponents(string: baseURL)?.percentEncodedPath, path.hasPrefix("/") else { return "/" }
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// The not-found page. It may be served at any address, so it links only to the site's home by
    /// its path (`homePath`) and carries its styles inline.
    public static func notFound(site: SiteInfo) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>页面未找到 · \(site.name)</title>
        <link rel="icon" href="data:,">
        <style>body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.8;color:#1d1d1f}h1{color:#b3121d}a{color:#b3121d}</style>
        </head>
        <body>
        <main>
        <h1>页面未找到</h1>
        <p>您要找的页面不存在，可能已被移动或删除。</p>
        <p><a href="\(homePath(site.baseURL))">返回\(site.name)首页</a></p>
        </main>
        </body>
        </html>

        """
    }

    /// The page at a story's former address (an alias its source names), which sends the reader on
    /// to the story at once: a refresh for browsers, a link for the rest, and a canonical link so
    /// that search engines credit the story's own address.
    /// - Parameters:
    ///   - title: the story's title.
    ///   - target: the story's site-relative URL (`articles/<slug>/`).
    ///   - context: the former address's page (`articles/<alias>/index.html`).
    public static func redirect(title: String, target: String, context: PageContext) -> HTML {
        let link = context.link(target)
        let canonical = context.site.baseURL.map { $0 + target } ?? link
        return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <title>\(title) · \(context.site.name)</title>
        <link rel="canonical" href="\(canonical)">
        <meta name="robots" content="noindex">
        <meta http-equiv="refresh" content="0; url=\(link)">
        </head>
        <body>
        <p>本文已移至新地址：<a href="\(link)">\(title)</a></p>
        </body>
        </html>

        """
    }
}
