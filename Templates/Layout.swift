import Foundation
/// The frame around every page: head, header with the portal's navigation, footer.
public enum Layout {
    /// Wraps `content` in a complete document.
    /// - Parameters:
    ///   - title: the page's own title (the portal's name is added).
    ///   - description: the meta description.
    ///   - context: where the page stands.
    ///   - content: the main content.
    ///   - extraHead: page-specific additions to `<head>` (the canonical link and Open Graph tags are
    ///     always there, pointing at the page itself).
    public static func page(title: String?, description: String, context: PageContext, content: HTML, extraHead: HTML = HTML()) -> HTML {
        let fullTitle = title.map { "\($0) · \(context.site.name)" } ?? context.site.name
        let chrome = Chrome.of(context)
        return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(fullTitle)</title>
        <meta name="description" content="\(description)">
        <link rel="canonical" href="\(context.canonical)">
        <meta property="og:site_name" content="\(context.site.name)">
        <meta property="og:title" content="\(title ?? context.site.name)">
        <meta property="og:description" content="\(description)">
        <meta property="og:url" content="\(context.canonical)">
        <meta property="og:locale" content="zh_CN">
        <meta name="twitter:card" content="summary">
        <meta name="twitter:title" content="\(title ?? context.site.name)">
        <meta name="twitter:description" content="\(description)">
        \(chrome.links)\(extraHead)</head>
        \(chrome.header)\(content)
        \(chrome.footer)
        """
    }

    /// What a page's frame has that depends only on the site and on how deep the page lies (the
    /// prefix of its links): the same bytes on every page of that depth, so made once per depth
    /// (`of`) rather than once per page.
    struct Chrome: Sendable {
        /// The head's links to the feed, icon and style sheet.
        var links: HTML
        /// From `<body>` to the opening of `<main>`.
        var header: HTML
        /// From the close of `<main>` to the end of the document.
        var footer: HTML

        init(_ context: PageContext) {
            links = """
            <link rel="alternate" type="application/atom+xml" title="\(context.site.name)" href="\(context.link("feed.xml"))">
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="\(context.link("assets/site.css"))">

            """
            header = """
            <body>
            <a class="skip-link" href="#main">跳到正文</a>
            <header class="site-header">
            <div class="wrap header-inner">
            <a class="brand" href="\(context.link(""))">\(context.site.name)</a>
            <nav class="site-nav" aria-label="主导航">
            <a href="\(context.link(""))">首页</a>
            <a href="\(context.link("regions/"))">地区</a>
            <a href="\(context.link("topics/"))">专题</a>
            <a href="\(context.link("archive/"))">往期</a>
            <a href="\(context.link("search/"))">搜索</a>
            </nav>
            <form class="header-search" action="\(context.link("search/"))" method="get" role="search">
            <input type="search" name="q" placeholder="搜索新闻" aria-label="搜索新闻">
            <button type="submit">搜索</button>
            </form>
            </div>
            </header>
            <main id="main" class="wrap">

            """
            footer = """
            </main>
            <footer class="site-footer">
            <div class="wrap">
            <p>\(context.site.name) · \(context.site.description)</p>
            <p><a href="\(context.link("regions/"))">按地区浏览</a> · <a href="\(context.link("topics/"))">按专题浏览</a> · <a href="\(context.link("archive/"))">往期回顾</a> · <a href="\(context.link("people/"))">记者与通讯员</a> · <a href="\(context.link("search/"))">站内搜索</a> · <a href="\(context.link("feed.xml"))">订阅</a></p>
            </div>
            </footer>
            </body>
            </html>

            """
        }

        private static let lock = NSLock()
        /// By the prefix of the pages' links: the chrome and the site it was made for.
        nonisolated(unsafe) private static var made: [String: (site: SiteInfo, chrome: Chrome)] = [:]

        /// The chrome of pages like the one of `context`: made on first use for its site and depth,
        /// then kept (a site has a handful of depths); made again when another site asks (a preview
        /// whose settings were edited).
        static func of(_ context: PageContext) -> Chrome {
            lock.lock()
            if let kept = made[context.root], kept.site == context.site {
                lock.unlock()
                return kept.chrome
            }
            lock.unlock()
            let chrome = Chrome(context)
            lock.lock()
            made[context.root] = (context.site, chrome)
            lock.unlock()
            return chrome
        }
    }
}
