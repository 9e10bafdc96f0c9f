/// The search page and the page for addresses that lead nowhere.
public enum UtilityPages {
    /// The search page: a form, and a results area that the search script fills from the index.
    public static func search(context: PageContext) -> HTML {
        let content: HTML = """
        <h1 class="page-title">站内搜索</h1>
        <form class="search-form" action="./" method="get" role="search">
        <label for="search-input" class="visually-hidden">搜索关键词</label>
        <input id="search-input" type="search" name="q" placeholder="例如：骑手、一键入会、枫桥经验" autocomplete="off">
        <button type="submit">搜索</button>
        </form>
        <p id="search-status" class="search-status" role="status" aria-live="polite"></p>
        <ol id="search-results" class="story-list search-results" data-result-count="0"></ol>
        <noscript><p>搜索需要浏览器启用 JavaScript。</p></noscript>
        """
        let script: HTML = "<script src=\"\(context.link("assets/search.js"))\" defer></script>\n"
        return Layout.page(title: "搜索", description: "搜索\(context.site.name)的报道。", context: context, content: content, extraHead: script)
    }

    /// The not-found page. It may be served at any address, so it links only to the site root and
    /// carries its styles inline.
    public static func notFound(site: SiteInfo) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>页面未找到 · \(site.name)</title>
        <style>body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.8;color:#1d1d1f}h1{color:#b3121d}a{color:#b3121d}</style>
        </head>
        <body>
        <main>
        <h1>页面未找到</h1>
        <p>您要找的页面不存在，可能已被移动或删除。</p>
        <p><a href="/">返回\(site.name)首页</a></p>
        </main>
        </body>
        </html>

        """
    }
}
